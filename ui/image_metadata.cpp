#include "image_metadata.h"

#include <exception>

#include <QCoreApplication>
#include <QFileInfo>

#include "lscore/json_input.h"
#include "lscore/png.h"
#include "lscore/session.h"
#include "qt_bridge.h"

namespace lsui {

lscore::Status saveImageWithState(const QImage& image, const QString& path, const lscore::EditState& state,
                                  const QString& modelHash, const QString& modelName, const QString& textEncoderHash)
{
    if (image.isNull())
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "There is no image to save yet: wait for the first frame.")));
    // The one PNG writer of the project (lscore/png.h): what the command line and the exporter
    // write and read, written beside the target and renamed, so a full disk keeps the old file.
    lscore::PngText text{{lscore::kPngKeyState, state.toJson().dump()},
                               {lscore::kPngKeyModelHash, toStd(modelHash)},
                               {lscore::kPngKeyModelName, toStd(modelName)},
                               {lscore::kPngKeySoftware, "Latent Studio " LSTUDIO_VERSION}};
    if (!textEncoderHash.isEmpty())
        text[lscore::kPngKeyTextEncoderHash] = toStd(textEncoderHash);
    if (lscore::Status written = lscore::writePng(toStd(path), fromQImage(image), text); !written)
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "%1 Choose a folder you can write to, or free some space.")
                                           .arg(toQString(written.error()))));
    return lscore::Status::success();
}

lscore::Result<ImageState> readImageState(const QString& path)
{
    auto png = lscore::readPng(toStd(path), /*withPixels=*/false);
    if (!png)
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "Could not read %1 as a PNG image: %2 Only PNG images "
                                                                   "saved by Latent Studio carry their settings.")
                                           .arg(QFileInfo(path).fileName(), toQString(png.error()))));
    const auto stateText = png->text.find(lscore::kPngKeyState);
    if (stateText == png->text.end())
        return lscore::makeError(toStd(
            QCoreApplication::translate("lsui::ImageMetadata", "%1 has no Latent Studio metadata, so there is no state to restore. Only images saved by "
                   "Latent Studio (Save Image, export) carry their settings.").arg(QFileInfo(path).fileName())));
    ImageState result;
    const auto json = lscore::parseUntrustedJson(stateText->second, "the state");
    if (!json)
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "The settings stored in %1 are damaged: %2")
                                           .arg(QFileInfo(path).fileName(), toQString(json.error()))));
    auto state = lscore::EditState::fromJson(*json);
    if (!state)
        return lscore::makeError(toStd(QCoreApplication::translate("lsui::ImageMetadata", "The settings stored in %1 are damaged: %2")
                                           .arg(QFileInfo(path).fileName(), toQString(state.error()))));
    result.state = std::move(state.value());
    auto textOf = [&](const char* key) {
        const auto it = png->text.find(key);
        return it == png->text.end() ? QString() : toQString(it->second);
    };
    result.modelHash = textOf(lscore::kPngKeyModelHash);
    result.modelName = textOf(lscore::kPngKeyModelName);
    return result;
}

} // namespace lsui
