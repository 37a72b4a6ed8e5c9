#pragma once
// PNG with Latent Studio metadata. OpenCV compresses the pixels; the text chunks (tEXt for ASCII
// values, iTXt for UTF-8) are inserted before IEND by our own chunk code with correct CRC-32, so
// every exported image carries its EditState and model hash and can be dropped back into the studio.
//
//   std::map<std::string, std::string> text = {{lscore::kPngKeyState, state.toJson().dump()}};
//   auto bytes = lsmedia::encodePng(image, text);
//   if (bytes) lsmedia::writeFileChecked("out.png", *bytes);
//   auto back = lsmedia::readPngText("out.png");   // the same map (uncompressed tEXt/iTXt chunks)

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "lscore/image.h"
#include "lscore/result.h"

namespace lsmedia {

using PngText = std::map<std::string, std::string>;

// CRC-32 (ISO-HDLC, as PNG uses it) of bytes, continuing from `crc` (start with 0).
std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t crc = 0);

// Encodes RGB8 pixels as PNG (zlib level `compression`, 0–9) with the given text chunks. Keywords
// must be 1–79 printable Latin-1 characters; values are written as tEXt when ASCII, else as iTXt.
lscore::Result<std::vector<std::uint8_t>> encodePng(const lscore::Image& image, const PngText& text = {},
                                                    int compression = 6);

// Inserts text chunks before IEND of an existing PNG byte stream (validates the chunk layout).
lscore::Result<std::vector<std::uint8_t>> insertPngText(std::span<const std::uint8_t> png, const PngText& text);

// Reads the uncompressed tEXt and iTXt chunks of a PNG (compressed ones are skipped). Every chunk's
// length and CRC are checked; a damaged file gives an error, never a crash.
lscore::Result<PngText> readPngText(std::span<const std::uint8_t> png);
lscore::Result<PngText> readPngText(const std::string& path);

// Decodes a PNG (or any image OpenCV reads) into RGB8.
lscore::Result<lscore::Image> readImage(const std::string& path);

// Encodes and writes a PNG with text chunks, checking every write.
lscore::Status writePng(const std::string& path, const lscore::Image& image, const PngText& text = {},
                        int compression = 6);

} // namespace lsmedia
