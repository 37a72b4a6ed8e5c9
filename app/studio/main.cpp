// latent-studio: the studio GUI and its headless subcommands.
//
// `latent-studio` with no command (or with a model/session/image path) opens the studio; the
// subcommands below run without a display.
#include <cstdio>
#include <cstring>
#include <string>

#include <QtGlobal>

#include "cli.h"
#include "lscore/build_info.h"
#include "lscore/tensor_allocator.h"
#include "studio_main.h"

namespace {

void printUsage(std::FILE* out)
{
    std::fprintf(out,
        "Usage: latent-studio [FILE]              open the studio (optionally a model, session or PNG)\n"
        "       latent-studio COMMAND [OPTIONS]\n"
        "\n"
        "Commands (no display needed):\n"
        "  render     render one image from flags, a session, or a PNG's embedded state\n"
        "  export     export a session's keyframe path as PNG frames, MP4, GIF or a contact sheet\n"
        "  info       print a model's description as JSON\n"
        "  convert    convert an NVlabs .pkl snapshot to a .safetensors model\n"
        "  directions find SeFa or GANSpace directions of a model and write them as a directions file\n"
        "  bench-interactive  drive a scripted slider drag through the real window, print latency JSON\n"
        "\n"
        "Options: --help, --version. Run 'latent-studio COMMAND --help' for a command's options.\n"
        "Exit status: 0 success, 1 the task failed, 2 bad usage or unreadable input,\n"
        "             3 the output exists (use --force).\n");
}

// `latent-studio --version`: what a bug report needs. Runs before any QApplication exists.
int printVersion()
{
    std::printf("latent-studio %s\n%sQt: %s (built against %s)\n", LSTUDIO_VERSION,
                lscore::formatBuildInfo(lscore::buildInfo()).c_str(), qVersion(), QT_VERSION_STR);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    lscore::keepFreedTensorMemoryForReuse();
    if (argc >= 2) {
        const std::string command = argv[1];
        if (command == "--help" || command == "-h" || command == "help") {
            printUsage(stdout);
            return 0;
        }
        if (command == "--version" || command == "-V") return printVersion();
        if (command == "render") return cli::render(argc - 1, argv + 1);
        if (command == "export") return cli::exportFrames(argc - 1, argv + 1);
        if (command == "info") return cli::info(argc - 1, argv + 1);
        if (command == "convert") return cli::convert(argc - 1, argv + 1);
        if (command == "directions") return cli::directions(argc - 1, argv + 1);
        if (command == "bench-interactive") return cli::benchInteractive(argc - 1, argv + 1);
    }
    return runStudio(argc, argv);
}
