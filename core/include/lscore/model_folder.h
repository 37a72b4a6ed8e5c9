#pragma once
// Model folders: a BigGAN-deep model as its users download it is a folder holding pytorch_model.bin
// (torch.save of the PyTorch port's state dict) and config.json (BigGANConfig.to_json_string()).
// These helpers find its files and its class names without reading the weights; torch-free, so that
// the studio's file dialogs and the command line can use them (lscore/biggan_folder.h reads them).
//
//   if (auto folder = lscore::findBigGanFolder(path)) open(folder->weightsPath, folder->configPath);
//
// Thread safety: free functions with no shared state.

#include <optional>
#include <string>
#include <vector>

namespace lscore {

struct BigGanFolder {
    std::string folder;        // the folder itself
    std::string weightsPath;   // <folder>/pytorch_model.bin (or the .bin that was named)
    std::string configPath;    // <folder>/config.json
};

// `path` is a folder with pytorch_model.bin and config.json, or a .bin file with config.json beside
// it. nullopt when it is neither (no such folder, no .bin, no config.json); bigGanFolderProblem()
// then says which file is missing, for messages.
std::optional<BigGanFolder> findBigGanFolder(const std::string& path);
std::string bigGanFolderProblem(const std::string& path);

// Class names for a class-conditional model without names of its own: `classes.txt` or
// `classes.json` in `folder` (readClassNames' formats) when it names every class, else the
// ImageNet-1k list shipped with Latent Studio when classCount is 1000, else none.
std::vector<std::string> defaultClassNames(const std::string& folder, int classCount);
// The shipped ImageNet-1k list (share/latent-studio/models/imagenet/imagenet-classes.txt, or
// $LATENT_STUDIO_IMAGENET_CLASSES); "" when it is not installed.
std::string imagenetClassNamesPath();

} // namespace lscore
