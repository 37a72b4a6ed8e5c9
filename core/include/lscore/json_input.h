#pragma once
// Reading JSON that comes from a file, a PNG chunk or a model header: text nobody checked.
//
// nlohmann's dump() and copy recurse once per nesting level, so a value nested 100,000 deep that
// reaches either crashes the process. Every untrusted JSON is therefore parsed here, with a depth
// limit, and a value is named in messages only through describeJsonValue() (its type and at most
// ~80 characters), never dumped whole.
//
//   auto json = lscore::parseUntrustedJson(text, "the session file");
//   if (!json) return Error{json.error()};        // "… is not valid JSON (byte 17: …)" / "nested deeper than 64"
//   if (!(*json)["fps"].is_number()) return makeError("fps must be a number (got " + describeJsonValue((*json)["fps"]) + ")");

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lscore/result.h"

namespace lscore {

inline constexpr int kMaxJsonDepth = 64;

// Parses `text`; `what` names it in the error ("the session file", "the model description").
// Refuses invalid JSON (with the byte offset), numbers out of double's range, nesting deeper than
// kMaxJsonDepth and an object that gives one key twice. Never throws.
Result<nlohmann::json> parseUntrustedJson(std::string_view text, std::string_view what);

// True if `text` is well-formed UTF-8 (what JSON strings, PNG iTXt chunks and Qt expect).
bool isValidUtf8(std::string_view text);

// A short, printable description of a value for error messages: numbers, booleans and null as
// written; a string quoted, cut at 80 characters and with control characters escaped; an array or
// object by its type and size ("an array of 3 items").
std::string describeJsonValue(const nlohmann::json& value);

} // namespace lscore
