#pragma once
// Headless subcommands of latent-studio. They need no display: main() dispatches to them before any
// QApplication exists (a QCoreApplication at most). Each returns the process exit status:
//   0 success, 1 the task failed (render/export error, cancelled), 2 bad usage or unreadable input,
//   3 the output exists and --force was not given.

namespace cli {

int render(int argc, char** argv);           // cli_render.cpp
int exportFrames(int argc, char** argv);     // cli_export.cpp
int info(int argc, char** argv);             // cli_info.cpp
int convert(int argc, char** argv);          // cli_convert.cpp
int directions(int argc, char** argv);       // cli_directions.cpp
int benchInteractive(int argc, char** argv); // cli_bench_interactive.cpp (GUI: real window)

} // namespace cli
