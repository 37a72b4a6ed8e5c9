#include "lsmedia/png_image.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "lsmedia/file_io.h"
#include "image_convert.h"

namespace lsmedia {
namespace {

constexpr std::array<std::uint8_t, 8> kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
// Larger PNGs are not ours to read metadata from (and would be read into memory whole).
constexpr std::uintmax_t kMaxPngBytes = 512ull * 1024 * 1024;

std::array<std::uint32_t, 256> makeCrcTable()
{
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

std::uint32_t readBigEndian32(const std::uint8_t* p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

void appendBigEndian32(std::vector<std::uint8_t>& out, std::uint32_t value)
{
    out.push_back(static_cast<std::uint8_t>(value >> 24));
    out.push_back(static_cast<std::uint8_t>(value >> 16));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}

void appendChunk(std::vector<std::uint8_t>& out, const char type[4], const std::vector<std::uint8_t>& data)
{
    appendBigEndian32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t typeStart = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    const std::uint32_t crc = crc32(std::span(out.data() + typeStart, out.size() - typeStart));
    appendBigEndian32(out, crc);
}

bool isAscii(const std::string& text)
{
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
}

lscore::Status checkKeyword(const std::string& keyword)
{
    if (keyword.empty() || keyword.size() > 79)
        return lscore::makeError("PNG text keyword \"" + keyword + "\" must be 1 to 79 characters long.");
    for (unsigned char c : keyword)
        if (c < 32 || (c > 126 && c < 161))
            return lscore::makeError("PNG text keyword \"" + keyword + "\" contains a character PNG does not allow.");
    if (keyword.front() == ' ' || keyword.back() == ' ')
        return lscore::makeError("PNG text keyword \"" + keyword + "\" must not start or end with a space.");
    return lscore::Status::success();
}

std::vector<std::uint8_t> textChunkData(const std::string& keyword, const std::string& value, bool international)
{
    std::vector<std::uint8_t> data(keyword.begin(), keyword.end());
    data.push_back(0);
    if (international) {
        data.push_back(0);   // compression flag: uncompressed
        data.push_back(0);   // compression method
        data.push_back(0);   // empty language tag
        data.push_back(0);   // empty translated keyword
    }
    data.insert(data.end(), value.begin(), value.end());
    return data;
}

struct ChunkView {
    const std::uint8_t* type;
    const std::uint8_t* data;
    std::uint32_t length;
    std::size_t offset;   // of the length field
};

// Walks the chunks, validating lengths and CRCs; stops after IEND.
lscore::Result<std::vector<ChunkView>> parseChunks(std::span<const std::uint8_t> png)
{
    if (png.size() < kPngSignature.size() || !std::equal(kPngSignature.begin(), kPngSignature.end(), png.begin()))
        return lscore::makeError("This is not a PNG file (the signature is missing).");
    std::vector<ChunkView> chunks;
    std::size_t offset = kPngSignature.size();
    while (true) {
        if (png.size() - offset < 12) return lscore::makeError("The PNG file is truncated (no IEND chunk).");
        const std::uint32_t length = readBigEndian32(png.data() + offset);
        if (length > 0x7FFFFFFFu || length > png.size() - offset - 12)
            return lscore::makeError("The PNG file is damaged: a chunk runs past the end of the file.");
        const std::uint8_t* type = png.data() + offset + 4;
        const std::uint32_t storedCrc = readBigEndian32(type + 4 + length);
        if (crc32(std::span(type, length + 4)) != storedCrc)
            return lscore::makeError("The PNG file is damaged: chunk \"" + std::string(reinterpret_cast<const char*>(type), 4) +
                                     "\" fails its CRC check.");
        chunks.push_back(ChunkView{type, type + 4, length, offset});
        offset += 12 + length;
        if (std::memcmp(type, "IEND", 4) == 0) break;
    }
    return chunks;
}

} // namespace

std::uint32_t crc32(std::span<const std::uint8_t> bytes, std::uint32_t crc)
{
    static const std::array<std::uint32_t, 256> table = makeCrcTable();
    std::uint32_t c = crc ^ 0xFFFFFFFFu;
    for (std::uint8_t byte : bytes) c = table[(c ^ byte) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

lscore::Result<std::vector<std::uint8_t>> insertPngText(std::span<const std::uint8_t> png, const PngText& text)
{
    auto chunks = parseChunks(png);
    if (!chunks) return lscore::makeError(chunks.error());
    const ChunkView& iend = chunks->back();
    std::vector<std::uint8_t> out(png.begin(), png.begin() + static_cast<std::ptrdiff_t>(iend.offset));
    for (const auto& [keyword, value] : text) {
        if (auto status = checkKeyword(keyword); !status) return lscore::makeError(status.error());
        const bool international = !isAscii(value);
        appendChunk(out, international ? "iTXt" : "tEXt", textChunkData(keyword, value, international));
    }
    appendChunk(out, "IEND", {});
    return out;
}

lscore::Result<std::vector<std::uint8_t>> encodePng(const lscore::Image& image, const PngText& text, int compression)
{
    if (image.isNull() || image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
        return lscore::makeError("Cannot encode an empty or inconsistent image as PNG.");
    std::vector<std::uint8_t> encoded;
    try {
        const cv::Mat bgr = toBgrMat(image);
        if (!cv::imencode(".png", bgr, encoded, {cv::IMWRITE_PNG_COMPRESSION, std::clamp(compression, 0, 9)}))
            return lscore::makeError("OpenCV could not encode the image as PNG.");
    } catch (const cv::Exception& exception) {
        return lscore::makeError(std::string("OpenCV could not encode the image as PNG: ") + exception.what());
    }
    if (text.empty()) return encoded;
    return insertPngText(encoded, text);
}

lscore::Result<PngText> readPngText(std::span<const std::uint8_t> png)
{
    auto chunks = parseChunks(png);
    if (!chunks) return lscore::makeError(chunks.error());
    PngText text;
    for (const ChunkView& chunk : *chunks) {
        const bool plain = std::memcmp(chunk.type, "tEXt", 4) == 0;
        const bool international = std::memcmp(chunk.type, "iTXt", 4) == 0;
        if (!plain && !international) continue;
        const auto* begin = chunk.data;
        const auto* end = chunk.data + chunk.length;
        const auto* keywordEnd = std::find(begin, end, std::uint8_t{0});
        if (keywordEnd == end) continue;   // malformed chunk: no keyword terminator
        std::string keyword(begin, keywordEnd);
        const std::uint8_t* value = keywordEnd + 1;
        if (international) {
            if (end - value < 2) continue;
            const bool compressed = value[0] != 0;
            value += 2;
            const auto* languageEnd = std::find(value, end, std::uint8_t{0});
            if (languageEnd == end) continue;
            const auto* translatedEnd = std::find(languageEnd + 1, end, std::uint8_t{0});
            if (translatedEnd == end) continue;
            if (compressed) continue;   // we write uncompressed iTXt only
            value = translatedEnd + 1;
        }
        text[keyword] = std::string(value, end);
    }
    return text;
}

lscore::Result<PngText> readPngText(const std::string& path)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) return lscore::makeError("Cannot open " + path + ": " + error.message() + ".");
    if (size > kMaxPngBytes) return lscore::makeError(path + " is too large to be a Latent Studio image.");
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())))
        return lscore::makeError("Cannot read " + path + ".");
    auto text = readPngText(bytes);
    if (!text) return lscore::makeError(path + ": " + text.error());
    return text;
}

lscore::Result<lscore::Image> readImage(const std::string& path)
{
    try {
        const cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
        if (bgr.empty()) return lscore::makeError("Cannot read the image " + path + " (missing, unreadable or not an image).");
        return fromBgrMat(bgr);
    } catch (const cv::Exception& exception) {
        return lscore::makeError("Cannot read the image " + path + ": " + exception.what());
    }
}

lscore::Status writePng(const std::string& path, const lscore::Image& image, const PngText& text, int compression)
{
    auto bytes = encodePng(image, text, compression);
    if (!bytes) return lscore::makeError(bytes.error());
    return writeFileChecked(path, *bytes);
}

} // namespace lsmedia
