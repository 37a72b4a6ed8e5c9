// latent-studio export: a session's keyframe path as PNG frames, MP4, GIF or a contact sheet, with
// progress on stderr and Ctrl-C as a clean cancel. `export --bench` measures export throughput.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <span>
#include <thread>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "cli_common.h"
#include "lscore/atomic_file.h"
#include "lscore/engine.h"
#include "lscore/session.h"
#include "lscore/sha256.h"
#include "lsmedia/export_job.h"
#include "lsmedia/file_io.h"

namespace {

// Lock-free, so the signal handler may set it.
std::atomic_bool g_cancelRequested = false;
static_assert(std::atomic_bool::is_always_lock_free);

// Ctrl-C, and what schedulers and kill send (SIGTERM, SIGHUP), stop the export as Cancel does:
// the frames written so far are kept and marked unfinished, a partial video is removed.
extern "C" void onInterrupt(int number)
{
    g_cancelRequested = true;
    std::signal(number, SIG_DFL);   // a second one ends the process at once
}

int exitCodeFor(lsmedia::ExportStatus status)
{
    switch (status) {
    case lsmedia::ExportStatus::Succeeded: return 0;
    case lsmedia::ExportStatus::OutputExists: return 3;
    case lsmedia::ExportStatus::InvalidParameters: return 2;
    case lsmedia::ExportStatus::Failed:
    case lsmedia::ExportStatus::Cancelled: return 1;
    }
    return 1;
}

lsmedia::ExportProgressCallback progressPrinter(bool quiet)
{
    if (quiet) return {};
    const bool terminal = ::isatty(STDERR_FILENO);
    auto lastPrint = std::make_shared<std::chrono::steady_clock::time_point>();
    return [terminal, lastPrint](const lsmedia::ExportProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        const bool done = p.framesDone == p.framesTotal;
        if (!done && now - *lastPrint < std::chrono::milliseconds(terminal ? 100 : 1000)) return;
        *lastPrint = now;
        std::fprintf(stderr, "%sexport: %d/%d frames  %.1f fps  %.1f s left%s", terminal ? "\r" : "", p.framesDone,
                     p.framesTotal, p.framesPerSecond, p.secondsLeft, terminal && !done ? "   " : "\n");
        std::fflush(stderr);
    };
}

int runBench(const std::string& modelFlag, const std::string& textEncoderFlag, int frames, int width, int height)
{
    std::string why;
    const std::string model = cli::resolveModel(modelFlag, {}, {}, &why);
    if (model.empty()) {
        std::fprintf(stderr, "latent-studio export --bench: %s\n", why.c_str());
        return 2;
    }
    lscore::EngineOptions options;
    options.textEncoderPath = textEncoderFlag;
    auto engine = lscore::Engine::open(model, options);
    if (!engine) {
        std::fprintf(stderr, "latent-studio export --bench: cannot open %s: %s\n", model.c_str(), engine.error().c_str());
        return 2;
    }
    const auto& description = (*engine)->description();
    lscore::EditState base;
    if (description.conditioning.type == lscore::ConditioningType::Text && !description.conditioning.vocabulary.empty())
        base.promptA = description.conditioning.vocabulary.front();
    std::vector<std::uint32_t> seeds;
    for (std::uint32_t s = 0; s < 9; ++s) seeds.push_back(s);
    const lscore::KeyframePath path = lscore::KeyframePath::seedWalk(base, seeds, 30, true).retimed(frames);

    // The system's temporary folder ($TMPDIR, else /tmp), with a unique name made by mkdtemp.
    std::error_code tempError;
    std::string pattern = (std::filesystem::temp_directory_path(tempError) / "latent-studio-bench-XXXXXX").string();
    if (tempError || !::mkdtemp(pattern.data())) {
        std::fprintf(stderr, "latent-studio export --bench: cannot create a temporary folder (set TMPDIR to a writable one)\n");
        return 1;
    }
    const std::filesystem::path folder = pattern;
    nlohmann::json runs = nlohmann::json::array();
    int status = 0;
    for (const lsmedia::ExportFormat format : {lsmedia::ExportFormat::PngSequence, lsmedia::ExportFormat::Mp4}) {
        for (const int batch : {1, 8}) {
            lsmedia::ExportParams params;
            params.modelPath = model;
            params.path = path;
            params.format = format;
            params.width = width == description.resolution ? 0 : width;
            params.height = height == description.resolution ? 0 : height;
            params.batchSize = batch;
            params.outputPath = (folder / (std::string(lsmedia::toString(format)) + std::to_string(batch) +
                                           (format == lsmedia::ExportFormat::Mp4 ? ".mp4" : "")))
                                    .string();
            const lsmedia::ExportResult result = lsmedia::runExport(params, &g_cancelRequested, {}, engine->get());
            if (!result.ok()) {
                std::fprintf(stderr, "latent-studio export --bench: %s\n", result.message.c_str());
                status = 1;
                break;
            }
            runs.push_back({{"format", lsmedia::toString(format)},
                            {"batch", batch},
                            {"frames", result.framesWritten},
                            {"seconds", result.seconds},
                            {"fps", result.framesPerSecond},
                            {"render_seconds", result.renderSeconds},
                            {"render_fps", result.renderSeconds > 0 ? result.framesWritten / result.renderSeconds : 0.0},
                            {"codec", result.codec}});
        }
    }
    std::error_code error;
    std::filesystem::remove_all(folder, error);
    const nlohmann::json report = {
        {"benchmark", "export"},
        {"model", model},
        {"model_sha256", (*engine)->modelHash()},
        {"model_resolution", description.resolution},
        {"output_size", {width, height}},
        {"device", (*engine)->deviceName()},
        {"hardware_threads", std::thread::hardware_concurrency()},
        {"runs", runs},
    };
    std::printf("%s\n", report.dump(2).c_str());
    return status;
}

} // namespace

