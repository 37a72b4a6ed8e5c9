// latent-studio-lab: the Qt-free tool for training, evaluation, benchmarks and reference checks.
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"
#include "lscore/build_info.h"
#include "lscore/tensor_allocator.h"

namespace {

void printUsage(std::FILE* out)
{
    std::fprintf(out,
        "Usage: latent-studio-lab COMMAND [OPTIONS]\n"
        "\n"
        "Commands:\n"
        "  verify-reference FILE   reproduce a reference fixture's io.* outputs and print the errors\n"
        "  bench --model FILE      time rendering and print JSON\n"
        "  train [OPTIONS]         train the Shapes World text-to-image GAN (resumable)\n"
        "  evaluate --model FILE   score a Shapes World model and print JSON\n"
        "\n"
        "Run 'latent-studio-lab COMMAND --help' for a command's options.\n"
        "Exit status: 0 success, 1 the check or task failed, 2 bad usage or unreadable input.\n");
}

} // namespace

int main(int argc, char** argv)
{
    lscore::keepFreedTensorMemoryForReuse();
    if (argc < 2) {
        printUsage(stderr);
        return 2;
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        printUsage(stdout);
        return 0;
    }
    if (command == "--version") {
        std::printf("latent-studio-lab %s\n%s", LSTUDIO_VERSION, lscore::formatBuildInfo(lscore::buildInfo()).c_str());
        return 0;
    }
    // Subcommands see argv shifted so that argv[0] is the command name.
    if (command == "verify-reference") return lab::verifyReference(argc - 1, argv + 1);
    if (command == "bench") return lab::bench(argc - 1, argv + 1);
    if (command == "train") return lab::train(argc - 1, argv + 1);
    if (command == "evaluate") return lab::evaluate(argc - 1, argv + 1);
    std::fprintf(stderr, "latent-studio-lab: unknown command '%s'\n\n", command.c_str());
    printUsage(stderr);
    return 2;
}
