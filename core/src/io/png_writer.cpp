#include "lscore/png_writer.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

namespace lscore {
namespace {

constexpr std::array<std::uint8_t, 8> kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr std::size_t kMaxStoredBlockBytes = 65535;   // a stored deflate block's LEN is 16 bits
constexpr std::size_t kMaxIdatBytes = 1 << 20;        // split the stream into modest IDAT chunks
constexpr std::uint32_t kMaxPngDimension = 0x7fffffff; // PNG §11.2.2
constexpr std::size_t kMaxChunkBytes = 0x7fffffff;
constexpr std::size_t kMaxKeywordBytes = 79;

// CRC-32 (ISO 3309, reflected polynomial 0xEDB88320), as PNG §D specifies for every chunk.
constexpr std::array<std::uint32_t, 256> makeCrcTable() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}
constexpr std::array<std::uint32_t, 256> kCrcTable = makeCrcTable();

std::uint32_t updateCrc(std::uint32_t crc, const std::uint8_t* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) crc = kCrcTable[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return crc;
}

// Adler-32 (RFC 1950 §8.2); the sums stay below 2^32 for 5552 bytes between reductions.
class Adler32 {
public:
    void update(const std::uint8_t* data, std::size_t size) {
        while (size > 0) {
            const std::size_t run = std::min<std::size_t>(size, 5552);
            for (std::size_t i = 0; i < run; ++i) {
                m_a += data[i];
                m_b += m_a;
            }
            m_a %= kModulus;
            m_b %= kModulus;
            data += run;
            size -= run;
        }
    }
    std::uint32_t value() const { return (m_b << 16) | m_a; }

private:
    static constexpr std::uint32_t kModulus = 65521;
    std::uint32_t m_a = 1;
    std::uint32_t m_b = 0;
};

void appendBigEndian32(std::vector<std::uint8_t>& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(value >> shift));
}

void appendChunk(std::vector<std::uint8_t>& out, const char (&type)[5], const std::uint8_t* data, std::size_t size) {
    appendBigEndian32(out, static_cast<std::uint32_t>(size));
    const std::size_t typeStart = out.size();
    out.insert(out.end(), type, type + 4);
    if (size > 0) out.insert(out.end(), data, data + size);
    const std::uint32_t crc = updateCrc(0xffffffffu, out.data() + typeStart, 4 + size) ^ 0xffffffffu;
    appendBigEndian32(out, crc);
}

// Decodes UTF-8; nullopt for malformed input (overlong forms, surrogates, beyond U+10FFFF).
std::optional<std::vector<char32_t>> decodeUtf8(std::string_view text) {
    std::vector<char32_t> codePoints;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        int extra = 0;
        char32_t value = 0;
        char32_t minimum = 0;
        if (lead < 0x80) { value = lead; }
        else if ((lead & 0xe0) == 0xc0) { extra = 1; value = lead & 0x1f; minimum = 0x80; }
        else if ((lead & 0xf0) == 0xe0) { extra = 2; value = lead & 0x0f; minimum = 0x800; }
        else if ((lead & 0xf8) == 0xf0) { extra = 3; value = lead & 0x07; minimum = 0x10000; }
        else return std::nullopt;
        if (i + static_cast<std::size_t>(extra) >= text.size() && extra > 0) return std::nullopt;  // truncated
        for (int k = 1; k <= extra; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80) return std::nullopt;
            value = (value << 6) | (next & 0x3f);
        }
        if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return std::nullopt;
        codePoints.push_back(value);
        i += 1 + extra;
    }
    return codePoints;
}

