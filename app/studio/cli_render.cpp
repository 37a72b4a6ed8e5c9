// latent-studio render: one image from flags, a session or a PNG's embedded state, through the same
// Engine the studio uses (so the pixels match the studio's exactly).
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include <unistd.h>

#include "lscore/atomic_file.h"
#include "lscore/json_input.h"
#include "cli.h"
#include "cli_common.h"
#include "parse_number.h"
#include "lscore/engine.h"
#include "lscore/session.h"
#include "lsmedia/file_io.h"
#include "lsmedia/image_ops.h"
#include "lscore/png.h"

namespace {

} // namespace

int cli::render(int argc, char** argv)
{
    std::string modelFlag, textEncoderFlag, sessionPath, pngPath, outPath, sessionTextEncoder;
    std::optional<std::string> prompt, promptB;
    std::optional<double> t, latentT, psi, translateX, translateY, rotate;
    std::optional<std::uint32_t> seed, seedB;
    std::optional<int> classA, classB;
    int width = 0, height = 0;
    int gridSamples = 0, gridSteps = 0;
    bool force = false;

    CommandLine line("latent-studio render",
        "Renders one image and writes it as PNG carrying its edit state and the model's SHA-256 in\n"
        "text chunks (drop it back into the studio to restore the state).\n"
        "A session or PNG made with a different model (by SHA-256) renders with a warning naming both hashes.\n");
    line.text("--out", outPath, "FILE.png", "where to write the image").required();
    line.flag("--force", force, "replace an existing output file");
    line.group("Start from (optional, one of)");
    line.text("--session", sessionPath, "FILE", "a .lstudio session (its state and, unless --model is given, its model)");
    line.text("--from-png", pngPath, "FILE", "the state embedded in a PNG exported by Latent Studio");
    line.group("Then override");
    line.text("--model", modelFlag, "FILE",
              "model (.safetensors or NVlabs / LAFITE .pkl); default: the session's, else the default model");
    line.text("--text-encoder", textEncoderFlag, "FILE",
              "CLIP text tower for a LAFITE model (.safetensors, OpenAI or Hugging Face);\n"
              "default: the session's, else found beside the model (MODEL.clip.safetensors, ...)");
    line.text("--prompt", prompt, "TEXT", "prompt A");
    line.text("--prompt-b", promptB, "TEXT", "prompt B");
    line.number("--t", t, "X", "prompt interpolation A->B", 0.0, 1.0);
    line.number("--class", classA, "N", "class A (class-conditional models)", 0, std::numeric_limits<int>::max());
    line.number("--class-b", classB, "N", "class B", 0, std::numeric_limits<int>::max());
    line.number("--seed", seed, "N", "seed A");
    line.number("--seed-b", seedB, "N", "seed B");
    line.number("--latent-t", latentT, "X", "latent interpolation seed A->B", 0.0, 1.0);
    line.number("--psi", psi, "X", "truncation psi");
    line.number("--translate-x", translateX, "X", "StyleGAN3: move the image right by X frame widths (its input grid units)",
                -lscore::kMaxTranslate, lscore::kMaxTranslate);
    line.number("--translate-y", translateY, "Y", "StyleGAN3: move the image down by Y frame heights", -lscore::kMaxTranslate,
                lscore::kMaxTranslate);
    line.number("--rotate", rotate, "DEGREES", "StyleGAN3: turn the image by DEGREES", -lscore::kMaxRotateDegrees,
                lscore::kMaxRotateDegrees);
    line.option("--size", "WxH", "resize the output (Lanczos)", sizeOption(width, height));
    line.option("--grid", "NxK",
                "the BigGAN demo's grid: N samples (seeds A, A+1, ...) as rows, each walking from\n"
                "prompt or class A to B in K steps with its latent fixed; rendered as one batch\n"
                "into one sheet (the PNG carries the first cell's state)",
                [&gridSamples, &gridSteps](const std::string& value) {
                    const auto x = value.find('x');
                    const auto n = x == std::string::npos ? std::nullopt : cli::parseNumber<int>(value.substr(0, x));
                    const auto k = x == std::string::npos ? std::nullopt : cli::parseNumber<int>(value.substr(x + 1));
                    if (!n || !k || *n < 1 || *n > 64 || *k < 2 || *k > 64)
                        return "needs N samples (1-64) x K steps (2-64), e.g. 4x8 (got \"" + value + "\")";
                    gridSamples = *n;
                    gridSteps = *k;
                    return std::string();
                });
    line.footer("Exit status: 0 success, 1 rendering or writing failed, 2 bad usage or unreadable input,\n"
                "             3 the output exists (use --force).");
    if (auto status = line.parse(argc, argv)) return *status;
    if (!sessionPath.empty() && !pngPath.empty()) return line.usageError("use --session or --from-png, not both");

    lscore::EditState state;
    std::string expectedHash, expectedTextEncoderHash, sessionModel, hashSource;
    if (!sessionPath.empty()) {
        auto session = lscore::readSessionFile(sessionPath);
        if (!session) {
            std::fprintf(stderr, "latent-studio render: %s\n", session.error().c_str());
            return 2;
        }
        state = session->state;
        expectedHash = session->modelSha256;
        expectedTextEncoderHash = session->textEncoderSha256;
        sessionModel = session->modelPath;
        sessionTextEncoder = session->textEncoderPath;
        hashSource = "the session " + sessionPath;
    } else if (!pngPath.empty()) {
        auto png = lscore::readPng(pngPath, /*withPixels=*/false);
        if (!png) {
            std::fprintf(stderr, "latent-studio render: %s\n", png.error().c_str());
            return 2;
        }
        const lscore::PngText* text = &png->text;
        auto stateText = text->find(lscore::kPngKeyState);
        if (stateText == text->end()) {
            std::fprintf(stderr, "latent-studio render: %s carries no Latent Studio state (was it exported by Latent Studio?)\n",
                         pngPath.c_str());
            return 2;
        }
        const auto json = lscore::parseUntrustedJson(stateText->second, "the state");
        if (!json) {
            std::fprintf(stderr, "latent-studio render: the state in %s is damaged: %s\n", pngPath.c_str(), json.error().c_str());
            return 2;
        }
        auto parsed = lscore::EditState::fromJson(*json);
        if (!parsed) {
            std::fprintf(stderr, "latent-studio render: the state in %s is damaged: %s\n", pngPath.c_str(), parsed.error().c_str());
            return 2;
        }
        state = std::move(parsed).value();
        if (auto hash = text->find(lscore::kPngKeyModelHash); hash != text->end()) expectedHash = hash->second;
        if (auto hash = text->find(lscore::kPngKeyTextEncoderHash); hash != text->end()) expectedTextEncoderHash = hash->second;
        hashSource = "the image " + pngPath;
    }
    if (prompt) state.promptA = *prompt;
    if (promptB) state.promptB = *promptB;
    if (t) state.promptT = *t;
    if (latentT) state.latentT = *latentT;
    if (psi) state.truncationPsi = *psi;
    if (seed) state.seedA = *seed;
    if (seedB) state.seedB = *seedB;
    if (classA) state.classA = *classA;
    if (classB) state.classB = *classB;
    if (translateX) state.translateX = *translateX;
    if (translateY) state.translateY = *translateY;
    if (rotate) state.rotateDegrees = *rotate;
    // Flags pass the same checks as a session or a PNG's state: ranges, prompt length, UTF-8.
    if (prompt || promptB || t || latentT || psi || classA || classB) {
        if (auto checked = lscore::EditState::fromJson(state.toJson()); !checked) {
            std::string why = checked.error();
            if (why.rfind("edit state: ", 0) == 0) why.erase(0, std::string("edit state: ").size());
            return line.usageError(why + " (check --prompt, --prompt-b, --t, --latent-t, --psi, --class, --class-b)");
        }
    }

    std::signal(SIGXFSZ, SIG_IGN);   // a file size limit becomes a reported write error, not a crash
    // A device, FIFO or folder as --out is refused before anything is rendered (never renamed over).
    if (auto target = lscore::checkWritableTarget(outPath); !target) return line.usageError(target.error());
    std::error_code fsError;
    if (std::filesystem::exists(outPath, fsError) && !force) {
        std::fprintf(stderr, "latent-studio render: %s already exists; use --force to replace it.\n", outPath.c_str());
        return 3;
    }

    std::string why;
    const std::string model = resolveModel(modelFlag, sessionModel, sessionPath, &why);
    if (model.empty()) {
        std::fprintf(stderr, "latent-studio render: %s\n", why.c_str());
        return 2;
    }
    lscore::EngineOptions engineOptions;
    engineOptions.textEncoderPath = resolveTextEncoder(textEncoderFlag, sessionTextEncoder, sessionPath);
    auto engine = lscore::Engine::open(model, engineOptions);
    if (!engine) {
        std::fprintf(stderr, "latent-studio render: cannot open the model %s: %s\n", model.c_str(), engine.error().c_str());
        return 2;
    }
    warnIfHashDiffers(expectedHash, (*engine)->modelHash(), hashSource);
    warnIfHashDiffers(expectedTextEncoderHash, (*engine)->textEncoderHash(), hashSource, "CLIP text encoder");

    const std::vector<lscore::EditState> states =
        gridSamples > 0 ? lscore::walkGridStates(state, gridSamples, gridSteps) : std::vector<lscore::EditState>{state};
    auto images = (*engine)->render(states);
    if (!images) {
        std::fprintf(stderr, "latent-studio render: %s\n", images.error().c_str());
        return 1;
    }
    lscore::Image image = images->front();
    if (gridSamples > 0) {
        std::vector<int> cellNumbers(images->size());
        for (std::size_t i = 0; i < cellNumbers.size(); ++i) cellNumbers[i] = static_cast<int>(i);
        image = lsmedia::contactSheet(*images, cellNumbers, gridSteps);
    }
    if (width > 0) image = lsmedia::resizeImage(image, width, height);
    lscore::PngText text = {
        {lscore::kPngKeyState, states.front().toJson().dump()},   // a grid: its first cell
        {lscore::kPngKeyModelHash, (*engine)->modelHash()},
        {lscore::kPngKeyModelName, (*engine)->description().name},
        {lscore::kPngKeySoftware, std::string("Latent Studio ") + LSTUDIO_VERSION},
    };
    if (!(*engine)->textEncoderHash().empty()) text[lscore::kPngKeyTextEncoderHash] = (*engine)->textEncoderHash();
    if (auto status = lscore::writePng(outPath, image, text); !status) {
        std::fprintf(stderr, "latent-studio render: %s\n", status.error().c_str());
        return 1;
    }
    std::fprintf(stderr, "latent-studio render: wrote %s (%dx%d, model %s)\n", outPath.c_str(), image.width, image.height,
                 (*engine)->modelHash().substr(0, 12).c_str());
    return 0;
}
