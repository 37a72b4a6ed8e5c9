#include "render_service.h"

#include <chrono>
#include <exception>
#include <utility>

#include <QElapsedTimer>
#include <QMetaObject>

#include "lscore/engine.h"
#include "qt_bridge.h"

namespace lsui {

RenderService::RenderService(QObject* parent)
    : QObject(parent)
{
    m_worker = QThread::create([this] { workerLoop(); });
    m_worker->setObjectName(QStringLiteral("RenderWorker"));
    m_worker->start();
}

RenderService::~RenderService()
{
    {
        const std::lock_guard lock(m_mutex);
        m_abort = true;
        m_cancelOpen = true;
        cancelInFlightLocked();
    }
    m_wake.notify_all();
    m_worker->wait();
    delete m_worker;
}

void RenderService::openModel(const QString& path, const QString& device, const QString& textEncoder)
{
    {
        const std::lock_guard lock(m_mutex);
        m_pendingOpen = OpenRequest{path, device, textEncoder};
        m_openCommitted = false;
        m_pendingRender.reset();  // it was meant for the previous model
        m_thumbnails.reset();
        m_tasks.clear();
        cancelInFlightLocked();
        // Superseded: an open in flight stops and the newer one starts (the flag is cleared when the
        // worker takes the next open, so setting it while none runs is harmless).
        m_cancelOpen = true;
    }
    m_openingPath = path;
    m_lastRequestedStates.clear();
    m_wake.notify_all();
}

void RenderService::cancelOpen()
{
    if (!m_openingPath)
        return;
    {
        const std::lock_guard lock(m_mutex);
        if (m_openCommitted && !m_pendingOpen)
            return;   // too late: the model is in place and modelOpened is on its way
        m_pendingOpen.reset();
        m_cancelOpen = true;
    }
    const QString path = *m_openingPath;
    m_openingPath.reset();
    m_wake.notify_all();
    emit modelOpenCancelled(path);
}

void RenderService::cancelInFlightLocked()
{
    if (!m_rendering)
        return;
    m_cancelInFlight = true;
    if (m_engine)
        m_engine->requestCancel();
}

void RenderService::hurry()
{
    {
        const std::lock_guard lock(m_mutex);
        if (m_pendingRender) {
            m_pendingRender->previewDivisor = 1;   // the drag is over: the newest state at full size
            m_lastRequestDivisor = 1;
            cancelInFlightLocked();
        }
    }
    m_wake.notify_one();
    if (m_lastRequestDivisor > 1)   // the newest request is taken or shown, as a reduced preview
        renderNewestAtFullSize();
}

void RenderService::renderNewestAtFullSize()
{
    m_lastRequestDivisor = 1;
    {
        const std::lock_guard lock(m_mutex);
        m_pendingRender = RenderRequest{m_lastRequestId, m_lastRequestedStates, 1, /*replacesPreview=*/true, m_layerView};
        cancelInFlightLocked();   // the preview of the same request, if still in flight
    }
    m_wake.notify_one();
}

int RenderService::previewDivisorForDrag() const
{
    if (!m_model || !m_model->supportsPreview)
        return 1;
    const double full = m_lastFullFrameMs.load();
    if (full <= kPreviewFrameBudgetMs)
        return 1;
    // The cost of a frame scales about with its area (the low blocks cost little); stop at ⅛.
    for (int divisor : {2, 4})
        if (full / (divisor * divisor) <= kPreviewFrameBudgetMs)
            return divisor;
    return 8;
}

quint64 RenderService::requestRender(std::vector<lscore::EditState> states, Urgency urgency)
{
    if (m_lastRequestId != 0 && states == m_lastRequestedStates) {
        if (urgency == Urgency::Final && m_lastRequestDivisor > 1)
            renderNewestAtFullSize();   // the same state, but wanted at full size now
        return m_lastRequestId;  // nothing changed: the frame on its way (or shown) is already right
    }
    return queueRender(std::move(states), urgency);
}

quint64 RenderService::queueRender(std::vector<lscore::EditState> states, Urgency urgency)
{
    m_lastRequestedStates = states;
    const quint64 id = m_nextId++;
    m_lastRequestId = id;
    m_lastRequestDivisor = urgency == Urgency::Preview ? previewDivisorForDrag() : 1;
    {
        const std::lock_guard lock(m_mutex);
        m_pendingRender = RenderRequest{id, std::move(states), m_lastRequestDivisor, false, m_layerView};
        // Final: the render in flight is already stale, cut the latency. A thumbnail in flight
        // always yields: the live frame never waits for background work.
        if (urgency == Urgency::Final || m_renderingThumbnail)
            cancelInFlightLocked();
    }
    m_wake.notify_one();
    return id;
}

void RenderService::setLayerView(std::optional<lscore::LayerViewRequest> request)
{
    const auto same = [](const std::optional<lscore::LayerViewRequest>& a, const std::optional<lscore::LayerViewRequest>& b) {
        if (a.has_value() != b.has_value()) return false;
        return !a || (a->layer == b->layer && a->mode == b->mode && a->channel == b->channel);
    };
    if (same(request, m_layerView))
        return;
    m_layerView = std::move(request);
    if (m_lastRequestId != 0 && m_model)
        queueRender(m_lastRequestedStates, Urgency::Final);   // the newest state again, with the new view
}

void RenderService::runOnEngine(std::function<void(lscore::Engine*)> task)
{
    {
        const std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
        if (m_renderingThumbnail)
            cancelInFlightLocked();
    }
    m_wake.notify_one();
}

quint64 RenderService::requestThumbnails(std::vector<lscore::EditState> states)
{
    const quint64 id = m_nextId++;
    m_thumbnailJobId = id;
    {
        const std::lock_guard lock(m_mutex);
        if (m_renderingThumbnail)
            cancelInFlightLocked();   // it belongs to the job being replaced
        if (states.empty())
            m_thumbnails.reset();
        else
            m_thumbnails = ThumbnailJob{id, std::move(states), 0};
    }
    m_wake.notify_one();
    return id;
}

void RenderService::workerLoop()
{
    for (;;) {
        std::optional<OpenRequest> open;
        std::optional<RenderRequest> render;
        std::optional<std::pair<quint64, std::size_t>> thumbnail;   // job, index
        lscore::EditState thumbnailState;
        std::function<void(lscore::Engine*)> task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_abort || m_pendingOpen || m_pendingRender || !m_tasks.empty() || m_thumbnails; });
            if (m_abort)
                return;
            m_cancelInFlight = false;
            if (m_pendingOpen) {
                open = std::move(m_pendingOpen);
                m_pendingOpen.reset();
                m_cancelOpen = false;
                m_openCommitted = false;
            } else if (m_pendingRender) {
                render = std::move(m_pendingRender);
                m_pendingRender.reset();
                m_rendering = true;
            } else if (!m_tasks.empty()) {
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            } else {
                thumbnail = std::pair{m_thumbnails->id, m_thumbnails->next};
                thumbnailState = m_thumbnails->states[m_thumbnails->next];
                m_rendering = true;
                m_renderingThumbnail = true;
            }
        }
        if (open)
            openOnWorker(*open);
        else if (render)
            renderOnWorker(std::move(*render));
        else if (task)
            task(m_engine.get());   // only this thread replaces m_engine
        else if (thumbnail)
            renderThumbnailOnWorker(thumbnail->first, thumbnail->second, thumbnailState);
        const std::lock_guard lock(m_mutex);
        m_rendering = false;
        m_renderingThumbnail = false;
    }
}

