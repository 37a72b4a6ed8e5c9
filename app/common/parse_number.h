#pragma once
// The one number parser of both executables' command lines (latent-studio and latent-studio-lab):
// the whole text must be the number, so "12abc", "", " 7" and "0x10" are refused, never read as a
// prefix. Header-only, standard library only.
//
//   if (auto n = cli::parseNumber<int>(text)) use(*n); else usage("--frames needs a whole number");

#include <charconv>
#include <optional>
#include <string_view>

namespace cli {

template <typename T>
std::optional<T> parseNumber(std::string_view text)
{
    T value{};
    const char* end = text.data() + text.size();
    const auto [ptr, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

} // namespace cli
