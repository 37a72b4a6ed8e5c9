#include "lscore/json_input.h"

#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace lscore {
namespace {

struct TooDeep {};
struct DuplicateKey {
    std::string key;
};

} // namespace

Result<nlohmann::json> parseUntrustedJson(std::string_view text, std::string_view what)
{
    // The callback sees every value as it starts; throwing stops the parser before anything deeper
    // is built (nlohmann's parser itself keeps an explicit stack, so only later recursion is a risk).
    // A key given twice would silently keep its last value (two tensors of one name in a safetensors
    // header, two formats in a session): refused instead. One set of keys per open object.
    std::vector<std::set<std::string>> keys;
    const nlohmann::json::parser_callback_t check = [&keys](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        if ((event == Event::object_start || event == Event::array_start) && depth >= kMaxJsonDepth) throw TooDeep{};
        if (event == Event::object_start) keys.emplace_back();
        if (event == Event::object_end && !keys.empty()) keys.pop_back();
        if (event == Event::key && !keys.empty() && parsed.is_string() && !keys.back().insert(parsed.get<std::string>()).second)
            throw DuplicateKey{parsed.get<std::string>()};
        return true;
    };
    try {
        return nlohmann::json::parse(text.begin(), text.end(), check);
    } catch (const TooDeep&) {
        return makeError(std::string(what) + " nests arrays or objects deeper than " + std::to_string(kMaxJsonDepth)
                         + " levels; it is damaged or not what it claims to be.");
    } catch (const DuplicateKey& duplicate) {
        return makeError(std::string(what) + " gives the key " + describeJsonValue(duplicate.key)
                         + " twice; it is damaged or was edited by hand.");
    } catch (const nlohmann::json::parse_error& error) {
        return makeError(std::string(what) + " is not valid JSON (byte " + std::to_string(error.byte) + ").");
    } catch (const nlohmann::json::out_of_range&) {
        return makeError(std::string(what) + " holds a number too large to represent (such as 1e400).");
    } catch (const std::exception& error) {
        return makeError(std::string(what) + " cannot be read as JSON: " + error.what());
    }
}

bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        const int extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
        if (extra < 0 || i + static_cast<std::size_t>(extra) >= text.size()) return false;
        for (int k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0xC0) != 0x80) return false;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return true;
}

std::string describeJsonValue(const nlohmann::json& value)
{
    constexpr std::size_t kMaxChars = 80;
    switch (value.type()) {
    case nlohmann::json::value_t::array:
        return "an array of " + std::to_string(value.size()) + (value.size() == 1 ? " item" : " items");
    case nlohmann::json::value_t::object:
        return "an object with " + std::to_string(value.size()) + (value.size() == 1 ? " key" : " keys");
    case nlohmann::json::value_t::string: {
        const std::string& s = value.get_ref<const std::string&>();
        std::string out = "\"";
        for (std::size_t i = 0; i < s.size() && out.size() < kMaxChars; ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c < 0x20 || c == 0x7f) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
                out += escaped;
            } else {
                out += static_cast<char>(c);
            }
        }
        if (out.size() >= kMaxChars) out += "…";
        return out + "\"";
    }
    case nlohmann::json::value_t::discarded:
        return "nothing";
    default: {
        // Scalars print short and flat; error_handler::replace keeps invalid UTF-8 from throwing.
        std::string out = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (out.size() > kMaxChars) out = out.substr(0, kMaxChars) + "…";
        return out;
    }
    }
}

} // namespace lscore