void RenderService::renderThumbnailOnWorker(quint64 job, std::size_t index, const lscore::EditState& state)
{
    QImage image;
    QString error;
    try {
        // Only this thread replaces m_engine, so reading it here needs no lock.
        if (!m_engine) {
            error = tr("No model is open. Open one with File → Open Model…");
        } else if (auto result = m_engine->render(std::vector<lscore::EditState>{state}); !result) {
            error = toQString(result.error());
        } else if (!result->empty()) {
            image = toQImage(result->front());
        }
    } catch (const std::exception& e) {
        error = tr("Rendering failed: %1").arg(QString::fromLocal8Bit(e.what()));
    }
    if (const int delay = m_extraDelayMs.load(); delay > 0) {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(delay), [this] { return m_cancelInFlight || m_abort; });
    }
    {
        const std::lock_guard lock(m_mutex);
        if (m_cancelInFlight || m_abort)
            return;   // a live request or a newer job came first; the state stays at the head of the lane
        if (m_thumbnails && m_thumbnails->id == job && m_thumbnails->next == index) {
            if (++m_thumbnails->next == m_thumbnails->states.size())
                m_thumbnails.reset();
        }
    }
    const int at = static_cast<int>(index);
    QMetaObject::invokeMethod(this, [this, job, at, image = std::move(image), error = std::move(error)] {
        if (job != m_thumbnailJobId)
            return;   // replaced by a newer job
        if (error.isEmpty())
            emit thumbnailReady(job, at, image);
        else
            emit thumbnailFailed(job, at, error);
    }, Qt::QueuedConnection);
}

