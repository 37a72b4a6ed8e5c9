#pragma once
// Small helpers shared by the headless subcommands (render, export, info): the --size option, model
// resolution and the hash-mismatch warning. Header-only, no Qt.

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "lscore/default_model.h"
#include "command_line.h"

namespace cli {

// "WxH" with both sides from 8 to 8192 pixels.
inline bool parseSize(const std::string& text, int* width, int* height)
{
    const auto x = text.find('x');
    if (x == std::string::npos) return false;
    auto w = parseNumber<int>(std::string_view(text).substr(0, x));
    auto h = parseNumber<int>(std::string_view(text).substr(x + 1));
    if (!w || !h || *w < 8 || *h < 8 || *w > 8192 || *h > 8192) return false;
    *width = *w;
    *height = *h;
    return true;
}

// The --size option's check: "WxH" with both sides from 8 to 8192 pixels.
inline CommandLine::Apply sizeOption(int& width, int& height)
{
    return [&width, &height](const std::string& value) {
        if (!parseSize(value, &width, &height)) return "needs WxH with sides 8 to 8192, e.g. 512x512 (got \"" + value + "\")";
        return std::string();
    };
}

// The model to open: --model, else the session's model (relative to the session file), else the
// default model. Empty when none is found; `why` then says what to do.
inline std::string resolveModel(const std::string& flag, const std::string& sessionModel, const std::string& sessionFile,
                                std::string* why)
{
    if (!flag.empty()) return flag;
    if (!sessionModel.empty()) {
        std::filesystem::path path(sessionModel);
        if (path.is_relative() && !sessionFile.empty()) path = std::filesystem::path(sessionFile).parent_path() / path;
        std::error_code error;
        if (std::filesystem::is_regular_file(path, error)) return path.string();
        // Rendering another model in its place would give other pictures without a word: refuse,
        // and say how to choose one.
        if (why) {
            const bool exists = std::filesystem::exists(path, error);
            *why = "the session's model " + path.string() + (exists ? " is not a regular file" : " is missing")
                   + "; give the model with --model FILE";
        }
        return {};
    }
    std::string fallback = lscore::defaultModelPath();
    if (fallback.empty() && why) *why += lscore::defaultModelMissingMessage();
    return fallback;
}

// The CLIP text tower to give the engine: --text-encoder, else the session's (relative to the session
// file), else "" (the engine then looks beside the model).
inline std::string resolveTextEncoder(const std::string& flag, const std::string& sessionEncoder, const std::string& sessionFile)
{
    if (!flag.empty() || sessionEncoder.empty()) return flag;
    std::filesystem::path path(sessionEncoder);
    if (path.is_relative() && !sessionFile.empty()) path = std::filesystem::path(sessionFile).parent_path() / path;
    return path.string();
}

// `what`: the file the hash names, "model" or "CLIP text encoder".
inline void warnIfHashDiffers(const std::string& expected, const std::string& actual, const std::string& source,
                              const char* what = "model")
{
    // The expected hash comes from a file (a PNG chunk, a session): print it only if it is one, so a
    // forged value cannot send escape sequences to the terminal.
    const bool isHash = expected.size() == 64 && expected.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!expected.empty() && !isHash) {
        std::fprintf(stderr, "latent-studio: warning: %s names its %s by something that is not a SHA-256; "
                             "the image may differ.\n", source.c_str(), what);
        return;
    }
    if (!expected.empty() && expected != actual)
        std::fprintf(stderr,
                     "latent-studio: warning: %s was made with %s sha256 %s, but the %s opened has sha256 %s; "
                     "the image will differ.\n",
                     source.c_str(), what, expected.c_str(), what, actual.empty() ? "(none)" : actual.c_str());
}

} // namespace cli
