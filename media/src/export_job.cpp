#include "lsmedia/export_job.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "lscore/session.h"
#include "lsmedia/file_io.h"
#include "lscore/atomic_file.h"
#include "lscore/png.h"
#include "lsmedia/video_writer.h"

namespace lsmedia {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string softwareName() { return std::string("Latent Studio ") + LSTUDIO_VERSION; }

ExportResult makeResult(ExportStatus status, std::string message)
{
    ExportResult result;
    result.status = status;
    result.message = std::move(message);
    return result;
}

// "<dir>/.<name>.partial-<pid><ext>": hidden, beside the target (same file system for the rename).
std::string temporaryPathFor(const std::string& output)
{
    const fs::path target(output);
    std::string name = ".";
    name.append(target.stem().string());
    name.append(".partial-");
    name.append(std::to_string(::getpid()));
    name.append(target.extension().string());
    return (target.parent_path() / name).string();
}

// The frame index of a "frame_000123.png" name, or -1 for any other name.
int frameIndexOf(const std::string& name)
{
    constexpr std::string_view prefix = "frame_", suffix = ".png";
    if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return -1;
    const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return -1;
    return std::stoi(digits);
}

// A file some PNG-sequence export writes: a frame or a manifest (of the whole path or of a range).
bool isExportFile(const std::string& name)
{
    return frameIndexOf(name) >= 0 || name == "manifest.json" ||
           (name.rfind("manifest-", 0) == 0 && name.size() > 14 && name.compare(name.size() - 5, 5, ".json") == 0);
}

// The temporary file an atomic write of a frame or manifest leaves when the process is killed
// mid-write ("frame_000012.png.tmp-…"): an export's own leftover, never the user's.
bool isExportLeftover(const std::string& name)
{
    const auto at = name.find(".tmp-");
    return at != std::string::npos && isExportFile(name.substr(0, at));
}

// Whether a folder holds anything at all.
bool folderIsEmpty(const fs::path& folder)
{
    std::error_code error;
    return fs::directory_iterator(folder, error) == fs::directory_iterator();
}

// A word for a POSIX shell: as it is when it holds only characters no shell treats specially, else
// in single quotes (a quote inside written as '\''), so a copied command works for any file name.
std::string shellQuote(const std::string& word)
{
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("_./-:+@%=,", c) != nullptr;
    });
    if (plain) return word;
    std::string quoted = "'";
    for (char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// The commands that join a PNG sequence into a video; `width` × `height` is the size written.
std::string joinCommands(const ExportParams& params, int begin, int width, int height, bool ffmpeg)
{
    char fps[32];
    std::snprintf(fps, sizeof fps, "%g", params.fps);
    if (ffmpeg)
        return std::string("ffmpeg -framerate ") + fps + " -start_number " + std::to_string(begin) +
               " -i frame_%06d.png -c:v libx264 -pix_fmt yuv420p -crf 18 video.mp4";
    std::string command = "latent-studio export --session " +
                          (params.sessionPath.empty() ? std::string("SESSION.lstudio") : shellQuote(params.sessionPath)) +
                          " --format mp4 --fps " + fps + " --frame-range " + std::to_string(begin) + ":" +
                          std::to_string(params.frameEnd < 0 ? params.path.frameCount() : params.frameEnd);
    if (params.width > 0 || params.height > 0) command += " --size " + std::to_string(width) + "x" + std::to_string(height);
    return command + " --out video.mp4";
}

class Exporter {
public:
    Exporter(const ExportParams& params, const std::atomic_bool* cancel, const ExportProgressCallback& progress)
        : m_params(params), m_cancel(cancel), m_progress(progress)
    {
    }

    ExportResult run(lscore::Engine* engine);

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }
    bool isDone(int frame) const { return m_done[static_cast<std::size_t>(frame - m_begin)] != 0; }
    bool frameIsReusable(const fs::path& file, int frame) const;
    ExportResult prepareOutput();
    lscore::Status consumeFrames(const std::vector<lscore::Image>& frames, int firstFrame);
    lscore::Status finishOutput();
    void abandonOutput(const std::string& reason);
    nlohmann::json manifest(bool complete, const std::string& error) const;
    lscore::Status writeManifest(const std::string& path, bool complete, const std::string& error) const;

    const ExportParams& m_params;
    const std::atomic_bool* m_cancel;
    const ExportProgressCallback& m_progress;

    lscore::Engine* m_engine = nullptr;
    ExportResult m_result;
    int m_begin = 0;
    int m_end = 0;
    int m_width = 0;
    int m_height = 0;
    std::vector<char> m_done;               // per frame of [m_begin, m_end): finished on disk (or in the output)
    std::string m_temporary;                // video/GIF/sheet: the file being written
    bool m_folderMayBeRenamed = false;      // PNG: the folder held nothing of the user's before
    std::unique_ptr<Mp4Writer> m_video;
    std::vector<lscore::Image> m_buffered;  // GIF and contact sheet
    std::vector<int> m_bufferedNumbers;
};

