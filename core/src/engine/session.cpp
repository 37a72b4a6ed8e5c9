#include "lscore/session.h"

#include <cstdint>
#include <string>

#include "lscore/atomic_file.h"
#include "lscore/json_input.h"

namespace lscore {
namespace {

constexpr std::size_t kMaxComparisonPanes = 64;

Result<std::string> optionalString(const nlohmann::json& object, const char* key, const std::string& where)
{
    if (!object.contains(key)) return std::string{};
    const auto& value = object.at(key);
    if (!value.is_string()) return makeError(where + "." + key + " must be a string (got " + describeJsonValue(value) + ").");
    return value.get<std::string>();
}

Result<int> optionalInt(const nlohmann::json& object, const char* key, const std::string& where, int fallback,
                        int minimum, int maximum)
{
    if (!object.contains(key)) return fallback;
    const auto& value = object.at(key);
    if (!value.is_number_integer() || value.get<std::int64_t>() < minimum || value.get<std::int64_t>() > maximum)
        return makeError(where + "." + key + " must be an integer from " + std::to_string(minimum) + " to " +
                         std::to_string(maximum) + " (got " + describeJsonValue(value) + ").");
    return value.get<int>();
}

} // namespace

nlohmann::json Session::toJson() const
{
    nlohmann::json panesJson = nlohmann::json::array();
    for (const ComparisonPane& pane : panes) {
        nlohmann::json paneJson = {{"prompt", pane.prompt}};
        if (pane.seed) paneJson["seed"] = *pane.seed;
        if (pane.t) paneJson["t"] = *pane.t;
        panesJson.push_back(std::move(paneJson));
    }
    nlohmann::json out = {
        {"format", kSessionFormatName},
        {"version", kSessionVersion},
        {"model", {{"path", modelPath}, {"sha256", modelSha256}, {"name", modelName}}},
        {"state", state.toJson()},
        {"comparison", {{"panes", std::move(panesJson)}, {"columns", comparisonColumns}}},
        {"keyframes", keyframes.toJson()},
        {"export",
         {{"format", exportSettings.format},
          {"fps", exportSettings.fps},
          {"width", exportSettings.width},
          {"height", exportSettings.height}}},
    };
    if (!textEncoderPath.empty() || !textEncoderSha256.empty())
        out["text_encoder"] = {{"path", textEncoderPath}, {"sha256", textEncoderSha256}};
    return out;
}

Result<Session> Session::fromJson(const nlohmann::json& json)
{
    if (!json.is_object()) return makeError("This is not a Latent Studio session: the file holds JSON but not an object.");
    if (!json.contains("format") || !json.at("format").is_string() ||
        json.at("format").get<std::string>() != kSessionFormatName) {
        const std::string found = json.contains("format") ? describeJsonValue(json.at("format")) : std::string("nothing");
        return makeError(std::string("This is not a Latent Studio session: \"format\" should be \"") + kSessionFormatName +
                         "\" but is " + found + ".");
    }
    if (!json.contains("version") || !json.at("version").is_number_integer())
        return makeError("The session has no integer \"version\"; the file is damaged.");
    const auto version = json.at("version").get<std::int64_t>();
    if (version > kSessionVersion)
        return makeError("The session was saved by a newer Latent Studio (session version " + std::to_string(version) +
                         "; this build reads up to " + std::to_string(kSessionVersion) +
                         "). Update Latent Studio to open it.");
    if (version < 1) return makeError("The session version " + std::to_string(version) + " is invalid; the file is damaged.");

    Session session;
    if (json.contains("model")) {
        const auto& model = json.at("model");
        if (!model.is_object()) return makeError("session.model must be an object with \"path\", \"sha256\" and \"name\".");
        auto path = optionalString(model, "path", "session.model");
        if (!path) return makeError(path.error());
        auto sha = optionalString(model, "sha256", "session.model");
        if (!sha) return makeError(sha.error());
        auto name = optionalString(model, "name", "session.model");
        if (!name) return makeError(name.error());
        session.modelPath = *path;
        session.modelSha256 = *sha;
        session.modelName = *name;
    }
    if (json.contains("text_encoder")) {
        const auto& encoder = json.at("text_encoder");
        if (!encoder.is_object()) return makeError("session.text_encoder must be an object with \"path\" and \"sha256\".");
        auto path = optionalString(encoder, "path", "session.text_encoder");
        if (!path) return makeError(path.error());
        auto sha = optionalString(encoder, "sha256", "session.text_encoder");
        if (!sha) return makeError(sha.error());
        session.textEncoderPath = *path;
        session.textEncoderSha256 = *sha;
    }
    if (json.contains("state")) {
        auto state = EditState::fromJson(json.at("state"));
        if (!state) return makeError("session.state: " + state.error());
        session.state = std::move(state).value();
    }
    if (json.contains("comparison")) {
        const auto& comparison = json.at("comparison");
        if (!comparison.is_object()) return makeError("session.comparison must be an object with \"panes\" and \"columns\".");
        auto columns = optionalInt(comparison, "columns", "session.comparison", 2, 1, 16);
        if (!columns) return makeError(columns.error());
        session.comparisonColumns = *columns;
        if (comparison.contains("panes")) {
            const auto& panes = comparison.at("panes");
            if (!panes.is_array()) return makeError("session.comparison.panes must be an array.");
            if (panes.size() > kMaxComparisonPanes)
                return makeError("session.comparison.panes has " + std::to_string(panes.size()) + " panes; at most " +
                                 std::to_string(kMaxComparisonPanes) + " are supported.");
            for (std::size_t i = 0; i < panes.size(); ++i) {
                const std::string where = "session.comparison.panes[" + std::to_string(i) + "]";
                const auto& paneJson = panes[i];
                if (!paneJson.is_object()) return makeError(where + " must be an object.");
                ComparisonPane pane;
                auto prompt = optionalString(paneJson, "prompt", where);
                if (!prompt) return makeError(prompt.error());
                pane.prompt = *prompt;
                if (paneJson.contains("seed") && !paneJson.at("seed").is_null()) {
                    const auto& seed = paneJson.at("seed");
                    if (!seed.is_number_unsigned() || seed.get<std::uint64_t>() > 0xFFFFFFFFull)
                        return makeError(where + ".seed must be an integer from 0 to 4294967295 (got " + describeJsonValue(seed) + ").");
                    pane.seed = static_cast<std::uint32_t>(seed.get<std::uint64_t>());
                }
                if (paneJson.contains("t") && !paneJson.at("t").is_null()) {
                    const auto& t = paneJson.at("t");
                    if (!t.is_number() || !(t.get<double>() >= 0.0 && t.get<double>() <= 1.0))
                        return makeError(where + ".t must be a number from 0 to 1 (got " + describeJsonValue(t) + ").");
                    pane.t = t.get<double>();
                }
                session.panes.push_back(std::move(pane));
            }
        }
    }
    if (json.contains("keyframes")) {
        auto path = KeyframePath::fromJson(json.at("keyframes"));
        if (!path) return makeError("session." + path.error());
        session.keyframes = std::move(path).value();
    }
    if (json.contains("export")) {
        const auto& exportJson = json.at("export");
        if (!exportJson.is_object()) return makeError("session.export must be an object.");
        auto format = optionalString(exportJson, "format", "session.export");
        if (!format) return makeError(format.error());
        if (!format->empty()) {
            if (*format != "png" && *format != "mp4" && *format != "gif" && *format != "sheet")
                return makeError("session.export.format must be png, mp4, gif or sheet (got \"" + *format + "\").");
            session.exportSettings.format = *format;
        }
        auto fps = optionalInt(exportJson, "fps", "session.export", 24, 1, 240);
        if (!fps) return makeError(fps.error());
        auto width = optionalInt(exportJson, "width", "session.export", 0, 0, 16384);
        if (!width) return makeError(width.error());
        auto height = optionalInt(exportJson, "height", "session.export", 0, 0, 16384);
        if (!height) return makeError(height.error());
        session.exportSettings.fps = *fps;
        session.exportSettings.width = *width;
        session.exportSettings.height = *height;
    }
    return session;
}

Result<Session> readSessionFile(const std::string& path)
{
    auto bytes = readRegularFile(path, kMaxSessionFileBytes, "the session file");
    if (!bytes) return Error{bytes.error()};
    return parseSessionText(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()), path);
}

Result<Session> parseSessionText(std::string_view text, const std::string& path)
{
    auto json = parseUntrustedJson(text, "The file " + path);
    if (!json) return makeError(json.error() + " It is not a Latent Studio session.");
    auto session = Session::fromJson(*json);
    if (!session) return makeError(path + ": " + session.error());
    return session;
}

Status writeSessionFile(const std::string& path, const Session& session)
{
    std::string text;
    try {
        text = session.toJson().dump(2) + "\n";
    } catch (const std::exception& exception) {
        // dump() throws on invalid UTF-8 in a prompt.
        return makeError("Cannot save the session: " + std::string(exception.what()));
    }

    if (Status written = writeFileAtomic(path, text); !written)
        return makeError("Cannot save the session: " + written.error());
    return Status::success();
}

} // namespace lscore
