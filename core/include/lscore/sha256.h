#pragma once
// SHA-256 (FIPS 180-4) of bytes or of a file. Torch-free. Sessions and exported PNGs record the
// model's hash so that a restored session can tell whether it has the same model.
//
//   lscore::Result<std::string> hash = lscore::sha256OfFile("model.safetensors");
//   if (hash) session.model.sha256 = *hash;                        // 64 lower-case hex digits
//   std::string h = lscore::sha256Hex(std::as_bytes(std::span(text)));
//
// Thread safety: free functions and an object with no shared state; one Sha256 per thread.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "lscore/result.h"

namespace lscore {

// Incremental hashing for data that arrives in pieces.
class Sha256 {
public:
    Sha256();
    void update(std::span<const std::byte> bytes);
    std::array<std::uint8_t, 32> finish();   // the object must not be updated afterwards
    static std::string toHex(const std::array<std::uint8_t, 32>& digest);

private:
    void compressBlock(const std::uint8_t* block);
    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_totalBytes = 0;
};

std::string sha256Hex(std::span<const std::byte> bytes);

// Hashes a file in 1 MiB pieces, so memory stays flat for any file size.
Result<std::string> sha256OfFile(const std::string& path);

} // namespace lscore
