#pragma once
// Where the studio finds the embedded default model (Shapes World 128).
//
//   const QString path = lsui::defaultModelPath();
//   if (path.isEmpty()) showNoModelState(); else open(path);

#include <QString>

namespace lsui {

// The first existing file of, in order:
//   1. $LATENT_STUDIO_MODEL
//   2. <executable dir>/../share/latent-studio/models/shapes-world-128.safetensors   (installed)
//   3. <source tree>/resources/models/shapes-world-128.safetensors                 (developer build)
// or an empty string when none exists. Needs a QCoreApplication for step 2.
QString defaultModelPath();

} // namespace lsui
