#pragma once
// Export job: renders a keyframe path (or a slice of it) through lscore::Engine in batches and writes
// a PNG sequence, an MP4, an animated GIF or a contact sheet. Used by `latent-studio export`, the
// studio's export dialog (on a worker thread) and the export benchmark.
//
//   lsmedia::ExportParams params;
//   params.modelPath = "model.safetensors";
//   params.path = session.keyframes;
//   params.format = lsmedia::ExportFormat::PngSequence;
//   params.outputPath = "frames";                 // a folder for PNG sequences, a file otherwise
//   std::atomic_bool cancel = false;              // set from any thread to stop after the current batch
//   lsmedia::ExportResult result = lsmedia::runExport(params, &cancel, [](const lsmedia::ExportProgress& p) {
//       std::fprintf(stderr, "%d/%d %.1f fps\n", p.framesDone, p.framesTotal, p.framesPerSecond);
//   });
//   if (!result.ok()) report(result.message);
//
// Guarantees:
//  * frame f of the output is path.stateAt(f) rendered by the engine in the batch
//    [⌊f/B⌋·B, ⌊f/B⌋·B + B) of the whole path (B = batchSize), so a range export [a,b) writes exactly
//    the same pixels as frames a..b-1 of a full export with the same batch size (the engine's batched
//    kernels may differ in the last bit between batch compositions; with B = 1 every frame equals a
//    single-image Engine::render). PNG files are named by the frame's index in the whole path:
//    frame_000123.png.
//  * every PNG carries its EditState, the model's SHA-256 and its frame index in text chunks; a
//    manifest records model hash, session hash, range, the frames present, fps and the commands that
//    join frames into a video: "<file>.json" beside a video/GIF/sheet; in a PNG folder manifest.json
//    for the whole path and manifest-A-B.json for the range A:B, rewritten as batches finish (at
//    most once a second; "complete": false until the last frame is in).
//  * shards share a folder: a PNG range export touches only its own frames and manifest, so exports
//    of A:B and B:C into one folder (one after the other or at once) leave both ranges whole.
//  * an existing output is never replaced unless force or resume is set (ExportStatus::OutputExists):
//    for a PNG folder, the range's own frames, or files no export writes (which both keep).
//  * resume (PNG sequences) finishes an interrupted export in place: a frame already there is kept
//    when it decodes whole and carries this frame's index, EditState, model hash and size; every
//    other frame of the range is rendered (and a stale one replaced). A folder renamed
//    "<folder>.incomplete" is moved back first. Files no export writes stay. A folder whose frames
//    all belong to another export is refused (OutputExists): resume never acts as force.
//  * every write is checked. A failed or cancelled export never looks finished: video/GIF/sheet are
//    written under a temporary name and renamed only on success (on failure the temporary file is
//    removed and a previous output is left untouched); a PNG folder that the whole-path export had to
//    itself is renamed to "<folder>.incomplete" (a shared one keeps its name), with a manifest saying
//    "complete": false.
//
// Threading: runExport() blocks; run it on a worker thread in the GUI. `cancel` may be set from any
// thread; the progress callback runs on the exporting thread after every batch.

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lscore/engine.h"
#include "lscore/keyframe_path.h"
#include "lscore/result.h"
#include "lsmedia/gif_writer.h"
#include "lsmedia/image_ops.h"

namespace lsmedia {

inline constexpr const char* kPngKeyFrameIndex = "latent-studio:frame";
inline constexpr const char* kPngKeySessionHash = "latent-studio:session-sha256";
inline constexpr const char* kManifestFormatName = "latent-studio-export";
inline constexpr int kManifestVersion = 1;
// GIF and contact sheets hold all frames in memory before encoding; beyond this they are refused.
inline constexpr std::uint64_t kMaxBufferedFrameBytes = 2ull * 1024 * 1024 * 1024;

enum class ExportFormat { PngSequence, Mp4, Gif, ContactSheet };

const char* toString(ExportFormat format);                                // "png", "mp4", "gif", "sheet"
std::optional<ExportFormat> exportFormatFromString(const std::string& name);

struct ExportParams {
    std::string modelPath;                  // opened with engineOptions unless runExport gets an engine
    lscore::EngineOptions engineOptions;
    lscore::KeyframePath path;
    ExportFormat format = ExportFormat::PngSequence;
    double fps = 24.0;                      // 1–240
    int width = 0;                          // 0 × 0 = the model's resolution; one side 0 = it follows
    int height = 0;                         // the other at the model's aspect ratio; a side is 8–8192
    ResizeFilter filter = ResizeFilter::Smooth;
    int frameBegin = 0;                     // the slice [frameBegin, frameEnd) of the path
    int frameEnd = -1;                      // -1 = path.frameCount()
    int batchSize = 4;                      // frames per engine call, 1–64
    std::string outputPath;                 // PNG sequence: a folder; otherwise the file to write
    bool force = false;                     // replace an existing output
    bool resume = false;                    // PNG sequence: keep the finished frames, render the rest
    GifDither gifDither = GifDither::Ordered;
    int gifLoopCount = 0;                   // 0 = forever
    int sheetColumns = 0;                   // 0 = near-square grid
    std::string sessionPath;                // recorded in the manifest (and in the join command)
    std::string sessionHash;                // SHA-256 of the session file, recorded in the manifest
};

struct ExportProgress {
    int framesDone = 0;
    int framesTotal = 0;
    double framesPerSecond = 0.0;
    double secondsLeft = 0.0;
};

enum class ExportStatus { Succeeded, Failed, Cancelled, OutputExists, InvalidParameters };

struct ExportResult {
    ExportStatus status = ExportStatus::Failed;
    std::string message;                    // empty on success; otherwise what went wrong and what to do
    std::string outputPath;                 // the finished output, or where the incomplete leftovers are
    std::string manifestPath;
    std::string codec;                      // MP4: the codec OpenCV used
    std::string modelHash;
    int width = 0;
    int height = 0;
    int framesWritten = 0;                  // rendered and written by this run
    int framesReused = 0;                   // resume: finished frames found in the folder and kept
    double seconds = 0.0;                   // wall time from model ready to output finished
    double renderSeconds = 0.0;             // inside Engine::render
    double framesPerSecond = 0.0;
    bool ok() const { return status == ExportStatus::Succeeded; }
};

using ExportProgressCallback = std::function<void(const ExportProgress&)>;

// Checks the parameters without touching the file system or the model.
lscore::Status validateExportParams(const ExportParams& params);

// Runs the export. `engine` (optional) is used instead of opening params.modelPath; it must not be
// rendering on another thread meanwhile.
ExportResult runExport(const ExportParams& params, const std::atomic_bool* cancel = nullptr,
                       const ExportProgressCallback& progress = {}, lscore::Engine* engine = nullptr);

std::string frameFileName(int frameIndex);   // "frame_000123.png"
std::string manifestPathFor(const ExportParams& params);

} // namespace lsmedia