bool Exporter::frameIsReusable(const fs::path& file, int frame) const
{
    // Decoding the pixels checks every chunk's CRC: a frame cut short or damaged is rendered again.
    auto png = lscore::readPng(file.string(), true);
    if (!png || png->image.width != m_width || png->image.height != m_height) return false;
    const auto text = [&png](const char* key) {
        const auto it = png->text.find(key);
        return it == png->text.end() ? std::string() : it->second;
    };
    return text(kPngKeyFrameIndex) == std::to_string(frame) && text(lscore::kPngKeyModelHash) == m_engine->modelHash()
        && text(lscore::kPngKeyTextEncoderHash) == m_engine->textEncoderHash()
        && text(lscore::kPngKeyState) == m_params.path.stateAt(frame).toJson().dump();
}

ExportResult Exporter::prepareOutput()
{
    const fs::path output(m_params.outputPath);
    std::error_code error;
    bool exists = fs::exists(output, error);
    if (m_params.format == ExportFormat::PngSequence) {
        if (exists && !fs::is_directory(output, error))
            return makeResult(ExportStatus::InvalidParameters,
                              m_params.outputPath + " is a file; a PNG sequence needs a folder. Choose another --out.");
        const bool wholePath = m_begin == 0 && m_end == m_params.path.frameCount();
        if (m_params.resume && !exists) {
            // An export that stopped in a folder of its own renamed it "<folder>.incomplete"; resuming
            // moves it back (later unfinished attempts, .incomplete-2 and on, are left for the user).
            std::string base = output.lexically_normal().string();
            if (!base.empty() && base.back() == '/') base.pop_back();
            const fs::path unfinished(base + ".incomplete");
            if (fs::is_directory(unfinished, error)) {
                fs::rename(unfinished, output, error);
                if (error)
                    return makeResult(ExportStatus::Failed, "Cannot move " + unfinished.string() + " back to " +
                                                                m_params.outputPath + " to resume it: " + error.message() + ".");
                exists = true;
            }
        }
        // A shard (a frame range) owns its frames and its manifest only: shards of one export share a
        // folder, and none of them touches another's files. A whole-path export owns every frame and
        // manifest there (a shorter path must not leave old frames behind). Files no export writes
        // make the folder the user's: it is written into only with force or resume, and what is there stays.
        const std::string ownManifest = fs::path(manifestPathFor(m_params)).filename().string();
        std::vector<fs::path> own;
        bool usersFiles = false;
        int staleFrames = 0;   // resume: frames of the range found but not reusable
        if (exists) {
            for (const auto& entry : fs::directory_iterator(output, error)) {
                if (cancelled()) return makeResult(ExportStatus::Cancelled, "The export was cancelled before it started.");
                const std::string name = entry.path().filename().string();
                const int frame = frameIndexOf(name);
                if (m_params.resume && frame >= m_begin && frame < m_end && frameIsReusable(entry.path(), frame)) {
                    m_done[static_cast<std::size_t>(frame - m_begin)] = 1;
                    ++m_result.framesReused;
                    continue;
                }
                // A killed write's leftover is this export's when the file it was becoming would be.
                const std::string target = isExportLeftover(name) ? name.substr(0, name.find(".tmp-")) : name;
                const int targetFrame = frameIndexOf(target);
                const bool ours = wholePath ? isExportFile(target)
                                            : target == ownManifest || (targetFrame >= m_begin && targetFrame < m_end);
                if (m_params.resume && frame >= m_begin && frame < m_end) ++staleFrames;
                if (ours) own.push_back(entry.path());
                else if (!isExportFile(target) && !isExportLeftover(name)) usersFiles = true;
            }
        }
        // Resume finishes this export; it does not silently replace another one that happens to be there.
        if (m_params.resume && staleFrames > 0 && m_result.framesReused == 0 && !m_params.force)
            return makeResult(ExportStatus::OutputExists,
                              "None of the " + std::to_string(staleFrames) + " frames in " + m_params.outputPath +
                                  " belong to this export (another path, model or size), so there is nothing to resume; "
                                  "use --force to replace them.");
        if ((usersFiles || !own.empty()) && !m_params.force && !m_params.resume) {
            const std::string what = own.empty()   ? " already holds other files"
                                     : wholePath ? " already holds an export"
                                                 : " already holds frames " + std::to_string(m_begin) + "–" + std::to_string(m_end - 1) + " of an export";
            return makeResult(ExportStatus::OutputExists,
                              "The folder " + m_params.outputPath + what + "; use --resume to finish it, or --force to replace its frames (other files stay).");
        }
        for (const fs::path& file : own) {
            fs::remove(file, error);
            if (error)
                return makeResult(ExportStatus::Failed, "Cannot remove the old " + file.string() + ": " + error.message() + ".");
        }
        // Renamed to .incomplete on failure only when it is this export's alone: a whole-path export
        // into a folder that held nothing (renaming a shared folder would pull it from the other shards).
        m_folderMayBeRenamed = wholePath && (!exists || folderIsEmpty(output) || (m_params.resume && !usersFiles));
        fs::create_directories(output, error);
        if (error)
            return makeResult(ExportStatus::Failed, "Cannot create the output folder " + m_params.outputPath + ": " +
                                                        error.message() + ". Choose a folder you can write to.");
        // Probe that the folder is writable now rather than after rendering the first batch.
        const std::string probe = (output / (".write-test-" + std::to_string(::getpid()))).string();
        if (auto status = writeFileChecked(probe, std::string("ok")); !status) {
            ::unlink(probe.c_str());
            return makeResult(ExportStatus::Failed, "Cannot write into the folder " + m_params.outputPath + ": " +
                                                        status.error() + " Choose a folder you can write to.");
        }
        ::unlink(probe.c_str());
        m_result.outputPath = m_params.outputPath;
        m_result.manifestPath = manifestPathFor(m_params);
        return makeResult(ExportStatus::Succeeded, {});
    }

    if (exists && !m_params.force)
        return makeResult(ExportStatus::OutputExists, m_params.outputPath + " already exists; use --force to replace it.");
    if (exists && fs::is_directory(output, error))
        return makeResult(ExportStatus::InvalidParameters, m_params.outputPath + " is a folder; name a file for --out.");
    const fs::path parent = output.parent_path().empty() ? fs::path(".") : output.parent_path();
    if (!fs::is_directory(parent, error))
        return makeResult(ExportStatus::Failed, "The folder " + parent.string() + " does not exist; create it or choose another --out.");
    m_temporary = temporaryPathFor(m_params.outputPath);
    if (auto status = writeFileChecked(m_temporary, std::string()); !status)
        return makeResult(ExportStatus::Failed, "Cannot write into " + parent.string() + ": " + status.error() +
                                                    " Choose a folder you can write to.");
    if (m_params.format == ExportFormat::Mp4) {
        auto video = Mp4Writer::open(m_temporary, m_width, m_height, m_params.fps);
        if (!video) {
            ::unlink(m_temporary.c_str());
            return makeResult(ExportStatus::Failed, video.error());
        }
        m_video = std::move(video).value();
        m_result.codec = m_video->codec();
    }
    m_result.outputPath = m_params.outputPath;
    m_result.manifestPath = manifestPathFor(m_params);
    return makeResult(ExportStatus::Succeeded, {});
}

