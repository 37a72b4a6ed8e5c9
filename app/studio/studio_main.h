#pragma once
// Opens the studio window: QApplication, translations, settings, theme, main window.
//
//   latent-studio [FILE] [--screenshot PNG] [--no-default-model]
//
// FILE may be a model (.safetensors, .pkl), a session (.lstudio) or a PNG saved by the studio.
// --screenshot grabs the window once the first frame is shown, writes it, and quits (used for docs
// and smoke tests under Xvfb or QT_QPA_PLATFORM=offscreen).
int runStudio(int argc, char** argv);

class QApplication;

namespace studio {
// Application name, organisation, theme and translators: shared by runStudio and bench-interactive.
void setUpApplication(QApplication& app);
} // namespace studio
