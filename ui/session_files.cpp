#include "session_files.h"

#include <algorithm>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "comparison_panel.h"
#include "lscore/png.h"
#include "qt_bridge.h"

namespace lsui {

bool isSessionFile(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("lstudio") || suffix == QLatin1String("json");
}

QString resolveSessionPath(const QString& sessionFile, const std::string& stored)
{
    QString path = toQString(stored);
    if (!path.isEmpty() && QFileInfo(path).isRelative())
        path = QDir::cleanPath(QFileInfo(sessionFile).absoluteDir().filePath(path));
    return path;
}

lscore::Session sessionFromStudio(const StudioState& studio, const ModelInfo* model, const lscore::ExportSettings& exportSettings)
{
    lscore::Session session;
    if (model) {
        session.modelPath = toStd(model->path);
        session.modelSha256 = toStd(model->hash);
        session.modelName = model->description.name;
        session.textEncoderPath = toStd(model->textEncoderPath);
        session.textEncoderSha256 = toStd(model->textEncoderHash);
    }
    session.state = studio.edit;
    session.panes = studio.panes;
    session.comparisonColumns = studio.comparisonColumns;
    session.keyframes = studio.keyframes;
    session.exportSettings = exportSettings;
    return session;
}

StudioState studioFromSession(const lscore::Session& session)
{
    StudioState studio;
    studio.edit = session.state;
    studio.panes = session.panes;
    if (studio.panes.size() < static_cast<std::size_t>(ComparisonPanel::kMinPanes))
        studio.panes.resize(ComparisonPanel::kMinPanes);
    studio.comparisonColumns = std::max(1, session.comparisonColumns);
    studio.keyframes = session.keyframes;
    return studio;
}

QStringList paneCaptions(const StudioState& studio, const lscore::ModelDescription* description)
{
    QStringList captions;
    for (const lscore::ComparisonPane& pane : studio.panes) {
        const lscore::EditState state = paneState(studio.edit, pane, description);
        QString subject = toQString(state.promptA);
        if (description && description->conditioning.type == lscore::ConditioningType::Class) {
            const auto& names = description->conditioning.classNames;
            subject = state.classA >= 0 && state.classA < static_cast<int>(names.size())
                          ? toQString(names[static_cast<std::size_t>(state.classA)])
                          : QCoreApplication::translate("lsui::SessionFiles", "class %1").arg(state.classA);
        }
        // A walk pane sits between the main state's A and B: its caption says where.
        if (pane.t && pane.prompt.empty() && description && description->conditioning.type != lscore::ConditioningType::None)
            subject = QCoreApplication::translate("lsui::SessionFiles", "A → B %1").arg(*pane.t, 0, 'f', 2);
        captions << (subject.isEmpty()
                         ? QCoreApplication::translate("lsui::SessionFiles", "seed %1").arg(state.seedA)
                         : QCoreApplication::translate("lsui::SessionFiles", "%1 · seed %2").arg(subject).arg(state.seedA));
    }
    return captions;
}

lscore::Status writeComparisonGrid(const QString& path, const QImage& grid, const StudioState& studio, const ModelInfo* model)
{
    if (grid.isNull())
        return lscore::makeError(toStd(QCoreApplication::translate(
            "lsui::SessionFiles", "The comparison grid has no images yet: show the Comparison panel and wait for its frames.")));
    const lscore::ModelDescription* description = model ? &model->description : nullptr;
    nlohmann::json paneStates = nlohmann::json::array();
    for (const lscore::ComparisonPane& pane : studio.panes)
        paneStates.push_back(paneState(studio.edit, pane, description).toJson());
    lscore::PngText text{{lscore::kPngKeyState, studio.edit.toJson().dump()},
                         {lscore::kPngKeyGridPanes, paneStates.dump()},
                         {lscore::kPngKeyModelHash, model ? toStd(model->hash) : std::string()},
                         {lscore::kPngKeyModelName, model ? model->description.name : std::string()},
                         {lscore::kPngKeySoftware, "Latent Studio " LSTUDIO_VERSION}};
    if (model && !model->textEncoderHash.isEmpty())
        text[lscore::kPngKeyTextEncoderHash] = toStd(model->textEncoderHash);
    if (lscore::Status written = lscore::writePng(toStd(path), fromQImage(grid), text); !written)
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::SessionFiles", "%1 Choose a folder you can write to, or free some space.")
                                           .arg(toQString(written.error()))));
    return lscore::Status::success();
}

} // namespace lsui