lscore::Status Exporter::consumeFrames(const std::vector<lscore::Image>& frames, int firstFrame)
{
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const int frameIndex = firstFrame + static_cast<int>(i);
        if (isDone(frameIndex)) continue;   // resume: this frame is already finished on disk
        lscore::Image frame = resizeImage(frames[i], m_width, m_height, m_params.filter);
        switch (m_params.format) {
        case ExportFormat::PngSequence: {
            lscore::PngText text = {
                {lscore::kPngKeyState, m_params.path.stateAt(frameIndex).toJson().dump()},
                {lscore::kPngKeyModelHash, m_engine->modelHash()},
                {lscore::kPngKeyModelName, m_engine->description().name},
                {lscore::kPngKeySoftware, softwareName()},
                {kPngKeyFrameIndex, std::to_string(frameIndex)},
                {kPngKeySessionHash, m_params.sessionHash},
            };
            if (!m_engine->textEncoderHash().empty())
                text[lscore::kPngKeyTextEncoderHash] = m_engine->textEncoderHash();
            const std::string file = (fs::path(m_params.outputPath) / frameFileName(frameIndex)).string();
            if (auto status = lscore::writePng(file, frame, text); !status) {
                ::unlink(file.c_str());   // a truncated frame must not stay behind
                return status;
            }
            break;
        }
        case ExportFormat::Mp4:
            if (auto status = m_video->write(frame); !status) return status;
            break;
        case ExportFormat::Gif:
        case ExportFormat::ContactSheet:
            m_buffered.push_back(std::move(frame));
            m_bufferedNumbers.push_back(frameIndex);
            break;
        }
        ++m_result.framesWritten;
        m_done[static_cast<std::size_t>(frameIndex - m_begin)] = 1;
    }
    return lscore::Status::success();
}

