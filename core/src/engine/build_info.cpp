#include "lscore/build_info.h"

#include <exception>
#include <sstream>
#include <string>

#include <torch/torch.h>
#include <torch/version.h>

#ifndef LSTUDIO_GIT_COMMIT
#define LSTUDIO_GIT_COMMIT "unknown"
#endif
#ifndef LSTUDIO_BUILD_TYPE
#define LSTUDIO_BUILD_TYPE "unknown"
#endif

namespace lscore {
namespace {

std::string compilerName()
{
#if defined(__clang__)
    return "Clang " __clang_version__;
#elif defined(__GNUC__)
    return "GCC " __VERSION__;
#else
    return "unknown compiler";
#endif
}

// libtorch reports how it was built only as one human-readable block (at::show_config()), e.g.
// "  - Build settings: BLAS_INFO=open, ..., USE_CUDA=OFF, ...". Pull single settings out of it.
std::string buildSetting(const std::string& config, const std::string& key)
{
    const std::string needle = key + "=";
    const auto start = config.find(needle);
    if (start == std::string::npos) return {};
    const auto valueStart = start + needle.size();
    const auto valueEnd = config.find_first_of(",\n", valueStart);
    return config.substr(valueStart, valueEnd == std::string::npos ? std::string::npos : valueEnd - valueStart);
}

std::string cudaRuntimeVersion(const std::string& config)
{
    // A CUDA build lists "  - CUDA Runtime 11.8" among its features.
    const std::string marker = "CUDA Runtime ";
    const auto start = config.find(marker);
    if (start == std::string::npos) return {};
    const auto valueStart = start + marker.size();
    return config.substr(valueStart, config.find('\n', valueStart) - valueStart);
}

} // namespace

BuildInfo buildInfo()
{
    BuildInfo info;
    info.version = LSTUDIO_VERSION;
    info.gitCommit = LSTUDIO_GIT_COMMIT;
    info.buildType = LSTUDIO_BUILD_TYPE;
    info.compiler = compilerName();
    info.torchVersion = TORCH_VERSION;
    info.torchBackend = "CPU";
    try {
        const std::string config = at::show_config();
        info.torchBlas = buildSetting(config, "BLAS_INFO");
        if (buildSetting(config, "USE_CUDA") == "ON") {
            const std::string runtime = cudaRuntimeVersion(config);
            info.torchBackend = runtime.empty() ? "CUDA" : "CUDA " + runtime;
            info.cudaDevices = static_cast<int>(torch::cuda::device_count());
        }
        info.cpuThreads = at::get_num_threads();
    } catch (const std::exception&) {
        // Version output must never fail: keep the compile-time facts gathered above.
    }
    return info;
}

std::string formatBuildInfo(const BuildInfo& info)
{
    std::ostringstream out;
    out << "git commit: " << info.gitCommit << '\n'
        << "build type: " << info.buildType << '\n'
        << "compiler: " << info.compiler << '\n'
        << "libtorch: " << info.torchVersion << " (" << info.torchBackend;
    if (!info.torchBlas.empty()) out << ", BLAS " << info.torchBlas;
    out << ")\n";
    if (info.torchBackend != "CPU") out << "CUDA devices: " << info.cudaDevices << '\n';
    out << "CPU threads: " << info.cpuThreads << '\n';
    return out.str();
}

} // namespace lscore