void RenderService::openOnWorker(const OpenRequest& request)
{
    lscore::EngineOptions options;
    options.device = toStd(request.device.isEmpty() ? QStringLiteral("cpu") : request.device);
    options.cancel = &m_cancelOpen;
    options.textEncoderPath = toStd(request.textEncoder);
    if (const int delay = m_extraOpenDelayMs.load(); delay > 0) {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(delay), [this] { return m_cancelOpen || m_abort; });
    }
    std::unique_ptr<lscore::Engine> opened;
    QString error;
    try {
        if (!m_cancelOpen) {
            auto result = lscore::Engine::open(toStd(request.path), options);
            if (result)
                opened = std::move(result.value());
            else
                error = toQString(result.error());
        }
    } catch (const std::exception& e) {
        error = tr("The model could not be opened: %1").arg(QString::fromLocal8Bit(e.what()));
    }
    if (!opened) {
        if (m_cancelOpen || m_abort)
            return;  // cancelOpen() (or the newer open that superseded this one) has already answered
        QMetaObject::invokeMethod(this, [this, path = request.path, error] {
            if (m_openingPath == path)
                m_openingPath.reset();
            emit modelFailed(path, error);
        }, Qt::QueuedConnection);
        return;
    }

    ModelInfo info;
    info.path = request.path;
    info.hash = toQString(opened->modelHash());
    info.device = toQString(opened->deviceName());
    info.description = opened->description();
    info.supportsPreview = opened->supportsPreview();
    info.hasWSpace = opened->hasWSpace();
    info.synthesisLayers = opened->synthesisLayers();
    m_lastFullFrameMs = 0.0;   // the new model's frame time is not known yet
    info.textEncoderPath = toQString(opened->textEncoderPath());
    info.textEncoderHash = toQString(opened->textEncoderHash());
    if (const lscore::ClipTokenizer* tokenizer = opened->clipTokenizer())
        info.clipTokenizer = *tokenizer;
    std::unique_ptr<lscore::Engine> previous;
    {
        // The cancel check and the swap under one lock: a cancel either lands before (and the open
        // is dropped) or finds the open committed (and is refused), never between.
        const std::lock_guard lock(m_mutex);
        if (m_cancelOpen || m_abort)
            return;
        m_openCommitted = true;
        previous = std::exchange(m_engine, std::move(opened));
    }
    previous.reset();  // outside the lock: freeing a model can take a moment
    m_lastRenderedStates.clear();
    m_lastRenderedImages.clear();
    QMetaObject::invokeMethod(this, [this, info = std::move(info)] {
        if (m_openingPath == info.path)
            m_openingPath.reset();
        m_model = info;
        m_lastRequestedStates.clear();
        emit modelOpened(info);
    }, Qt::QueuedConnection);
}