lscore::Status Exporter::finishOutput()
{
    // Messages name the user's output, never the hidden temporary file it is written as.
    const auto asUsersFile = [this](const lscore::Status& status) -> lscore::Status {
        if (status || m_temporary.empty()) return status;
        std::string message = status.error();
        for (auto at = message.find(m_temporary); at != std::string::npos; at = message.find(m_temporary, at + m_params.outputPath.size()))
            message.replace(at, m_temporary.size(), m_params.outputPath);
        return lscore::makeError(message);
    };
    switch (m_params.format) {
    case ExportFormat::PngSequence:
        return writeManifest(m_result.manifestPath, true, {});
    case ExportFormat::Mp4: {
        if (auto status = m_video->close(); !status) return asUsersFile(status);
        // OpenCV does not report failed writes; decode the file to be sure every frame made it.
        auto info = readVideoInfo(m_temporary);
        if (!info || info->frameCount != m_result.framesWritten)
            return lscore::makeError("The video " + m_params.outputPath + " could not be written completely (" +
                                     std::to_string(info ? info->frameCount : 0) + " of " +
                                     std::to_string(m_result.framesWritten) + " frames readable; is the disk full?).");
        break;
    }
    case ExportFormat::Gif: {
        GifOptions options;
        options.fps = m_params.fps;
        options.loopCount = m_params.gifLoopCount;
        options.dither = m_params.gifDither;
        options.comment = manifest(true, {}).dump();
        if (auto status = writeGif(m_temporary, m_buffered, options); !status) return asUsersFile(status);
        break;
    }
    case ExportFormat::ContactSheet: {
        const lscore::Image sheet = contactSheet(m_buffered, m_bufferedNumbers, m_params.sheetColumns);
        const lscore::PngText text = {
            {lscore::kPngKeyModelHash, m_engine->modelHash()},
            {lscore::kPngKeyModelName, m_engine->description().name},
            {lscore::kPngKeySoftware, softwareName()},
            {kPngKeySessionHash, m_params.sessionHash},
            {"latent-studio:keyframes", m_params.path.toJson().dump()},
            {"latent-studio:frame-range", std::to_string(m_begin) + ":" + std::to_string(m_end)},
        };
        if (auto status = lscore::writePng(m_temporary, sheet, text); !status) return asUsersFile(status);
        break;
    }
    }
    if (auto status = writeManifest(m_result.manifestPath, true, {}); !status) return status;
    std::error_code error;
    fs::rename(m_temporary, m_params.outputPath, error);
    if (error) return lscore::makeError("Cannot move the finished export to " + m_params.outputPath + ": " + error.message() + ".");
    m_temporary.clear();
    return lscore::Status::success();
}

void Exporter::abandonOutput(const std::string& reason)
{
    std::error_code error;
    if (m_video) (void)m_video->close();
    if (!m_temporary.empty()) {
        fs::remove(m_temporary, error);
        m_result.outputPath.clear();
        m_result.manifestPath.clear();
        return;
    }
    if (m_params.format != ExportFormat::PngSequence || m_result.outputPath.empty()) return;
    // The frames stay for inspection, but under a name (and with a manifest) that says they are unfinished.
    std::string folder = m_params.outputPath;
    if (m_folderMayBeRenamed) {
        std::string base = fs::path(m_params.outputPath).lexically_normal().string();
        if (!base.empty() && base.back() == '/') base.pop_back();
        // Never over a folder that is already there (an earlier unfinished export of the user's):
        // the first free name of <out>.incomplete, <out>.incomplete-2, …
        std::string target = base + ".incomplete";
        for (int n = 2; fs::exists(target, error) && n < 1000; ++n) target = base + ".incomplete-" + std::to_string(n);
        if (!fs::exists(target, error)) {
            fs::rename(fs::path(m_params.outputPath), target, error);
            if (!error) folder = target;
        }
    }
    m_result.outputPath = folder;
    m_result.manifestPath = (fs::path(folder) / fs::path(manifestPathFor(m_params)).filename()).string();
    (void)writeManifest(m_result.manifestPath, false, reason);
}

