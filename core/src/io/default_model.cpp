#include "lscore/default_model.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace lscore {
namespace {

std::filesystem::path executableDirectory()
{
    std::error_code error;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path{} : exe.parent_path();
}

} // namespace

std::vector<std::string> dataFileCandidates(const std::string& relativePath, const char* environmentVariable)
{
    std::vector<std::string> candidates;
    if (environmentVariable != nullptr)
        if (const char* fromEnvironment = std::getenv(environmentVariable); fromEnvironment && *fromEnvironment)
            candidates.emplace_back(fromEnvironment);
    const auto exeDir = executableDirectory();
    if (!exeDir.empty())
        candidates.push_back((exeDir / ".." / "share" / "latent-studio" / relativePath).lexically_normal().string());
    return candidates;
}

std::string findDataFile(const std::string& relativePath, const char* environmentVariable)
{
    if (environmentVariable != nullptr)
        if (const char* fromEnvironment = std::getenv(environmentVariable); fromEnvironment && *fromEnvironment)
            return fromEnvironment;   // returned even if missing: opening it names the user's mistake
    for (const std::string& candidate : dataFileCandidates(relativePath, nullptr)) {
        std::error_code error;
        if (std::filesystem::is_regular_file(candidate, error)) return candidate;
    }
    return {};
}

std::vector<std::string> defaultModelCandidates()
{
    return dataFileCandidates(std::string("models/") + kDefaultModelFileName, "LATENT_STUDIO_MODEL");
}

std::string defaultModelPath()
{
    return findDataFile(std::string("models/") + kDefaultModelFileName, "LATENT_STUDIO_MODEL");
}

std::string defaultModelMissingMessage()
{
    std::string message = "No default model is installed (looked for ";
    const auto candidates = defaultModelCandidates();
    for (std::size_t i = 0; i < candidates.size(); ++i) message += (i ? ", " : "") + candidates[i];
    message += "). Name a model with --model FILE.safetensors, or set LATENT_STUDIO_MODEL.";
    return message;
}

} // namespace lscore
