// PNG encoding and decoding on libpng (lscore/png.h).
//
// libpng reports errors by longjmp. Each function below keeps everything it builds in a heap state
// object created before setjmp and only reached through a pointer that never changes afterwards,
// so nothing a longjmp skips needs a destructor and no automatic variable is modified between
// setjmp and longjmp.
#include "lscore/png.h"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>

#include <png.h>

#include "lscore/atomic_file.h"
#include "lscore/json_input.h"

namespace lscore {
namespace {

struct ErrorSink {
    char message[256] = {};
};

extern "C" void onPngError(png_structp png, png_const_charp message)
{
    auto* sink = static_cast<ErrorSink*>(png_get_error_ptr(png));
    if (sink) std::snprintf(sink->message, sizeof sink->message, "%s", message ? message : "unknown error");
    png_longjmp(png, 1);
}

extern "C" void onPngWarning(png_structp, png_const_charp) {}

bool isAscii(const std::string& text)
{
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
}

// A keyword given as UTF-8, as the Latin-1 bytes PNG stores; empty when it is not valid.
std::string latin1Keyword(const std::string& key)
{
    std::string out;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const auto c = static_cast<unsigned char>(key[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < key.size()) {
            out.push_back(static_cast<char>(((c & 0x03) << 6) | (static_cast<unsigned char>(key[++i]) & 0x3F)));
        } else {
            return {};
        }
    }
    for (unsigned char c : out)
        if (c < 0x20 || (c > 0x7E && c < 0xA1)) return {};
    if (out.empty() || out.size() > 79 || out.front() == ' ' || out.back() == ' ' || out.find("  ") != std::string::npos) return {};
    return out;
}

std::string latin1ToUtf8(const char* text, std::size_t length)
{
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back(static_cast<char>(0xC0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }
    return out;
}

struct EncodeState {
    ErrorSink sink;
    std::vector<std::uint8_t> out;
    std::vector<std::string> keys;    // Latin-1 keywords, alive until png_write_info
    std::vector<png_text> chunks;
    std::vector<png_bytep> rows;
};

extern "C" void writeToVector(png_structp png, png_bytep data, png_size_t length)
{
    auto* state = static_cast<EncodeState*>(png_get_io_ptr(png));
    state->out.insert(state->out.end(), data, data + length);
}

extern "C" void flushNothing(png_structp) {}

struct DecodeState {
    ErrorSink sink;
    std::span<const std::uint8_t> input;
    std::size_t offset = 0;
    PngContents contents;
    std::vector<std::uint8_t> pixels;   // RGB rows
    std::vector<png_bytep> rows;
};

extern "C" void readFromSpan(png_structp png, png_bytep data, png_size_t length)
{
    auto* state = static_cast<DecodeState*>(png_get_io_ptr(png));
    if (length > state->input.size() - state->offset) png_error(png, "the file ends inside a chunk (truncated)");
    std::memcpy(data, state->input.data() + state->offset, length);
    state->offset += length;
}

void collectText(png_structp png, png_infop info, PngText& text)
{
    png_textp chunks = nullptr;
    int count = 0;
    png_get_text(png, info, &chunks, &count);
    for (int i = 0; i < count; ++i) {
        const png_text& chunk = chunks[i];
        if (chunk.key == nullptr || chunk.text == nullptr) continue;
        const std::string key = latin1ToUtf8(chunk.key, std::strlen(chunk.key));
        const bool international = chunk.compression == PNG_ITXT_COMPRESSION_NONE || chunk.compression == PNG_ITXT_COMPRESSION_zTXt;
        const std::size_t length = international ? chunk.itxt_length : chunk.text_length;
        text[key] = international ? std::string(chunk.text, length) : latin1ToUtf8(chunk.text, length);
    }
}

} // namespace

Status validatePngText(const PngText& text)
{
    for (const auto& [key, value] : text) {
        if (latin1Keyword(key).empty())
            return makeError("PNG text keyword \"" + key.substr(0, 80) + "\" must be 1-79 printable Latin-1 characters "
                             "without leading, trailing or doubled spaces.");
        if (!isValidUtf8(value)) return makeError("the PNG text \"" + key + "\" is not valid UTF-8.");
        if (value.size() > kMaxPngTextBytes)
            return makeError("the PNG text \"" + key + "\" is " + std::to_string(value.size() / 1024) + " KiB, more than a PNG of ours may hold.");
    }
    return Status::success();
}

Result<std::vector<std::uint8_t>> encodePng(const Image& image, const PngText& text, int compression)
{
    if (image.isNull() || image.rgb.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3)
        return makeError("Cannot encode an empty or inconsistent image as PNG.");
    if (image.width > kMaxPngSide || image.height > kMaxPngSide)
        return makeError("Cannot encode a PNG of more than " + std::to_string(kMaxPngSide) + " pixels a side (what the reader accepts).");
    if (Status s = validatePngText(text); !s) return Error{s.error()};
    auto state = std::make_unique<EncodeState>();
    for (const auto& [key, value] : text) state->keys.push_back(latin1Keyword(key));
    std::size_t k = 0;
    for (const auto& [key, value] : text) {
        png_text chunk{};
        const bool ascii = isAscii(value);
        const bool compressed = value.size() >= kCompressTextFrom;
        chunk.compression = ascii ? (compressed ? PNG_TEXT_COMPRESSION_zTXt : PNG_TEXT_COMPRESSION_NONE)
                                  : (compressed ? PNG_ITXT_COMPRESSION_zTXt : PNG_ITXT_COMPRESSION_NONE);
        chunk.key = state->keys[k++].data();
        chunk.text = const_cast<char*>(value.data());
        if (ascii) chunk.text_length = value.size();
        else chunk.itxt_length = value.size();
        state->chunks.push_back(chunk);
    }
    for (int y = 0; y < image.height; ++y) state->rows.push_back(const_cast<png_bytep>(image.row(y)));

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state->sink, onPngError, onPngWarning);
    if (!png) return makeError("Cannot encode a PNG: out of memory.");
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return makeError(std::string("Cannot encode a PNG: ") + state->sink.message);
    }
    png_set_write_fn(png, state.get(), writeToVector, flushNothing);
    png_set_compression_level(png, std::clamp(compression, 0, 9));
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (!state->chunks.empty()) png_set_text(png, info, state->chunks.data(), static_cast<int>(state->chunks.size()));
    png_write_info(png, info);
    png_write_image(png, state->rows.data());
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return std::move(state->out);
}

