// Session files without a window: what a session keeps of the studio and gives back, where the paths
// it stores point, the comparison grid's captions and its PNG that remembers every pane.
#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "comparison_panel.h"
#include "lscore/png.h"
#include "session_files.h"

using namespace lsui;

namespace {

lsui::StudioState sampleStudio()
{
    StudioState studio;
    studio.edit.promptA = "a red star";
    studio.edit.promptB = "a blue ring";
    studio.edit.seedA = 7;
    studio.edit.seedB = 9;
    studio.edit.promptT = 0.25;
    studio.edit.truncationPsi = 0.7;
    studio.edit.translateX = 0.125;   // StyleGAN3's move and turn travel too
    studio.edit.rotateDegrees = 30.0;
    studio.panes = {{"a green heart", std::nullopt}, {"", 42u}, {"a big ring", 3u}};
    studio.comparisonColumns = 3;
    studio.keyframes.keyframes.push_back({});
    studio.keyframes.keyframes.back().state = studio.edit;
    return studio;
}

ModelInfo sampleModel()
{
    ModelInfo model;
    model.path = QStringLiteral("/models/shapes.safetensors");
    model.hash = QStringLiteral("ab12");
    model.description.name = "shapes";
    model.description.conditioning.type = lscore::ConditioningType::Text;
    return model;
}

} // namespace