nlohmann::json Exporter::manifest(bool complete, const std::string& error) const
{
    nlohmann::json present = nlohmann::json::array();
    for (int f = m_begin; f < m_end;) {
        if (!isDone(f)) { ++f; continue; }
        const int runBegin = f;
        while (f < m_end && isDone(f)) ++f;
        present.push_back({runBegin, f});
    }
    nlohmann::json json = {
        {"format", kManifestFormatName},
        {"version", kManifestVersion},
        {"complete", complete},
        {"software", softwareName()},
        {"output_format", toString(m_params.format)},
        {"model",
         {{"path", m_params.modelPath.empty() && m_engine ? m_engine->modelPath() : m_params.modelPath},
          {"sha256", m_engine ? m_engine->modelHash() : std::string()},
          {"name", m_engine ? m_engine->description().name : std::string()}}},
        {"session", {{"path", m_params.sessionPath}, {"sha256", m_params.sessionHash}}},
        {"fps", m_params.fps},
        {"size", {m_width, m_height}},
        {"path_frames", m_params.path.frameCount()},
        {"frame_range", {m_begin, m_end}},
        {"frames_present", std::move(present)},   // [begin, end) intervals of frames that exist
    };
    if (m_params.format == ExportFormat::PngSequence) {
        json["file_pattern"] = "frame_%06d.png";
        json["join"] = {{"ffmpeg", joinCommands(m_params, m_begin, m_width, m_height, true)},
                        {"latent-studio", joinCommands(m_params, m_begin, m_width, m_height, false)}};
    } else {
        json["file"] = fs::path(m_params.outputPath).filename().string();
    }
    if (!m_result.codec.empty()) json["codec"] = m_result.codec;
    if (!error.empty()) json["error"] = error;
    return json;
}

lscore::Status Exporter::writeManifest(const std::string& path, bool complete, const std::string& error) const
{
    return lscore::writeFileAtomic(path, manifest(complete, error).dump(2) + "\n");
}