Result<PngContents> decodePng(std::span<const std::uint8_t> bytes, bool withPixels)
{
    if (bytes.size() < 8 || png_sig_cmp(bytes.data(), 0, 8) != 0) return makeError("it is not a PNG file (no PNG signature).");
    auto state = std::make_unique<DecodeState>();
    state->input = bytes;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state->sink, onPngError, onPngWarning);
    if (!png) return makeError("out of memory reading the PNG.");
    png_infop info = png_create_info_struct(png);
    png_infop endInfo = info ? png_create_info_struct(png) : nullptr;
    if (!info || !endInfo || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, &endInfo);
        return makeError(std::string("the PNG is damaged: ") + state->sink.message + ".");
    }
    png_set_read_fn(png, state.get(), readFromSpan);
    png_set_user_limits(png, kMaxPngSide, kMaxPngSide);
    png_set_chunk_malloc_max(png, kMaxPngTextBytes);
    png_read_info(png, info);
    png_uint_32 width = 0, height = 0;
    int depth = 0, colour = 0;
    png_get_IHDR(png, info, &width, &height, &depth, &colour, nullptr, nullptr, nullptr);
    // Everything to 8-bit RGB.
    if (depth == 16) png_set_strip_16(png);
    if (colour == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (colour == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (colour == PNG_COLOR_TYPE_GRAY || colour == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    png_set_strip_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != static_cast<png_size_t>(width) * 3) png_error(png, "unsupported pixel layout");
    state->pixels.resize(static_cast<std::size_t>(width) * height * 3);
    for (png_uint_32 y = 0; y < height; ++y) state->rows.push_back(state->pixels.data() + static_cast<std::size_t>(y) * width * 3);
    png_read_image(png, state->rows.data());
    png_read_end(png, endInfo);
    collectText(png, info, state->contents.text);
    collectText(png, endInfo, state->contents.text);
    png_destroy_read_struct(&png, &info, &endInfo);
    if (withPixels) {
        state->contents.image.width = static_cast<int>(width);
        state->contents.image.height = static_cast<int>(height);
        state->contents.image.rgb = std::move(state->pixels);
    }
    return std::move(state->contents);
}

Result<PngContents> readPng(const std::string& path, bool withPixels)
{
    auto bytes = readRegularFile(path, kMaxPngFileBytes, "the image");
    if (!bytes) return Error{bytes.error()};
    auto contents = decodePng(*bytes, withPixels);
    if (!contents) return makeError("Cannot read " + path + ": " + contents.error());
    return contents;
}

Status writePng(const std::string& path, const Image& image, const PngText& text, int compression)
{
    auto bytes = encodePng(image, text, compression);
    if (!bytes) return makeError("Cannot save " + path + ": " + bytes.error());
    return writeFileAtomic(path, *bytes);
}

} // namespace lscore
