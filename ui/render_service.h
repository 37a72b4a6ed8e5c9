#pragma once
// RenderService: renders EditStates on a worker thread so that the GUI thread never waits on the
// engine. The shape is Qt's Mandelbrot example: ONE latest-wins request slot guarded by a mutex, a
// wait condition that wakes the worker, and atomic restart/abort flags.
//
//   lsui::RenderService service;
//   QObject::connect(&service, &lsui::RenderService::frameReady, canvas,
//                    [canvas](quint64 id, const QList<QImage>& images, double ms) { canvas->show(images[0]); });
//   service.openModel(path);                  // asynchronous: modelOpened / modelFailed
//   quint64 id = service.requestRender({state});   // returns at once
//
// Contract:
//  * Every request gets an increasing id. A newer request replaces a pending one that the worker has
//    not started, so the worker always renders the newest state next, and the last frame delivered
//    matches the last request.
//  * Urgency::Final (a discrete edit, or the end of a drag) also cancels the render in flight
//    (Engine::requestCancel): it is stale, and waiting for it would only add latency. Urgency::Preview
//    (a drag in progress) lets it finish, so the user sees motion while dragging instead of a canvas
//    frozen by renders that are always cancelled by the next mouse move; hurry() upgrades the newest
//    pending request to Final when the drag ends.
//  * Previews on slow models: while a drag is in progress (Urgency::Preview) on a model whose last
//    full canvas frame took longer than kPreviewFrameBudgetMs and that has a lower-resolution image
//    (Engine::supportsPreview), the frames are rendered at ½, ¼ or ⅛ of the resolution (the smallest
//    reduction whose area-scaled cost fits the budget), scaled up to full size for display and
//    marked (lastDeliveredPreviewDivisor() > 1 for the frame delivered last, i.e. the canvas's).
//    They are never reused for a later request; hurry() at the end of the drag, or a Final request
//    for the same states, renders the full frame under the same id.
//  * A request's first state is rendered alone (batch 1), so the first image equals a single
//    Engine::render of its state bit for bit (the canvas frame: what Save Image writes and
//    `latent-studio render` reproduces); the others (comparison panes) render as one batch, within
//    the engine's batch contract of a single render.
//  * A request equal to the previous one is not rendered again (requestRender returns the previous id;
//    the worker reuses the images of an identical consecutive render under the new id).
//  * Results arrive as frameReady(id, images, ms) on the thread the service lives in, in increasing id
//    order; a result older than one already delivered is dropped. Errors arrive as failed(id, message)
//    or modelFailed(path, message); a cancelled render produces neither.
//  * Opening a model also runs on the worker. A failed or cancelled open keeps the previous model.
//    cancelOpen() stops an open in progress within one of its stages (a few seconds at most for a
//    multi-gigabyte model) and reports modelOpenCancelled, unless the open has already put its
//    model in place (then modelOpened follows and the cancel does nothing). A newer openModel()
//    supersedes an open in progress the same way, without a report: only the newer one is answered.
//  * Background lane: requestThumbnails() queues stills that are not the live frame (keyframe
//    thumbnails). The worker takes them one state at a time, only when no open and no live render
//    is waiting, so a live request waits for no thumbnail: it cancels a thumbnail render in flight,
//    which goes back to the head of its lane. A newer requestThumbnails() replaces the lane's
//    remaining work; results arrive as thumbnailReady / thumbnailFailed for the newest job only.
//    Each thumbnail is a batch-1 render, equal to the canvas frame of its state. Opening a model
//    empties the lane (its states were asked for under the previous model).
//  * Layer view: with setLayerView(request), every request's canvas frame also reports that layer's
//    activations (layerViewReady, just before its frameReady); unset, renders cost what they did.
//  * Engine tasks: runOnEngine() queues other work for the engine (finding directions, a strip of
//    thumbnails in one batch) on the worker, after a waiting open and live render and before the
//    thumbnail lane; a task posts its own answer back. Opening a model drops tasks not yet started.
//  * The destructor aborts any render or open in flight and joins the worker.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include "lscore/edit_state.h"
#include "lscore/clip_tokenizer.h"
#include "lscore/engine.h"
#include "lscore/model_description.h"