ExportResult Exporter::run(lscore::Engine* engine)
{
    if (auto status = validateExportParams(m_params); !status)
        return makeResult(ExportStatus::InvalidParameters, status.error());
    if (m_params.resume && m_params.format != ExportFormat::PngSequence)
        return makeResult(ExportStatus::InvalidParameters, std::string("Only a PNG sequence can be resumed; a ") +
                                                               toString(m_params.format) + " is written whole. Export it again.");
    m_begin = m_params.frameBegin;
    m_end = m_params.frameEnd < 0 ? m_params.path.frameCount() : m_params.frameEnd;
    m_done.assign(static_cast<std::size_t>(m_end - m_begin), 0);

    std::unique_ptr<lscore::Engine> ownEngine;
    if (!engine) {
        auto opened = lscore::Engine::open(m_params.modelPath, m_params.engineOptions);
        if (!opened) return makeResult(ExportStatus::Failed, "Cannot open the model: " + opened.error());
        ownEngine = std::move(opened).value();
        engine = ownEngine.get();
    }
    m_engine = engine;
    m_result.modelHash = engine->modelHash();
    const int native = engine->description().resolution;
    // One side given: the other follows it at the model's aspect ratio (square frames).
    m_width = m_params.width > 0 ? m_params.width : m_params.height > 0 ? m_params.height : native;
    m_height = m_params.height > 0 ? m_params.height : m_params.width > 0 ? m_params.width : native;
    m_result.width = m_width;
    m_result.height = m_height;

    const int total = m_end - m_begin;
    if (m_params.format == ExportFormat::Gif || m_params.format == ExportFormat::ContactSheet) {
        const std::uint64_t bytes = static_cast<std::uint64_t>(total) * m_width * m_height * 3;
        if (bytes > kMaxBufferedFrameBytes)
            return makeResult(ExportStatus::InvalidParameters,
                              "This " + std::string(toString(m_params.format)) + " would hold " + std::to_string(bytes >> 20) +
                                  " MiB of frames in memory; export fewer frames or a smaller --size.");
    }
    if (m_params.format == ExportFormat::ContactSheet &&
        static_cast<std::uint64_t>(total) * m_width * m_height > 16384ull * 16384ull)
        return makeResult(ExportStatus::InvalidParameters,
                          "The contact sheet would exceed 16384×16384 pixels; use fewer --frames or a smaller --size.");

    {
        ExportResult prepared = prepareOutput();
        if (!prepared.ok()) {
            prepared.modelHash = m_result.modelHash;
            return prepared;
        }
    }

    const auto start = Clock::now();
    auto lastManifest = start - std::chrono::seconds(1);   // the first batch writes one at once
    std::string failure;
    bool wasCancelled = false;
    // Batches are aligned to multiples of batchSize in the whole path, not to the range: the engine's
    // batched kernels may round differently for different batch compositions, so frame f is always
    // rendered in the same batch [⌊f/B⌋·B, ⌊f/B⌋·B + B) and a range export matches the full export
    // bit for bit (at the cost of up to B−1 extra frames at each end of a range).
    const int pathFrames = m_params.path.frameCount();
    const int batchSize = m_params.batchSize;
    for (int batchStart = (m_begin / batchSize) * batchSize; batchStart < m_end; batchStart += batchSize) {
        if (cancelled()) {
            wasCancelled = true;
            break;
        }
        const int batchEnd = std::min(pathFrames, batchStart + batchSize);
        const int first = std::max(batchStart, m_begin);
        const int last = std::min(batchEnd, m_end);
        bool allDone = true;
        for (int f = first; f < last && allDone; ++f) allDone = isDone(f);
        if (allDone) continue;   // resume: the whole batch is on disk already
        std::vector<lscore::EditState> states;
        for (int f = batchStart; f < batchEnd; ++f) states.push_back(m_params.path.stateAt(f));
        lscore::RenderStats stats;
        const auto renderStart = Clock::now();
        auto frames = engine->render(states, &stats);
        m_result.renderSeconds += secondsSince(renderStart);
        if (!frames) {
            if (cancelled()) {
                wasCancelled = true;
                break;
            }
            failure = "Rendering frames " + std::to_string(first) + "–" + std::to_string(last - 1) + " failed: " + frames.error();
            break;
        }
        if (frames->size() != states.size()) {
            failure = "The engine returned " + std::to_string(frames->size()) + " frames for a batch of " +
                      std::to_string(states.size()) + ".";
            break;
        }
        std::vector<lscore::Image> wanted(std::make_move_iterator(frames->begin() + (first - batchStart)),
                                          std::make_move_iterator(frames->begin() + (last - batchStart)));
        if (auto status = consumeFrames(wanted, first); !status) {
            failure = status.error();
            break;
        }
        // The manifest follows the frames as they land, so a killed export (SIGKILL, power loss)
        // still says which frames it finished: at most once a second, since each write is synced
        // to disk and a fast export finishes several batches a second.
        if (m_params.format == ExportFormat::PngSequence && secondsSince(lastManifest) >= 1.0) {
            if (auto status = writeManifest(m_result.manifestPath, false, "in progress"); !status) {
                failure = status.error();
                break;
            }
            lastManifest = Clock::now();
        }
        if (m_progress) {
            ExportProgress progress;
            progress.framesDone = m_result.framesWritten + m_result.framesReused;
            progress.framesTotal = total;
            const double elapsed = secondsSince(start);
            progress.framesPerSecond = elapsed > 0 ? m_result.framesWritten / elapsed : 0.0;
            progress.secondsLeft =
                progress.framesPerSecond > 0 ? (total - progress.framesDone) / progress.framesPerSecond : 0.0;
            m_progress(progress);
        }
    }
    if (failure.empty() && !wasCancelled && cancelled()) wasCancelled = true;
    if (failure.empty() && !wasCancelled) {
        if (auto status = finishOutput(); !status) failure = status.error();
    }
    m_result.seconds = secondsSince(start);
    m_result.framesPerSecond = m_result.seconds > 0 ? m_result.framesWritten / m_result.seconds : 0.0;
    if (wasCancelled) {
        abandonOutput("cancelled");
        m_result.status = ExportStatus::Cancelled;
        m_result.message = "The export was cancelled after " + std::to_string(m_result.framesWritten + m_result.framesReused) + " of " +
                           std::to_string(total) + " frames" +
                           (m_result.outputPath.empty() ? std::string(".") : "; the partial output is in " + m_result.outputPath + ".");
        return m_result;
    }
    if (!failure.empty()) {
        abandonOutput(failure);
        m_result.status = ExportStatus::Failed;
        m_result.message = failure + (m_result.outputPath.empty()
                                          ? std::string()
                                          : " The partial output is in " + m_result.outputPath + " (marked incomplete).");
        return m_result;
    }
    m_result.status = ExportStatus::Succeeded;
    return m_result;
}

} // namespace

