#pragma once
// Engine: the one API through which the studio, the command line and the benchmarks render.
// Torch-free on purpose: the UI includes it without pulling in libtorch.
//
//   auto engine = lscore::Engine::open("model.safetensors", {});
//   if (!engine) { report(engine.error()); return; }
//   lscore::EditState state; state.promptA = "a red star"; state.seedA = 1;
//   auto frames = (*engine)->render({state});
//   if (frames) save(frames->front());
//
// Thread-safety contract:
//  * open() may run on any thread. An Engine is then used for rendering by ONE thread at a time
//    (the studio's render worker); render() runs under c10::InferenceMode on that thread.
//  * requestCancel() may be called from any thread at any time: it sets an atomic flag that render()
//    polls between synthesis layers; the render in flight returns the error "cancelled" and the flag
//    is cleared at the start of the next render().
//  * description(), modelHash(), deviceName() and checkPrompt() are const, touch no tensors and may
//    be called from any thread concurrently with render().
//  * Caches (text encodings, mapped w, per-condition w_avg, the live view's last StyleGAN2 frame's
//    block activations) are keyed by their inputs and private to the rendering thread. A frame
//    rendered with RenderOptions::resumeFromPreviousFrame whose leading layers' styles equal the
//    previous such frame's resumes synthesis at the first block they differ in, with the same pixels
//    as a full pass.

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lscore/clip_tokenizer.h"
#include "lscore/directions.h"
#include "lscore/edit_state.h"
#include "lscore/image.h"
#include "lscore/model_description.h"
#include "lscore/result.h"
#include "lscore/tokenizer.h"

namespace lscore {

struct EngineOptions {
    std::string device = "cpu";   // "cpu", "cuda", "cuda:1"; open() fails clearly if unavailable
    int threads = 0;              // intra-op threads; 0 = leave libtorch's default
    // Polled by open() while it reads and hashes the file and between its stages (parse, build,
    // load); once true, open() stops within a stage and returns the error kOpenCancelled.
    const std::atomic_bool* cancel = nullptr;
    // CLIP-conditioned models (LAFITE) read prompts through a CLIP text tower kept in a file of its
    // own (.safetensors, OpenAI or Hugging Face names). Empty: findClipTextEncoder() looks beside
    // the model. The BPE vocabulary: empty = the one shipped with the studio.
    std::string textEncoderPath;
    std::string vocabularyPath;
};

inline constexpr std::string_view kOpenCancelled = "cancelled";
// Every error of open() for a CLIP model whose text tower was neither given nor found contains
// this phrase, so that a front end can ask for the file and open again.
inline constexpr std::string_view kNeedsClipTextEncoder = "needs a CLIP text encoder";
// ... and every error for a text tower that was found or given but cannot serve the model (not a
// CLIP tower, the wrong feature size, unreadable) contains this one.
inline constexpr std::string_view kUnusableClipTextEncoder = "cannot read its prompts through the CLIP text encoder";

// The layer view (as NVIDIA's visualizer shows it): one synthesis layer's output for a frame.
enum class LayerViewMode {
    Channels,   // a grid of channels from `channel` on (at most kLayerViewGridChannels), each scaled to its own max |x|
    Channel,    // one channel, scaled to its max |x|: negative blue, positive orange
    MeanAbs,    // mean |x| over the channels, scaled to its max: a heat ramp
};
inline constexpr int kLayerViewGridChannels = 64;

// A synthesis layer the layer view can show, in the order the network runs them.
struct SynthesisLayerEntry {
    std::string name;      // "b8.conv0", "b8.torgb", StyleGAN3 "input", "L0_36_512", …
    int channels = 0;
    int resolution = 0;    // its output's side in pixels
};

struct LayerViewRequest {
    std::string layer;
    LayerViewMode mode = LayerViewMode::Channels;
    int channel = 0;       // Channel: which; Channels: the grid's first (clamped to the layer's)
};

struct LayerView {
    Image image;           // at the layer's resolution (a grid: tiles of it with 1 px gaps)
    std::string layer;
    int channels = 0, height = 0, width = 0;   // the layer's output shape
    int firstChannel = 0, shownChannels = 0;   // what the image shows
    double meanAbs = 0.0;  // mean |x| over the whole output
    double maxAbs = 0.0;
};

// What Engine::findDirections searches (lscore/directions.h for the methods).
struct DirectionSearch {
    DirectionMethod method = DirectionMethod::Sefa;
    int firstLayer = 0;    // the w indices whose layers SeFa factorises, and that found directions move
    int endLayer = -1;     // exclusive; -1 = to the last
    int count = 10;        // how many directions, largest first (at most kMaxDirectionCount and w_dim)
    int samples = 10000;   // GANSpace: mapped w; at least 2 × count
    // Conditional models map under prompt or class A of this state (SeFa's σ, GANSpace's samples).
    EditState condition;
    std::function<void(double fraction)> progress;   // GANSpace: called between batches, on the caller's thread
    const std::atomic_bool* cancel = nullptr;        // polled between batches; set => the error "cancelled"
};

struct RenderStats {
    double milliseconds = 0.0;    // wall time of the whole batch
    int batchSize = 0;
    // Leading StyleGAN2 synthesis blocks a frame took from the previous frame because its styles
    // there were unchanged (a fine-layer edit; RenderOptions::resumeFromPreviousFrame); 0 when every
    // block ran.
    int blocksReused = 0;
    int previewDivisor = 1;       // the divisor the frames were rendered at (RenderOptions), 1 = full size
    std::optional<LayerView> layerView;   // RenderOptions::layerView's result
};

struct RenderOptions {
    // A preview while a slider is dragged on a model too slow for the frame budget: 2, 4 or 8 give
    // the image at that fraction of the model's resolution (the skip architecture's image after a
    // lower block), never below 16 px (a 64 px model asked for 8 renders at 1/4);
    // RenderStats::previewDivisor says what was used. Models without one (supportsPreview() false)
    // render full size.
    int previewDivisor = 1;
    // The live view's frame: a single StyleGAN2 frame resumes from the previous frame rendered with
    // this set (the leading-layer cache), so other single renders (thumbnails, a lone comparison
    // pane) leave it alone by leaving this unset.
    bool resumeFromPreviousFrame = false;
    // The layer view of the batch's first frame, into RenderStats::layerView (that frame then runs
    // every layer: it does not resume). A layer the model lacks is refused with its name. Unset, the
    // render costs what it always did.
    std::optional<LayerViewRequest> layerView;
};

class Engine {
public:
    // Opens a .safetensors model (project format, or the NVlabs / BigGAN reference fixture format), an
    // NVlabs .pkl snapshot (StyleGAN2, StyleGAN3, or LAFITE with its CLIP text tower, see
    // EngineOptions), or a BigGAN-deep folder as downloaded (pytorch_model.bin + config.json; the
    // folder or its .bin may be named). BigGAN renders with the same EditState: classA/classB and
    // promptT/promptMix interpolate and mix its class input per block, seeds give truncated-normal
    // noise (the port's truncated_noise_sample), truncationPsi is its truncation in (0, 1] (refused
    // outside), and the noise, cutoff and move/turn fields do not apply.
    static Result<std::unique_ptr<Engine>> open(const std::string& modelPath, const EngineOptions& options = {});
    // The CLIP text tower beside a model: <stem>.clip.safetensors, then a *.safetensors whose name
    // contains "clip" (first by name), then clip/model.safetensors, then $LATENT_STUDIO_CLIP_TEXT_ENCODER.
    // "" when none exists. clipTextEncoderCandidates() lists the places, for messages.
    static std::string findClipTextEncoder(const std::string& modelPath);
    static std::vector<std::string> clipTextEncoderCandidates(const std::string& modelPath);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    const ModelDescription& description() const;
    const std::string& modelPath() const;
    // SHA-256 of the file's bytes, lowercase hex (a BigGAN folder: of pytorch_model.bin's bytes
    // followed by config.json's).
    const std::string& modelHash() const;
    // The CLIP text tower in use and the SHA-256 of its file; "" for models without one.
    const std::string& textEncoderPath() const;
    const std::string& textEncoderHash() const;
    // CLIP models: the tokenizer in use (copies share its tables); null for other models.
    const ClipTokenizer* clipTokenizer() const;
    std::string deviceName() const;
    // Always ok() for non-text models and for CLIP models, which read any text; a CLIP prompt longer
    // than 77 tokens is cut, and its check says so in `note`.
    PromptCheck checkPrompt(const std::string& prompt) const;