namespace lsui {

// What the GUI learns about a model once the worker has opened it (a copy: no engine access needed).
struct ModelInfo {
    QString path;
    QString hash;        // SHA-256 of the file, lowercase hex
    QString device;      // the engine's device name, e.g. "cpu"
    lscore::ModelDescription description;
    QString textEncoderPath;   // a CLIP-conditioned model's text tower, and its SHA-256; "" otherwise
    QString textEncoderHash;
    std::optional<lscore::ClipTokenizer> clipTokenizer;   // the engine's (shared tables), CLIP models only
    bool supportsPreview = false;   // Engine::supportsPreview: frames can be rendered at a lower resolution
    bool hasWSpace = false;         // Engine::hasWSpace: directions apply
    std::vector<lscore::SynthesisLayerEntry> synthesisLayers;   // what the layer view can show
};

// A full canvas frame slower than this makes drag frames reduced previews (see RenderService).
inline constexpr double kPreviewFrameBudgetMs = 100.0;

class RenderService : public QObject {
    Q_OBJECT
public:
    explicit RenderService(QObject* parent = nullptr);
    ~RenderService() override;
    RenderService(const RenderService&) = delete;
    RenderService& operator=(const RenderService&) = delete;

    // Opens a model on the worker; pending renders for the previous model are dropped.
    // device: "cpu" or "cuda".
    // `textEncoder`: the CLIP text tower a LAFITE model reads its prompts through ("": the engine
    // looks beside the model; a failure then says lscore::kNeedsClipTextEncoder).
    void openModel(const QString& path, const QString& device = QStringLiteral("cpu"), const QString& textEncoder = {});
    // Stops the open in progress (or drops one not yet started); no-op when none.
    void cancelOpen();
    bool isOpening() const { return m_openingPath.has_value(); }

    enum class Urgency { Final, Preview };

    // Queues the newest batch (one image per state, rendered in one Engine::render call).
    quint64 requestRender(std::vector<lscore::EditState> states, Urgency urgency = Urgency::Final);

    // Queues background stills (see the contract above); returns the job's id. An empty list just
    // clears the lane.
    quint64 requestThumbnails(std::vector<lscore::EditState> states);

    // Cancels the render in flight if a newer request is waiting (call when a drag ends).
    void hurry();

    // The layer the canvas frames report (see the contract); nullopt turns the layer view off. A
    // change renders the newest request again.
    void setLayerView(std::optional<lscore::LayerViewRequest> request);
    const std::optional<lscore::LayerViewRequest>& layerView() const { return m_layerView; }

    // Runs `task` on the worker with the open engine (null when none is open); see the contract.
    void runOnEngine(std::function<void(lscore::Engine*)> task);

    bool hasModel() const { return m_model.has_value(); }
    const std::optional<ModelInfo>& model() const { return m_model; }
    quint64 lastRequestId() const { return m_lastRequestId; }
    quint64 lastDeliveredId() const { return m_lastDeliveredId; }
    // 1 for a full frame; 2, 4 or 8 for a reduced drag preview. Valid while frameReady is emitted.
    int lastDeliveredPreviewDivisor() const { return m_lastDeliveredDivisor; }
    // The reduction a drag frame gets now: from the last full canvas frame's time (see the contract).
    int previewDivisorForDrag() const;