int cli::exportFrames(int argc, char** argv)
{
    std::string sessionPath, outPath, modelFlag, textEncoderFlag, formatName, ditherName = "ordered";
    std::optional<double> fps;
    std::optional<int> frames, batch, loop, columns;
    std::optional<std::pair<int, int>> range;
    int width = -1, height = -1;
    bool force = false, resume = false, quiet = false, bench = false, nearest = false;

    CommandLine line("latent-studio export",
        "Renders the session's keyframe path and writes it as:\n"
        "  png     a folder of frame_000000.png ... (each with its state and model hash) + manifest.json\n"
        "  mp4     an H.264 video (MPEG-4 Part 2 where H.264 is unavailable)\n"
        "  gif     an animated GIF with one global palette, looping forever\n"
        "  sheet   a contact sheet PNG: all frames in a grid, numbered\n"
        "Ctrl-C, SIGTERM and SIGHUP cancel cleanly: partial output is removed or renamed *.incomplete\n"
        "(a PNG export is resumed from there with the same command and --resume).\n"
        "--bench renders a 240-frame seed walk at 128x128 into PNG and MP4, unbatched and batched,\n"
        "and prints frames per second as JSON (temporary files are removed).\n");
    line.usage("--bench [--model FILE [--text-encoder FILE]] [--frames N] [--size WxH]");
    line.text("--session", sessionPath, "FILE", "the .lstudio session whose keyframe path is exported");
    line.text("--out", outPath, "PATH", "the output file, or the folder of a PNG sequence");
    line.choice("--format", formatName, {"png", "mp4", "gif", "sheet"},
                "default: from --out's extension, else the session's");
    line.number("--fps", fps, "N", "frames per second (default: the session's, else 24)", 1.0, 240.0);
    line.number("--frames", frames, "N", "retime the path to N frames in total", 2, lscore::kMaxPathFrames);
    line.option("--frame-range", "A:B", "export frames A..B-1 only (same pixels and names as in a full export)",
                [&range](const std::string& value) {
                    const auto colon = value.find(':');
                    const auto view = std::string_view(value);
                    auto begin = colon == std::string::npos ? std::nullopt : parseNumber<int>(view.substr(0, colon));
                    auto end = colon == std::string::npos ? std::nullopt : parseNumber<int>(view.substr(colon + 1));
                    if (!begin || !end) return "needs A:B, e.g. 0:48 (frames A to B-1) (got \"" + value + "\")";
                    range = std::pair{*begin, *end};
                    return std::string();
                });
    line.option("--size", "WxH", "output size (Lanczos upscaling); --nearest for hard pixel edges", sizeOption(width, height));
    line.flag("--nearest", nearest, "with --size: nearest-neighbour scaling");
    line.number("--batch", batch, "N", "frames per engine call (default 8)", 1, 64);
    line.text("--model", modelFlag, "FILE", "model to use instead of the session's");
    line.text("--text-encoder", textEncoderFlag, "FILE",
              "CLIP text tower of a LAFITE model, instead of the session's (or the one beside it)");
    line.option("--dither", "D", "GIF dithering: none | ordered (default) | fs", [&ditherName](const std::string& value) {
        if (value != "none" && value != "ordered" && value != "fs" && value != "floyd-steinberg")
            return "must be none, ordered or fs (got \"" + value + "\")";
        ditherName = value;
        return std::string();
    });
    line.number("--loop", loop, "N", "GIF loop count, 0 = forever (default), -1 = play once", -1,
                std::numeric_limits<int>::max());
    line.number("--columns", columns, "N", "contact sheet columns (default: near square)", 1, 1024);
    line.flag("--force", force, "replace an existing output");
    line.flag("--resume", resume,
              "finish an interrupted PNG export in --out: keep its finished frames\n"
              "(checked: index, state, model, size), render the rest");
    line.flag("--quiet", quiet, "no progress on stderr");
    line.flag("--bench", bench, "measure export throughput instead (see above)");
    line.footer("Exit status: 0 success, 1 the export failed or was cancelled, 2 bad usage or unreadable input,\n"
                "             3 the output exists (use --force, or --resume for a PNG sequence).");
    if (auto status = line.parse(argc, argv)) return *status;
    const lsmedia::GifDither dither = ditherName == "none"      ? lsmedia::GifDither::None
                                      : ditherName == "ordered" ? lsmedia::GifDither::Ordered
                                                                : lsmedia::GifDither::FloydSteinberg;

    for (int number : {SIGINT, SIGTERM, SIGHUP}) std::signal(number, onInterrupt);
    std::signal(SIGXFSZ, SIG_IGN);   // a file size limit becomes a reported write error, not a crash
    if (bench) {
        return runBench(modelFlag, textEncoderFlag, frames.value_or(240), width > 0 ? width : 128, height > 0 ? height : 128);
    }
    if (sessionPath.empty()) return line.usageError("--session FILE is required");
    if (outPath.empty()) return line.usageError("--out PATH is required");

    // One read of a regular file of bounded size (never /dev/zero, a folder or a FIFO): its bytes are
    // both parsed and hashed, so the manifest pins exactly the session exported.
    auto sessionBytes = lscore::readRegularFile(sessionPath, lscore::kMaxSessionFileBytes, "the session file");
    if (!sessionBytes) {
        std::fprintf(stderr, "latent-studio export: %s\n", sessionBytes.error().c_str());
        return 2;
    }
    auto session = lscore::parseSessionText(
        std::string_view(reinterpret_cast<const char*>(sessionBytes->data()), sessionBytes->size()), sessionPath);
    if (!session) {
        std::fprintf(stderr, "latent-studio export: %s\n", session.error().c_str());
        return 2;
    }

    lsmedia::ExportParams params;
    params.sessionPath = sessionPath;
    params.sessionHash = lscore::sha256Hex(std::as_bytes(std::span(*sessionBytes)));
    params.path = session->keyframes;
    if (auto status = params.path.validate(); !status) {
        std::fprintf(stderr, "latent-studio export: the session %s has no usable keyframe path: %s\n", sessionPath.c_str(),
                     status.error().c_str());
        return 2;
    }
    if (frames) params.path = params.path.retimed(*frames);

    if (formatName.empty()) {
        const std::string extension = std::filesystem::path(outPath).extension().string();
        if (extension == ".mp4") formatName = "mp4";
        else if (extension == ".gif") formatName = "gif";
        else if (extension == ".png") formatName = "sheet";
        else formatName = session->exportSettings.format;
    }
    const auto format = lsmedia::exportFormatFromString(formatName);
    if (!format) return line.usageError("the session's export format \"" + formatName + "\" is not png, mp4, gif or sheet; give --format");
    params.format = *format;
    params.fps = fps.value_or(session->exportSettings.fps);
    params.width = width >= 0 ? width : session->exportSettings.width;
    params.height = height >= 0 ? height : session->exportSettings.height;
    params.filter = nearest ? lsmedia::ResizeFilter::Nearest : lsmedia::ResizeFilter::Smooth;
    params.batchSize = batch.value_or(8);
    params.outputPath = outPath;
    params.force = force;
    params.resume = resume;
    params.gifDither = dither;
    params.gifLoopCount = loop.value_or(0);
    params.sheetColumns = columns.value_or(0);
    if (range) {
        params.frameBegin = range->first;
        params.frameEnd = range->second;
    }
    // Usage errors first, before the model is loaded.
    if (auto status = lsmedia::validateExportParams(params); !status) {
        std::fprintf(stderr, "latent-studio export: %s\n", status.error().c_str());
        return 2;
    }

    std::string why;
    params.modelPath = resolveModel(modelFlag, session->modelPath, sessionPath, &why);
    if (params.modelPath.empty()) {
        std::fprintf(stderr, "latent-studio export: %s\n", why.c_str());
        return 2;
    }
    params.engineOptions.textEncoderPath = resolveTextEncoder(textEncoderFlag, session->textEncoderPath, sessionPath);
    auto engine = lscore::Engine::open(params.modelPath, params.engineOptions);
    if (!engine) {
        std::fprintf(stderr, "latent-studio export: cannot open the model %s: %s\n", params.modelPath.c_str(),
                     engine.error().c_str());
        return 2;
    }
    warnIfHashDiffers(session->modelSha256, (*engine)->modelHash(), "the session " + sessionPath);
    warnIfHashDiffers(session->textEncoderSha256, (*engine)->textEncoderHash(), "the session " + sessionPath, "CLIP text encoder");

    const lsmedia::ExportResult result = lsmedia::runExport(params, &g_cancelRequested, progressPrinter(quiet), engine->get());
    for (int number : {SIGINT, SIGTERM, SIGHUP}) std::signal(number, SIG_DFL);
    if (!result.ok()) {
        std::fprintf(stderr, "latent-studio export: %s\n", result.message.c_str());
        return exitCodeFor(result.status);
    }
    const std::string reused = result.framesReused > 0
        ? " (" + std::to_string(result.framesReused) + " finished frames kept from the interrupted export)" : std::string();
    std::fprintf(stderr, "latent-studio export: wrote %d frames (%dx%d) to %s in %.1f s (%.1f fps)%s%s%s\n", result.framesWritten,
                 result.width, result.height, result.outputPath.c_str(), result.seconds, result.framesPerSecond,
                 result.codec.empty() ? "" : ", codec ", result.codec.c_str(), reused.c_str());
    return 0;
}
