#pragma once
// What this binary was built from and with: the facts `latent-studio --version` and
// `latent-studio-lab --version` print, and what a bug report should quote. Torch-free header: the
// Qt front end includes it without pulling in libtorch.
//
//   const lscore::BuildInfo info = lscore::buildInfo();
//   std::printf("my-tool %s\n%s", info.version.c_str(), lscore::formatBuildInfo(info).c_str());
//
// The git commit is the one checked out when CMake last configured the build tree (with "-dirty"
// when tracked files had local changes then); it is "unknown" for builds from a tarball.
// Thread safety: both functions may be called from any thread.

#include <string>

namespace lscore {

struct BuildInfo {
    std::string version;        // project version, e.g. "0.1.0"
    std::string gitCommit;      // e.g. "53ecfb9a1c2d" or "53ecfb9a1c2d-dirty"; "unknown" if not known
    std::string buildType;      // CMake build type, e.g. "Release"
    std::string compiler;       // e.g. "GCC 12.2.0"
    std::string torchVersion;   // libtorch the binary was compiled against, e.g. "1.13.1"
    std::string torchBackend;   // "CPU" or "CUDA <runtime version>" (what libtorch was built with)
    std::string torchBlas;      // BLAS libtorch was built with, e.g. "open" (OpenBLAS); "" if unknown
    int cudaDevices = 0;        // CUDA devices visible now (0 for a CPU-only libtorch)
    int cpuThreads = 0;         // intra-op threads libtorch will use
};

BuildInfo buildInfo();

// One "name: value" line per field except `version` (the caller prints it beside the program's
// name), each ending in '\n', ready for --version output.
std::string formatBuildInfo(const BuildInfo& info);

} // namespace lscore