    // Test hooks. The delay is added after every engine render and is interrupted by a newer request
    // (as a slow engine that polls its cancel flag would be).
    void setExtraRenderDelayForTesting(int milliseconds) { m_extraDelayMs = milliseconds; }
    // Added before every open and interrupted by a cancel (as a slow read of a large file would be).
    void setExtraOpenDelayForTesting(int milliseconds) { m_extraOpenDelayMs = milliseconds; }
    int engineRenderCount() const { return m_engineRenders.load(); }
    // As if the last full canvas frame had taken this long (a slow model, for the preview rule).
    void setLastFullFrameMsForTesting(double milliseconds) { m_lastFullFrameMs = milliseconds; }

signals:
    void modelOpened(const lsui::ModelInfo& info);
    void modelFailed(const QString& path, const QString& message);
    void modelOpenCancelled(const QString& path);
    void frameReady(quint64 id, const QList<QImage>& images, double milliseconds);
    void failed(quint64 id, const QString& message);
    void thumbnailReady(quint64 job, int index, const QImage& image);
    void thumbnailFailed(quint64 job, int index, const QString& message);
    // The canvas frame's layer, at the layer's own resolution; `summary` names it with its shape and range.
    void layerViewReady(quint64 id, const QImage& image, const QString& summary);

private:
    struct OpenRequest {
        QString path;
        QString device;
        QString textEncoder;
    };
    struct RenderRequest {
        quint64 id = 0;
        std::vector<lscore::EditState> states;
        int previewDivisor = 1;
        bool replacesPreview = false;   // the full frame of a request already shown as a reduced preview
        std::optional<lscore::LayerViewRequest> layerView;
    };

    struct ThumbnailJob {
        quint64 id = 0;
        std::vector<lscore::EditState> states;
        std::size_t next = 0;   // the first state not yet delivered
    };

    void workerLoop();
    void renderThumbnailOnWorker(quint64 job, std::size_t index, const lscore::EditState& state);
    void openOnWorker(const OpenRequest& request);
    void renderOnWorker(RenderRequest request);
    void deliverFrame(quint64 id, QList<QImage> images, double milliseconds, int previewDivisor, bool replacesPreview,
                      QImage layerImage = {}, QString layerSummary = {});
    quint64 queueRender(std::vector<lscore::EditState> states, Urgency urgency);
    // The newest request again at full size and under its own id (so that whoever waits for that id,
    // e.g. a keyframe-path scrub, knows the frame), replacing its reduced preview on screen.
    void renderNewestAtFullSize();
    void deliverFailure(quint64 id, QString message);
    void cancelInFlightLocked();   // m_mutex held

    // Shared between the GUI thread and the worker, guarded by m_mutex.
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<OpenRequest> m_pendingOpen;
    std::optional<RenderRequest> m_pendingRender;
    std::unique_ptr<lscore::Engine> m_engine;  // swapped by the worker under m_mutex
    std::optional<ThumbnailJob> m_thumbnails;
    std::deque<std::function<void(lscore::Engine*)>> m_tasks;
    bool m_rendering = false;
    bool m_renderingThumbnail = false;         // the render in flight is from the background lane
    std::atomic_bool m_abort{false};
    std::atomic_bool m_cancelInFlight{false};  // the render in flight was told to stop
    std::atomic_bool m_cancelOpen{false};      // the open in flight (if any) was told to stop
    bool m_openCommitted = false;              // the open in flight has swapped its engine in
    std::atomic_int m_extraDelayMs{0};
    std::atomic_int m_extraOpenDelayMs{0};
    std::atomic_int m_engineRenders{0};
    std::atomic<double> m_lastFullFrameMs{0.0};   // the latest full-size canvas frame's engine time

    // Worker-only.
    std::vector<lscore::EditState> m_lastRenderedStates;
    QList<QImage> m_lastRenderedImages;

    // GUI-thread-only.
    std::optional<ModelInfo> m_model;
    std::optional<QString> m_openingPath;   // the newest open asked for and not yet answered
    std::vector<lscore::EditState> m_lastRequestedStates;
    quint64 m_nextId = 1;
    quint64 m_lastRequestId = 0;
    quint64 m_lastDeliveredId = 0;
    int m_lastDeliveredDivisor = 1;
    int m_lastRequestDivisor = 1;           // the newest request's preview reduction
    quint64 m_thumbnailJobId = 0;           // the newest background job
    std::optional<lscore::LayerViewRequest> m_layerView;

    QThread* m_worker = nullptr;
};

} // namespace lsui

Q_DECLARE_METATYPE(lsui::ModelInfo)
