#include "lscore/sha256.h"

#include "lscore/atomic_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace lscore {
namespace {

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
constexpr std::array<std::uint32_t, 64> kRoundConstants = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// §5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
constexpr std::array<std::uint32_t, 8> kInitialState = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

constexpr std::uint32_t rotateRight(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

constexpr std::size_t kFileChunkBytes = 1 << 20;

} // namespace

Sha256::Sha256() : m_state(kInitialState) {}

void Sha256::compressBlock(const std::uint8_t* block) {
    std::array<std::uint32_t, 64> schedule{};
    for (int t = 0; t < 16; ++t) {
        schedule[t] = (std::uint32_t{block[4 * t]} << 24) | (std::uint32_t{block[4 * t + 1]} << 16) |
                      (std::uint32_t{block[4 * t + 2]} << 8) | std::uint32_t{block[4 * t + 3]};
    }
    for (int t = 16; t < 64; ++t) {
        const std::uint32_t w15 = schedule[t - 15];
        const std::uint32_t w2 = schedule[t - 2];
        const std::uint32_t sigma0 = rotateRight(w15, 7) ^ rotateRight(w15, 18) ^ (w15 >> 3);
        const std::uint32_t sigma1 = rotateRight(w2, 17) ^ rotateRight(w2, 19) ^ (w2 >> 10);
        schedule[t] = sigma1 + schedule[t - 7] + sigma0 + schedule[t - 16];
    }
    std::uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3];
    std::uint32_t e = m_state[4], f = m_state[5], g = m_state[6], h = m_state[7];
    for (int t = 0; t < 64; ++t) {
        const std::uint32_t bigSigma1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25);
        const std::uint32_t choose = (e & f) ^ (~e & g);
        const std::uint32_t temp1 = h + bigSigma1 + choose + kRoundConstants[t] + schedule[t];
        const std::uint32_t bigSigma0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22);
        const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t temp2 = bigSigma0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + temp1;
        d = c;
        c = b;
        b = a;
        a = temp1 + temp2;
    }
    m_state[0] += a; m_state[1] += b; m_state[2] += c; m_state[3] += d;
    m_state[4] += e; m_state[5] += f; m_state[6] += g; m_state[7] += h;
}

void Sha256::update(std::span<const std::byte> bytes) {
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
    std::size_t remaining = bytes.size();
    m_totalBytes += remaining;
    if (m_buffered > 0) {
        const std::size_t take = std::min(remaining, m_buffer.size() - m_buffered);
        std::memcpy(m_buffer.data() + m_buffered, data, take);
        m_buffered += take;
        data += take;
        remaining -= take;
        if (m_buffered < m_buffer.size()) return;
        compressBlock(m_buffer.data());
        m_buffered = 0;
    }
    for (; remaining >= 64; remaining -= 64, data += 64) compressBlock(data);
    if (remaining > 0) {
        std::memcpy(m_buffer.data(), data, remaining);
        m_buffered = remaining;
    }
}

std::array<std::uint8_t, 32> Sha256::finish() {
    // §5.1.1: a 1 bit, zeros up to 56 mod 64 bytes, then the message length in bits, big-endian.
    const std::uint64_t bitLength = m_totalBytes * 8;
    std::array<std::uint8_t, 72> padding{};
    padding[0] = 0x80;
    const std::size_t zeroBytes = (m_buffered < 56 ? 56 : 120) - m_buffered;
    std::size_t length = zeroBytes;
    for (int i = 7; i >= 0; --i) padding[length++] = static_cast<std::uint8_t>(bitLength >> (8 * i));
    update(std::as_bytes(std::span(padding.data(), length)));
    std::array<std::uint8_t, 32> digest{};
    for (int i = 0; i < 8; ++i) {
        for (int k = 0; k < 4; ++k) digest[4 * i + k] = static_cast<std::uint8_t>(m_state[i] >> (24 - 8 * k));
    }
    return digest;
}

std::string Sha256::toHex(const std::array<std::uint8_t, 32>& digest) {
    static constexpr char kHexDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (std::uint8_t byte : digest) {
        hex.push_back(kHexDigits[byte >> 4]);
        hex.push_back(kHexDigits[byte & 0xf]);
    }
    return hex;
}

std::string sha256Hex(std::span<const std::byte> bytes) {
    Sha256 hasher;
    hasher.update(bytes);
    return Sha256::toHex(hasher.finish());
}

Result<std::string> sha256OfFile(const std::string& path) {
    if (Status regular = checkRegularFile(path, "the file"); !regular) return makeError("Cannot hash " + path + ": " + regular.error());
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("Cannot hash " + path + ": the file cannot be opened (" + std::strerror(errno) + ")");
    Sha256 hasher;
    std::vector<char> chunk(kFileChunkBytes);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const std::streamsize got = in.gcount();
        if (got > 0) hasher.update(std::as_bytes(std::span(chunk.data(), static_cast<std::size_t>(got))));
    }
    if (in.bad()) return makeError("Cannot hash " + path + ": reading failed (" + std::strerror(errno) + ")");
    return Sha256::toHex(hasher.finish());
}

} // namespace lscore