    // Renders one image per state, as one batched forward pass where possible. Prompts with unknown
    // words are refused with a message naming them. Deterministic: the same states in the same
    // batch on the same device give identical pixels. A state rendered in a batch of another size
    // matches its single render within one 8-bit level on at most 0.5 % of the pixels (BLAS kernels
    // sum in a different order for other matrix shapes, and CPUs round those sums differently).
    Result<std::vector<Image>> render(std::span<const EditState> states, RenderStats* stats = nullptr,
                                      const RenderOptions& options = {});
    // Whether RenderOptions::previewDivisor applies: StyleGAN2-family "skip" models of 64 px and up.
    bool supportsPreview() const;

    // The layers RenderOptions::layerView can show; empty for BigGAN.
    std::vector<SynthesisLayerEntry> synthesisLayers() const;
    // StyleGAN-family models: whether directions apply (BigGAN has no W space: a state that moves
    // along one is refused there).
    bool hasWSpace() const;

    // SeFa or GANSpace directions of this model (lscore/directions.h), on the engine's device and the
    // calling thread (the render thread, like render()). SeFa takes well under a second at 1024 px.
    Result<DirectionSet> findDirections(const DirectionSearch& search);
    // "Vector arithmetic": the direction from state `from` to state `to` — the mean over layers of
    // their composed w difference (directions included), unit length, sigma = its length, so that
    // amount 1 adds exactly that difference. Refused when the two map to the same w.
    Result<DirectionEdit> directionBetween(const EditState& from, const EditState& to, const std::string& name);

    void requestCancel();
    static bool cudaAvailable();

private:
    struct Impl;
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace lscore
