#pragma once
// Session: the whole state of a studio window as versioned JSON (.lstudio files), and the keys under
// which exported PNGs carry their state. Torch-free: shared by the studio (save/open/autosave), the
// command line (render --session, export --session) and the exporter.
//
// File layout (version 1):
// {
//   "format": "latent-studio-session", "version": 1,
//   "model": {"path": "...", "sha256": "...", "name": "..."},
//   "state": { EditState JSON },
//   "comparison": {"panes": [{"prompt": "...", "seed": 3}], "columns": 2},   // seed optional
//   "keyframes": { KeyframePath JSON },
//   "export": {"format": "png|mp4|gif|sheet", "fps": 24, "width": 0, "height": 0}
// }
// Unknown keys are ignored (forward compatible); a newer "version" is refused with a message.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lscore/edit_state.h"
#include "lscore/keyframe_path.h"
#include "lscore/result.h"

namespace lscore {

inline constexpr int kSessionVersion = 1;
inline constexpr const char* kSessionFormatName = "latent-studio-session";

// PNG tEXt/iTXt keys written on every exported or saved image.
inline constexpr const char* kPngKeyState = "latent-studio:state";        // EditState JSON
inline constexpr const char* kPngKeyModelHash = "latent-studio:model-sha256";
inline constexpr const char* kPngKeyModelName = "latent-studio:model-name";
// The CLIP text tower's SHA-256 for a model that reads its prompts through one (LAFITE); "" otherwise.
inline constexpr const char* kPngKeyTextEncoderHash = "latent-studio:text-encoder-sha256";
inline constexpr const char* kPngKeySoftware = "Software";
inline constexpr const char* kPngKeyGridPanes = "latent-studio:grid-panes";   // a comparison grid: JSON array of
                                                                              // each pane's EditState, in grid order

struct ComparisonPane {
    std::string prompt;
    std::optional<std::uint32_t> seed;   // unset: shares the main state's seed A
    // The pane's own place on the A → B axis (prompt or class interpolation), in [0, 1]; unset:
    // the main state's. Used by panes without a prompt of their own (the "walk A → B" grid). JSON "t".
    std::optional<double> t = std::nullopt;
    bool operator==(const ComparisonPane&) const = default;
};

struct ExportSettings {
    std::string format = "png";          // png | mp4 | gif | sheet
    int fps = 24;
    int width = 0;                       // 0 = native
    int height = 0;
    bool operator==(const ExportSettings&) const = default;
};

struct Session {
    std::string modelPath;               // as the user opened it; may be relative to the session file
    std::string modelSha256;
    std::string modelName;
    // A CLIP-conditioned model's text tower (LAFITE): as opened (may be relative to the session
    // file) and its SHA-256; empty for other models.
    std::string textEncoderPath;
    std::string textEncoderSha256;
    EditState state;
    std::vector<ComparisonPane> panes;
    int comparisonColumns = 2;
    KeyframePath keyframes;
    ExportSettings exportSettings;

    nlohmann::json toJson() const;
    static Result<Session> fromJson(const nlohmann::json& json);
};

Result<Session> readSessionFile(const std::string& path);          // clear messages for broken files
// The same from bytes already read (a caller that also hashes them); `path` names them in messages.
Result<Session> parseSessionText(std::string_view text, const std::string& path);
inline constexpr std::uint64_t kMaxSessionFileBytes = 64ull * 1024 * 1024;   // a session is a few KB
Status writeSessionFile(const std::string& path, const Session&);  // atomic: temp file + rename

} // namespace lscore