const char* toString(ExportFormat format)
{
    switch (format) {
    case ExportFormat::PngSequence: return "png";
    case ExportFormat::Mp4: return "mp4";
    case ExportFormat::Gif: return "gif";
    case ExportFormat::ContactSheet: return "sheet";
    }
    return "png";
}

std::optional<ExportFormat> exportFormatFromString(const std::string& name)
{
    if (name == "png") return ExportFormat::PngSequence;
    if (name == "mp4") return ExportFormat::Mp4;
    if (name == "gif") return ExportFormat::Gif;
    if (name == "sheet") return ExportFormat::ContactSheet;
    return std::nullopt;
}

ExportResult runExport(const ExportParams& params, const std::atomic_bool* cancel, const ExportProgressCallback& progress,
                       lscore::Engine* engine)
{
    try {
        Exporter exporter(params, cancel, progress);
        return exporter.run(engine);
    } catch (const std::exception& exception) {
        // Nothing below is meant to throw; this keeps a surprise from taking down the studio.
        return makeResult(ExportStatus::Failed, std::string("The export failed unexpectedly: ") + exception.what());
    }
}

std::string frameFileName(int frameIndex)
{
    char name[32];
    std::snprintf(name, sizeof name, "frame_%06d.png", frameIndex);
    return name;
}

std::string manifestPathFor(const ExportParams& params)
{
    if (params.format != ExportFormat::PngSequence) return params.outputPath + ".json";
    const int frames = params.path.frameCount();
    const int end = params.frameEnd < 0 ? frames : params.frameEnd;
    if (params.frameBegin == 0 && end == frames) return (fs::path(params.outputPath) / "manifest.json").string();
    return (fs::path(params.outputPath) / ("manifest-" + std::to_string(params.frameBegin) + "-" + std::to_string(end) + ".json")).string();
}

lscore::Status validateExportParams(const ExportParams& params)
{
    if (auto status = params.path.validate(); !status) return status;
    const int frames = params.path.frameCount();
    if (!(params.fps >= 1.0 && params.fps <= 240.0))
        return lscore::makeError("The frame rate must be between 1 and 240 fps (got " + std::to_string(params.fps) + ").");
    const int end = params.frameEnd < 0 ? frames : params.frameEnd;
    if (params.frameBegin < 0 || params.frameBegin >= end || end > frames)
        return lscore::makeError("The frame range " + std::to_string(params.frameBegin) + ":" + std::to_string(end) +
                                 " is not inside the path's frames 0:" + std::to_string(frames) +
                                 " (A:B means frames A to B-1, with 0 <= A < B <= " + std::to_string(frames) + ").");
    if (params.batchSize < 1 || params.batchSize > 64)
        return lscore::makeError("The batch size must be 1 to 64 (got " + std::to_string(params.batchSize) + ").");
    auto sideOk = [](int side) { return side == 0 || (side >= 8 && side <= 8192); };
    if (!sideOk(params.width) || !sideOk(params.height))
        return lscore::makeError("The size must be 8 to 8192 pixels on each side, or 0 for a side that follows the other (got " +
                                 std::to_string(params.width) + "x" + std::to_string(params.height) + ").");
    if (params.format == ExportFormat::Mp4 && (params.width % 2 != 0 || params.height % 2 != 0))
        return lscore::makeError("MP4 video needs an even width and height (got " + std::to_string(params.width) + "x" +
                                 std::to_string(params.height) + ").");
    if (params.outputPath.empty()) return lscore::makeError("No output path given; name one with --out.");
    if (params.format != ExportFormat::PngSequence && fs::path(params.outputPath).filename().empty())
        return lscore::makeError("The output " + params.outputPath + " names a folder; name a file for this format.");
    return lscore::Status::success();
}

} // namespace lsmedia
