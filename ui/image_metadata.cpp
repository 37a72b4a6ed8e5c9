#include "image_metadata.h"

#include <exception>

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>

#include "lscore/session.h"
#include "qt_bridge.h"

namespace lsui {

namespace {
QString key(const char* name) { return QString::fromLatin1(name); }
}

lscore::Status saveImageWithState(const QImage& image, const QString& path, const lscore::EditState& state,
                                  const QString& modelHash, const QString& modelName)
{
    if (image.isNull())
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "There is no image to save yet: wait for the first frame.")));
    QImage tagged = image;
    tagged.setText(key(lscore::kPngKeyState), toQString(state.toJson().dump()));
    tagged.setText(key(lscore::kPngKeyModelHash), modelHash);
    tagged.setText(key(lscore::kPngKeyModelName), modelName);
    tagged.setText(key(lscore::kPngKeySoftware), QStringLiteral("Latent Studio " LSTUDIO_VERSION));
    QImageWriter writer(path, "png");
    if (!writer.write(tagged))
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "Could not write %1: %2. Choose a folder you can write to.")
                                           .arg(path, writer.errorString())));
    return lscore::Status::success();
}

lscore::Result<ImageState> readImageState(const QString& path)
{
    QImageReader reader(path);
    const QImage image = reader.read();
    if (image.isNull())
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "Could not read %1 as an image: %2.").arg(path, reader.errorString())));
    const QString stateText = image.text(key(lscore::kPngKeyState));
    if (stateText.isEmpty())
        return lscore::makeError(toStd(
            QCoreApplication::translate("lsui::ImageMetadata", "%1 has no Latent Studio metadata, so there is no state to restore. Only images saved by "
                   "Latent Studio (Save Image, export) carry their settings.").arg(QFileInfo(path).fileName())));
    ImageState result;
    try {
        const auto json = nlohmann::json::parse(toStd(stateText));
        auto state = lscore::EditState::fromJson(json);
        if (!state)
            return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "The settings stored in %1 are damaged: %2")
                                               .arg(QFileInfo(path).fileName(), toQString(state.error()))));
        result.state = std::move(state.value());
    } catch (const std::exception& e) {
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "The settings stored in %1 are not valid JSON: %2")
                                           .arg(QFileInfo(path).fileName(), QString::fromLocal8Bit(e.what()))));
    }
    result.modelHash = image.text(key(lscore::kPngKeyModelHash));
    result.modelName = image.text(key(lscore::kPngKeyModelName));
    return result;
}

} // namespace lsui