void RenderService::renderOnWorker(RenderRequest request)
{
    lscore::Engine* engine = nullptr;
    {
        const std::lock_guard lock(m_mutex);
        engine = m_engine.get();  // only this thread replaces m_engine, so the pointer stays valid
    }
    if (!engine) {
        deliverFailure(request.id, tr("No model is open. Open one with File → Open Model…"));
        return;
    }
    if (request.states.empty()) {
        deliverFrame(request.id, {}, 0.0, 1, false);
        return;
    }
    const int divisor = request.previewDivisor;
    if (divisor == 1 && !request.layerView && request.states == m_lastRenderedStates && !m_lastRenderedImages.isEmpty()) {
        deliverFrame(request.id, m_lastRenderedImages, 0.0, 1, request.replacesPreview);  // identical to the last render: reuse
        return;
    }

    QElapsedTimer timer;
    timer.start();
    QList<QImage> images;
    QString error;
    bool cancelled = false;
    int usedDivisor = 1;   // what the engine rendered the canvas frame at
    QImage layerImage;
    QString layerSummary;
    try {
        // The first state alone, the rest as one batch: batched kernels may round a rare pixel's
        // last bit differently, and the first image is the canvas frame that Save Image writes and
        // `latent-studio render` must reproduce exactly.
        const std::vector<lscore::EditState> first(request.states.begin(), request.states.begin() + 1);
        const std::vector<lscore::EditState> rest(request.states.begin() + 1, request.states.end());
        ++m_engineRenders;
        lscore::RenderOptions options;
        options.previewDivisor = divisor;
        for (const auto* batch : {&first, &rest}) {
            if (batch->empty())
                continue;
            // Only the canvas frame resumes from the previous canvas frame's leading layers.
            options.resumeFromPreviousFrame = batch == &first;
            options.layerView = batch == &first && divisor == 1 ? request.layerView : std::nullopt;
            lscore::RenderStats stats;
            auto result = engine->render(*batch, &stats, options);
            if (result && batch == &first) {
                usedDivisor = stats.previewDivisor;
                if (usedDivisor == 1 && !request.layerView)
                    m_lastFullFrameMs = stats.milliseconds;
                if (const auto& view = stats.layerView) {
                    layerImage = toQImage(view->image);
                    layerSummary = tr("%1 · %2 channels × %3 × %4 px · mean |x| %5 · max |x| %6")
                                       .arg(toQString(view->layer)).arg(view->channels).arg(view->width).arg(view->height)
                                       .arg(view->meanAbs, 0, 'g', 3).arg(view->maxAbs, 0, 'g', 3);
                    if (view->shownChannels > 1 && view->shownChannels < view->channels)
                        layerSummary += tr(" · showing channels %1–%2").arg(view->firstChannel).arg(view->firstChannel + view->shownChannels - 1);
                }
            }
            if (!result) {
                cancelled = m_cancelInFlight || m_abort;  // the engine stopped because a newer request came
                error = toQString(result.error());
                break;
            }
            for (const lscore::Image& image : result.value()) {
                QImage frame = toQImage(image);
                // A reduced preview is shown at the model's size, so the canvas keeps its scale.
                if (stats.previewDivisor > 1)
                    frame = frame.scaled(frame.width() * stats.previewDivisor, frame.height() * stats.previewDivisor,
                                         Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
                images.append(frame);
            }
        }
    } catch (const std::exception& e) {
        error = tr("Rendering failed: %1").arg(QString::fromLocal8Bit(e.what()));
    }

    if (const int delay = m_extraDelayMs.load(); delay > 0 && error.isEmpty()) {
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(delay), [this] { return m_cancelInFlight || m_abort; });
        cancelled = m_cancelInFlight || m_abort;  // a slow engine polling its cancel flag would stop here
    }
    if (cancelled)
        return;
    if (!error.isEmpty()) {
        deliverFailure(request.id, error);
        return;
    }
    if (usedDivisor == 1) {   // a reduced preview is never reused for a later request
        m_lastRenderedStates = std::move(request.states);
        m_lastRenderedImages = images;
    }
    deliverFrame(request.id, std::move(images), static_cast<double>(timer.nsecsElapsed()) / 1e6, usedDivisor,
                 request.replacesPreview, std::move(layerImage), std::move(layerSummary));
}

void RenderService::deliverFrame(quint64 id, QList<QImage> images, double milliseconds, int previewDivisor, bool replacesPreview,
                                 QImage layerImage, QString layerSummary)
{
    QMetaObject::invokeMethod(this, [this, id, images = std::move(images), milliseconds, previewDivisor, replacesPreview,
                                     layerImage = std::move(layerImage), layerSummary = std::move(layerSummary)] {
        const bool upgradesShownPreview = replacesPreview && id == m_lastDeliveredId && m_lastDeliveredDivisor > 1;
        if (id <= m_lastDeliveredId && !upgradesShownPreview)
            return;  // stale: a newer frame is already on screen
        m_lastDeliveredId = id;
        m_lastDeliveredDivisor = previewDivisor;
        if (!layerImage.isNull())
            emit layerViewReady(id, layerImage, layerSummary);
        emit frameReady(id, images, milliseconds);
    }, Qt::QueuedConnection);
}

void RenderService::deliverFailure(quint64 id, QString message)
{
    QMetaObject::invokeMethod(this, [this, id, message = std::move(message)] {
        if (id < m_lastDeliveredId)
            return;
        m_lastDeliveredId = id;
        emit failed(id, message);
    }, Qt::QueuedConnection);
}

} // namespace lsui