class TestSessionFiles : public QObject {
    Q_OBJECT
private slots:
    void sessionSuffixes_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("session");
        QTest::newRow("lstudio") << QStringLiteral("/a/look.lstudio") << true;
        QTest::newRow("upper case") << QStringLiteral("LOOK.LSTUDIO") << true;
        QTest::newRow("older json") << QStringLiteral("look.json") << true;
        QTest::newRow("model") << QStringLiteral("model.safetensors") << false;
        QTest::newRow("image") << QStringLiteral("look.png") << false;
        QTest::newRow("no suffix") << QStringLiteral("lstudio") << false;
    }
    void sessionSuffixes()
    {
        QFETCH(QString, path);
        QFETCH(bool, session);
        QCOMPARE(isSessionFile(path), session);
    }

    // Rows are relative to a folder of this machine's; "absolute" is a path outside the session's folder.
    void storedPathsResolveAgainstTheSessionFolder_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("resolved");
        const QString root = QDir::currentPath();
        QTest::newRow("beside") << QStringLiteral("model.safetensors") << root + QStringLiteral("/looks/model.safetensors");
        QTest::newRow("below") << QStringLiteral("models/m.pkl") << root + QStringLiteral("/looks/models/m.pkl");
        QTest::newRow("above") << QStringLiteral("../models/m.pkl") << root + QStringLiteral("/models/m.pkl");
        QTest::newRow("absolute") << root + QStringLiteral("/data/m.pkl") << root + QStringLiteral("/data/m.pkl");
        QTest::newRow("none") << QString() << QString();
    }
    void storedPathsResolveAgainstTheSessionFolder()
    {
        QFETCH(QString, stored);
        QFETCH(QString, resolved);
        QCOMPARE(resolveSessionPath(QDir::currentPath() + QStringLiteral("/looks/look.lstudio"), stored.toStdString()), resolved);
    }

    void aSessionGivesBackTheStudioItKept()
    {
        QTemporaryDir dir;
        const StudioState studio = sampleStudio();
        const ModelInfo model = sampleModel();
        lscore::ExportSettings exportSettings;
        exportSettings.format = "gif";
        exportSettings.fps = 12;
        const QString path = dir.filePath(QStringLiteral("look.lstudio"));
        QVERIFY(lscore::writeSessionFile(path.toStdString(), sessionFromStudio(studio, &model, exportSettings)).ok());

        auto read = lscore::readSessionFile(path.toStdString());
        QVERIFY2(read.ok(), read.ok() ? "" : read.error().c_str());
        QCOMPARE(read->modelPath, std::string("/models/shapes.safetensors"));
        QCOMPARE(read->modelSha256, std::string("ab12"));
        QCOMPARE(read->modelName, std::string("shapes"));
        QCOMPARE(read->textEncoderPath, std::string());
        QVERIFY(read->exportSettings == exportSettings);
        QVERIFY(studioFromSession(*read) == studio);
    }

    void aSessionWithoutAModelKeepsItsState()
    {
        const StudioState studio = sampleStudio();
        const lscore::Session session = sessionFromStudio(studio, nullptr, {});
        QVERIFY(session.modelPath.empty());
        QVERIFY(session.modelSha256.empty());
        QVERIFY(studioFromSession(session) == studio);
    }

    void aSessionAlwaysHasTheComparisonsMinimum()
    {
        lscore::Session session;
        session.comparisonColumns = 0;
        const StudioState studio = studioFromSession(session);
        QCOMPARE(static_cast<int>(studio.panes.size()), ComparisonPanel::kMinPanes);
        QCOMPARE(studio.comparisonColumns, 1);
    }

    void captionsNameWhatEachPaneShows()
    {
        const StudioState studio = sampleStudio();
        // Text prompts: the pane's own prompt, or the main one when the pane has none; its seed.
        QCOMPARE(paneCaptions(studio, nullptr), QStringList({QStringLiteral("a green heart · seed 7"), QStringLiteral("a red star · seed 42"),
                                                             QStringLiteral("a big ring · seed 3")}));
        StudioState noPrompt = studio;
        noPrompt.edit.promptA.clear();
        QCOMPARE(paneCaptions(noPrompt, nullptr).at(1), QStringLiteral("seed 42"));

        // Class models: the class name, or its number when the model names none.
        lscore::ModelDescription classes;
        classes.conditioning.type = lscore::ConditioningType::Class;
        classes.conditioning.classCount = 3;
        classes.conditioning.classNames = {"tench", "goldfish", "shark"};
        StudioState classStudio;
        classStudio.edit.classA = 1;
        classStudio.edit.seedA = 5;
        classStudio.panes = {{"shark", std::nullopt}, {"", 8u}};
        QCOMPARE(paneCaptions(classStudio, &classes), QStringList({QStringLiteral("shark · seed 5"), QStringLiteral("goldfish · seed 8")}));
        classes.conditioning.classNames.clear();
        QCOMPARE(paneCaptions(classStudio, &classes).at(1), QStringLiteral("class 1 · seed 8"));
    }

    void theGridPngRemembersEveryPane()
    {
        QTemporaryDir dir;
        const StudioState studio = sampleStudio();
        const ModelInfo model = sampleModel();
        QImage grid(96, 32, QImage::Format_RGB888);
        grid.fill(QColor(10, 200, 30));
        const QString path = dir.filePath(QStringLiteral("grid.png"));
        const lscore::Status status = writeComparisonGrid(path, grid, studio, &model);
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().c_str());

        auto png = lscore::readPng(path.toStdString(), /*withPixels=*/true);
        QVERIFY(png.ok());
        QCOMPARE(png->image.width, 96);
        QCOMPARE(png->text.at(lscore::kPngKeyModelHash), std::string("ab12"));
        QCOMPARE(png->text.at(lscore::kPngKeyModelName), std::string("shapes"));
        QVERIFY(!png->text.count(lscore::kPngKeyTextEncoderHash));
        auto editor = lscore::EditState::fromJson(nlohmann::json::parse(png->text.at(lscore::kPngKeyState)));
        QVERIFY(editor.ok());
        QVERIFY(*editor == studio.edit);
        const nlohmann::json panes = nlohmann::json::parse(png->text.at(lscore::kPngKeyGridPanes));
        QCOMPARE(panes.size(), studio.panes.size());
        for (std::size_t i = 0; i < studio.panes.size(); ++i) {
            auto pane = lscore::EditState::fromJson(panes[i]);
            QVERIFY(pane.ok());
            QVERIFY(*pane == paneState(studio.edit, studio.panes[i], &model.description));
            QCOMPARE(pane->promptA, studio.panes[i].prompt.empty() ? studio.edit.promptA : studio.panes[i].prompt);
        }
    }

    void aGridThatCannotBeWrittenSaysWhatToDo()
    {
        QTemporaryDir dir;
        const StudioState studio = sampleStudio();
        const lscore::Status empty = writeComparisonGrid(dir.filePath(QStringLiteral("grid.png")), QImage(), studio, nullptr);
        QVERIFY(!empty.ok());
        QVERIFY2(QString::fromStdString(empty.error()).contains(QStringLiteral("Comparison panel")), empty.error().c_str());

        QImage grid(8, 8, QImage::Format_RGB888);
        grid.fill(Qt::white);
        const lscore::Status nowhere = writeComparisonGrid(dir.filePath(QStringLiteral("missing/folder/grid.png")), grid, studio, nullptr);
        QVERIFY(!nowhere.ok());
        QVERIFY2(QString::fromStdString(nowhere.error()).contains(QStringLiteral("Choose a folder you can write to")), nowhere.error().c_str());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("missing"))));
    }
};

QTEST_GUILESS_MAIN(TestSessionFiles)
#include "test_session_files.moc"
