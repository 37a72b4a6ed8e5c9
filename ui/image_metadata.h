#pragma once
// PNG files that remember how they were made: the full EditState JSON and the model's hash and name
// in PNG text chunks (keys from lscore/session.h), so that opening or dropping the image back into
// the studio restores the state.
//
//   auto status = lsui::saveImageWithState(frame, "star.png", state, hash, name);
//   auto restored = lsui::readImageState("star.png");
//   if (!restored) show(restored.error());   // e.g. "… has no Latent Studio metadata …"

#include <QImage>
#include <QString>

#include "lscore/edit_state.h"
#include "lscore/result.h"

namespace lsui {

struct ImageState {
    lscore::EditState state;
    QString modelHash;
    QString modelName;
};

// `textEncoderHash`: a CLIP-conditioned model's text tower, written when not empty.
lscore::Status saveImageWithState(const QImage& image, const QString& path, const lscore::EditState& state,
                                  const QString& modelHash, const QString& modelName, const QString& textEncoderHash = {});

// Errors say which of: unreadable / not an image, no metadata, metadata that is not valid state JSON.
lscore::Result<ImageState> readImageState(const QString& path);

} // namespace lsui
