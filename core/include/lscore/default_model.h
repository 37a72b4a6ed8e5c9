#pragma once
// Where the studio and the command line find the embedded default model when the user names none.
// Torch-free: the UI and the CLI share it.
//
//   std::string model = lscore::defaultModelPath();
//   if (model.empty()) { std::cerr << lscore::defaultModelMissingMessage() << '\n'; return 2; }
//
// Search order (the first that exists wins):
//  1. $LATENT_STUDIO_MODEL (returned even if missing, so that opening it names the user's mistake);
//  2. <directory of the executable>/../share/latent-studio/models/shapes-world-128.safetensors:
//     the installed layout, which a build tree mirrors (<build>/share/latent-studio/models links to
//     the source tree's resources/models), so no source path is compiled in.

#include <string>
#include <vector>

namespace lscore {

inline constexpr const char* kDefaultModelFileName = "shapes-world-128.safetensors";

// Any installed data file by its path under the data folder ("models/x.safetensors"): the same
// order with `environmentVariable` (may be null) first, then the share folder beside the executable.
std::vector<std::string> dataFileCandidates(const std::string& relativePath, const char* environmentVariable);
std::string findDataFile(const std::string& relativePath, const char* environmentVariable);   // "" if none exists

std::string defaultModelPath();                      // "" when no default model exists
std::vector<std::string> defaultModelCandidates();   // the places searched, in order
std::string defaultModelMissingMessage();            // names the places and suggests --model

} // namespace lscore
