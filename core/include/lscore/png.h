#pragma once
// PNG files with Latent Studio's text chunks: the one PNG encoder and decoder of the project (the
// lab's sample grids, the studio's Save Image and Save Grid, the exporter's frames and sheets and
// the command line all use it), on libpng. Torch- and Qt-free.
//
//   lscore::PngText text{{lscore::kPngKeyState, state.toJson().dump()}};
//   if (Status s = lscore::writePng("x.png", image, text); !s) fail(s.error());
//   auto back = lscore::readPng("x.png");        // back->image, back->text: the same map
//
// Text chunks. Keywords are 1–79 printable Latin-1 characters (given as UTF-8) without leading,
// trailing or doubled spaces (PNG §11.3.4.3). Values are UTF-8: ASCII values go into tEXt (zTXt from
// kCompressTextFrom bytes on), anything else into iTXt (compressed from the same size), because tEXt
// holds only Latin-1 and a prompt may be in any language. Reading accepts tEXt, zTXt and iTXt, so
// every PNG this project or QImage writes reads back; a Latin-1 tEXt value is returned as UTF-8.
//
// Limits on reading (a hostile file gets an error, never a crash or a huge allocation): the file
// at most kMaxPngFileBytes, width and height at most kMaxPngSide, a decompressed text chunk at most
// kMaxPngTextBytes.
//
// Thread safety: free functions with no shared state.

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "lscore/image.h"
#include "lscore/result.h"

namespace lscore {

using PngText = std::map<std::string, std::string>;   // keyword → UTF-8 value

inline constexpr std::size_t kCompressTextFrom = 1024;
inline constexpr std::uint64_t kMaxPngFileBytes = 512ull * 1024 * 1024;
inline constexpr int kMaxPngSide = 16384;
inline constexpr std::size_t kMaxPngTextBytes = 8u * 1024 * 1024;

// Why encodePng() would refuse this text; success when it would not.
Status validatePngText(const PngText& text);

// RGB8 pixels as PNG (zlib level `compression`, 0–9) with the given text chunks.
Result<std::vector<std::uint8_t>> encodePng(const Image& image, const PngText& text = {}, int compression = 6);

struct PngContents {
    Image image;     // RGB8 (grey, palette, alpha and 16-bit files are converted); empty without pixels
    PngText text;
};

// Decodes a PNG. `withPixels` false returns the text alone (the pixels are still checked).
Result<PngContents> decodePng(std::span<const std::uint8_t> png, bool withPixels = true);
// Reads a regular file (a FIFO, device or folder is refused without opening it).
Result<PngContents> readPng(const std::string& path, bool withPixels = true);

// Encodes and writes atomically (lscore/atomic_file.h): a failed write leaves any old file intact.
Status writePng(const std::string& path, const Image& image, const PngText& text = {}, int compression = 6);

} // namespace lscore