// The keyword as Latin-1 bytes, or the reason it cannot be one.
Result<std::string> latin1Keyword(const std::string& key) {
    const auto describe = [&](const std::string& problem) {
        return makeError("PNG text key '" + key + "' " + problem);
    };
    const std::optional<std::vector<char32_t>> codePoints = decodeUtf8(key);
    if (!codePoints) return describe("is not valid UTF-8");
    std::string latin1;
    for (char32_t c : *codePoints) {
        const bool printable = (c >= 32 && c <= 126) || (c >= 161 && c <= 255);
        if (!printable) return describe("contains a character that is not printable Latin-1");
        latin1.push_back(static_cast<char>(c));
    }
    if (latin1.empty() || latin1.size() > kMaxKeywordBytes) return describe("must be 1 to 79 characters long");
    if (latin1.front() == ' ' || latin1.back() == ' ' || latin1.find("  ") != std::string::npos)
        return describe("may not start or end with a space or contain two spaces in a row");
    return latin1;
}

bool isAscii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

struct TextChunk {
    bool international;   // iTXt rather than tEXt
    std::vector<std::uint8_t> payload;
};

Result<std::vector<TextChunk>> buildTextChunks(const PngTextChunks& textChunks) {
    std::vector<TextChunk> chunks;
    for (const auto& [key, value] : textChunks) {
        Result<std::string> keyword = latin1Keyword(key);
        if (!keyword) return makeError(keyword.error());
        if (value.find('\0') != std::string::npos)
            return makeError("PNG text value for '" + key + "' contains a NUL character, which PNG text cannot hold");
        const bool international = !isAscii(value);
        if (international && !decodeUtf8(value))
            return makeError("PNG text value for '" + key + "' is not valid UTF-8");
        TextChunk chunk{international, {}};
        chunk.payload.assign(keyword->begin(), keyword->end());
        chunk.payload.push_back(0);
        if (international) {
            // compression flag 0, method 0, empty language tag, empty translated keyword
            chunk.payload.insert(chunk.payload.end(), {0, 0, 0, 0});
        }
        chunk.payload.insert(chunk.payload.end(), value.begin(), value.end());
        if (chunk.payload.size() > kMaxChunkBytes)
            return makeError("PNG text value for '" + key + "' is larger than a PNG chunk can hold");
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

Status validateImage(const Image& image) {
    if (image.isNull())
        return makeError("Cannot encode a PNG of " + std::to_string(image.width) + " × " +
                         std::to_string(image.height) + " pixels; both sides must be at least 1");
    if (static_cast<std::uint32_t>(image.width) > kMaxPngDimension ||
        static_cast<std::uint32_t>(image.height) > kMaxPngDimension)
        return makeError("Cannot encode a PNG this large");
    const std::size_t expected = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 3;
    if (image.rgb.size() != expected)
        return makeError("Cannot encode a PNG: the image holds " + std::to_string(image.rgb.size()) +
                         " bytes but " + std::to_string(image.width) + " × " + std::to_string(image.height) +
                         " RGB needs " + std::to_string(expected));
    return Status::success();
}

// The zlib stream (RFC 1950) of the filtered scanlines, as stored deflate blocks (RFC 1951 §3.2.4).
std::vector<std::uint8_t> storedZlibStream(const Image& image) {
    const std::size_t rowBytes = static_cast<std::size_t>(image.width) * 3;
    const std::size_t rawBytes = (rowBytes + 1) * static_cast<std::size_t>(image.height);
    const std::size_t blocks = (rawBytes + kMaxStoredBlockBytes - 1) / kMaxStoredBlockBytes;
    std::vector<std::uint8_t> stream;
    stream.reserve(2 + rawBytes + 5 * blocks + 4);
    stream.push_back(0x78);   // CMF: deflate, 32 KiB window
    stream.push_back(0x01);   // FLG: no dictionary, fastest; (0x78 << 8 | 0x01) is a multiple of 31

    Adler32 adler;
    std::size_t blockRemaining = 0;   // bytes still to come in the open block
    std::size_t rawRemaining = rawBytes;
    // Feeds raw bytes into the stream, opening a new stored block whenever one is full.
    const auto feed = [&](const std::uint8_t* data, std::size_t size) {
        adler.update(data, size);
        while (size > 0) {
            if (blockRemaining == 0) {
                blockRemaining = std::min(rawRemaining, kMaxStoredBlockBytes);
                const bool last = blockRemaining == rawRemaining;
                const auto length = static_cast<std::uint16_t>(blockRemaining);
                stream.push_back(last ? 1 : 0);   // BFINAL, BTYPE = 00 (stored); the rest of the byte is padding
                stream.push_back(static_cast<std::uint8_t>(length & 0xff));
                stream.push_back(static_cast<std::uint8_t>(length >> 8));
                stream.push_back(static_cast<std::uint8_t>(~length & 0xff));
                stream.push_back(static_cast<std::uint8_t>((~length >> 8) & 0xff));
            }
            const std::size_t take = std::min(size, blockRemaining);
            stream.insert(stream.end(), data, data + take);
            data += take;
            size -= take;
            blockRemaining -= take;
            rawRemaining -= take;
        }
    };
    const std::uint8_t noFilter = 0;
    for (int y = 0; y < image.height; ++y) {
        feed(&noFilter, 1);
        feed(image.row(y), rowBytes);
    }
    appendBigEndian32(stream, adler.value());
    return stream;
}

} // namespace

Status validatePng(const Image& image, const PngTextChunks& textChunks) {
    if (Status status = validateImage(image); !status) return status;
    Result<std::vector<TextChunk>> chunks = buildTextChunks(textChunks);
    if (!chunks) return makeError(chunks.error());
    return Status::success();
}

std::vector<std::byte> encodePng(const Image& image, const PngTextChunks& textChunks) {
    if (!validateImage(image)) return {};
    Result<std::vector<TextChunk>> texts = buildTextChunks(textChunks);
    if (!texts) return {};

    std::vector<std::uint8_t> png(kPngSignature.begin(), kPngSignature.end());
    std::vector<std::uint8_t> header;
    appendBigEndian32(header, static_cast<std::uint32_t>(image.width));
    appendBigEndian32(header, static_cast<std::uint32_t>(image.height));
    header.insert(header.end(), {8, 2, 0, 0, 0});   // 8 bits, truecolour RGB, deflate, filter 0, no interlace
    appendChunk(png, "IHDR", header.data(), header.size());
    // Text before the image data, so that readers which stop at IDAT still see it.
    for (const TextChunk& text : *texts)
        appendChunk(png, text.international ? "iTXt" : "tEXt", text.payload.data(), text.payload.size());
    const std::vector<std::uint8_t> stream = storedZlibStream(image);
    for (std::size_t offset = 0; offset < stream.size(); offset += kMaxIdatBytes)
        appendChunk(png, "IDAT", stream.data() + offset, std::min(kMaxIdatBytes, stream.size() - offset));
    appendChunk(png, "IEND", nullptr, 0);

    std::vector<std::byte> bytes(png.size());
    std::memcpy(bytes.data(), png.data(), png.size());
    return bytes;
}

Status writePng(const std::string& path, const Image& image, const PngTextChunks& textChunks) {
    if (Status status = validatePng(image, textChunks); !status)
        return makeError("Could not write " + path + ": " + status.error());
    const std::vector<std::byte> bytes = encodePng(image, textChunks);
    const std::string partialPath = path + ".partial";
    const auto removePartial = [&] {
        std::error_code ignored;
        std::filesystem::remove(partialPath, ignored);
    };
    std::ofstream out(partialPath, std::ios::binary | std::ios::trunc);
    if (!out)
        return makeError("Could not write " + path + ": cannot create " + partialPath + " (" + std::strerror(errno) +
                         "); check that the folder exists and is writable");
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    const bool written = static_cast<bool>(out);
    const int writeErrno = errno;
    out.close();
    if (!written || out.fail()) {
        removePartial();
        return makeError("Could not write " + path + ": writing failed (" + std::strerror(writeErrno) +
                         "); the disk may be full");
    }
    std::error_code ec;
    std::filesystem::rename(partialPath, path, ec);
    if (ec) {
        removePartial();
        return makeError("Could not write " + path + ": cannot replace the file (" + ec.message() + ")");
    }
    return Status::success();
}

} // namespace lscore
