#pragma once
// A dependency-free PNG writer: 8-bit RGB, uncompressed ("stored") deflate blocks, text chunks.
// Torch-free and zlib-free, so the Qt-free lab tool can save sample grids; the studio's exports go
// through the media layer instead. Files are about width × height × 3 bytes (no compression).
//
//   lscore::Status status = lscore::writePng("grid.png", image, {{"latent-studio:seed", "42"}});
//   if (!status) std::cerr << status.error() << '\n';
//
// Text chunks: keys are 1–79 Latin-1 characters (given as UTF-8), printable, without leading,
// trailing or doubled spaces (PNG §11.3.4.3). A value written in ASCII goes into a tEXt chunk; any
// other UTF-8 value goes into an uncompressed iTXt chunk, because tEXt can only hold Latin-1 and a
// prompt may be in any language. QImage::text() and libpng read both.
//
// Thread safety: free functions with no shared state.

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "lscore/image.h"
#include "lscore/result.h"

namespace lscore {

using PngTextChunks = std::vector<std::pair<std::string, std::string>>;

// The PNG file's bytes, or an empty vector when the image or a text chunk is invalid
// (validatePng() says why).
std::vector<std::byte> encodePng(const Image& image, const PngTextChunks& textChunks = {});

// Why encodePng() would refuse these inputs; success when it would not.
Status validatePng(const Image& image, const PngTextChunks& textChunks = {});

// Writes "<path>.partial" and renames it, so a failed write leaves no truncated PNG behind.
Status writePng(const std::string& path, const Image& image, const PngTextChunks& textChunks = {});

} // namespace lscore
