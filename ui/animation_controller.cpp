#include "animation_controller.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QIcon>
#include <QMainWindow>
#include <QMenu>
#include <QStyle>
#include <QTimer>

#include "canvas_view.h"
#include "export_dialog.h"
#include "export_task.h"
#include "keyframe_strip.h"
#include "qt_bridge.h"
#include "render_service.h"
#include "studio_document.h"
#include "theme.h"

namespace lsui {

AnimationController::AnimationController(Context context, QObject* parent)
    : QObject(parent), m_context(std::move(context))
{
    m_playbackTimer = new QTimer(this);
    m_playbackTimer->setSingleShot(true);
    m_playbackTimer->setTimerType(Qt::PreciseTimer);
    connect(m_playbackTimer, &QTimer::timeout, this, &AnimationController::playNextFrame);
    createActions();

    m_strip = new KeyframeStrip(m_context.window);
    m_strip->setPlayAction(m_play);
    connect(m_strip, &KeyframeStrip::addCurrentRequested, this, &AnimationController::addCurrentKeyframe);
    connect(m_strip, &KeyframeStrip::pathChanged, this, [this](const lscore::KeyframePath& path) {
        m_context.document->edit(tr("Keyframes"), [&](StudioState& s) { s.keyframes = path; }, EditKind::Keyframes);
    });
    connect(m_strip, &KeyframeStrip::previewRequested, this, &AnimationController::previewPathFrame);
    connect(m_strip, &KeyframeStrip::keyframeActivated, this, [this](const lscore::EditState& state) {
        m_context.document->editState(tr("Load keyframe"), [&](lscore::EditState& s) { s = state; });
    });
    connect(m_context.service, &RenderService::thumbnailReady, this, &AnimationController::onThumbnailReady);
    // A keyframe the open model cannot render (e.g. from another model's session) keeps a blank
    // thumbnail; the export says what is wrong with it.
    connect(m_context.service, &RenderService::thumbnailFailed, this, [this](quint64 job, int index, const QString&) {
        if (job == m_thumbnailJob && index + 1 == static_cast<int>(m_thumbnailJobStates.size()))
            m_thumbnailJobStates.clear();
    });
}

AnimationController::~AnimationController() = default;

void AnimationController::createActions()
{
    QMainWindow* window = m_context.window;
    auto make = [window](const QString& text, const QKeySequence& shortcut, const QString& tip) {
        auto* action = new QAction(text, window);
        action->setShortcut(shortcut);
        action->setToolTip(tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
        action->setStatusTip(tip);
        window->addAction(action);   // shortcuts work while the menu bar is hidden too
        return action;
    };
    m_addKeyframe = make(tr("Add &Keyframe"), QKeySequence(tr("Ctrl+Shift+K")),
                         tr("Add the current state to the keyframe path, after the selected keyframe"));
    m_export = make(tr("E&xport Sequence…"), QKeySequence(tr("Ctrl+Shift+X")),
                    tr("Render the keyframe path to a PNG sequence, MP4 video, GIF or contact sheet"));
    m_export->setIcon(themedIcon("export", QStyle::SP_MediaPlay));
    m_play = make(tr("&Play Path"), QKeySequence(Qt::Key_Space),
                  tr("Play the keyframe path in real time at the export frame rate (Space stops)"));
    m_play->setCheckable(true);
    {
        // Checked (playing) shows pause, so the strip's button says what a click will do.
        QIcon icon = themedIcon("media-playback-start", QStyle::SP_MediaPlay);
        icon.addPixmap(QApplication::style()->standardIcon(QStyle::SP_MediaPause).pixmap(32), QIcon::Normal, QIcon::On);
        m_play->setIcon(icon);
    }
    connect(m_play, &QAction::triggered, this, [this](bool play) {
        if (!play)
            stopPlayback();
        else if (!startPlayback())
            m_play->setChecked(false);
    });
    connect(m_addKeyframe, &QAction::triggered, this, &AnimationController::addCurrentKeyframe);
    connect(m_export, &QAction::triggered, this, &AnimationController::showExportDialog);
}

void AnimationController::populateMenu(QMenu* menu)
{
    menu->addAction(m_addKeyframe);
    QMenu* sweepMenu = menu->addMenu(tr("New Path from &Sweep"));
    const struct { Sweep sweep; QString text; QString tip; } sweeps[] = {
        {Sweep::PromptAToB, tr("&Prompt A → B"), tr("Morph prompt A into prompt B with the latent fixed")},
        {Sweep::SeedWalk, tr("&Seed Walk"), tr("A seamless loop through five seeds from seed A on")},
        {Sweep::StyleMixCrossover, tr("S&tyle-Mix Crossover"), tr("Layer by layer from seed A to seed B, fine layers first")},
        {Sweep::PromptMixCrossover, tr("P&rompt-Mix Crossover"), tr("Layer by layer from prompt A to prompt B, fine layers first")},
        {Sweep::Truncation, tr("&Truncation"), tr("ψ from 1 (full variety) down to 0 (the average image)")}};
    for (const auto& item : sweeps) {
        QAction* action = sweepMenu->addAction(item.text);
        action->setStatusTip(item.tip);
        action->setToolTip(item.tip);
        connect(action, &QAction::triggered, this, [this, sweep = item.sweep] { replacePathWithSweep(sweep); });
    }
    QAction* clearPath = menu->addAction(tr("&Clear Keyframes"));
    connect(clearPath, &QAction::triggered, this, [this] {
        m_context.document->edit(tr("Clear keyframes"), [](StudioState& s) { s.keyframes = {}; }, EditKind::Keyframes);
    });
    menu->addSeparator();
    menu->addAction(m_play);
    menu->addAction(m_export);
}

void AnimationController::setPanel(QDockWidget* dock)
{
    m_panel = dock;
}

void AnimationController::showPanel()
{
    if (m_panel && m_panel->isHidden())
        m_panel->show();
}

// ---------------------------------------------------------------------------------------------------
// the strip and its thumbnails

QString AnimationController::thumbnailKey(const lscore::EditState& state) const
{
    // The same state draws another picture under another model.
    const auto& model = m_context.service->model();
    return (model ? model->hash : QString()) + QLatin1Char(':') + toQString(state.toJson().dump());
}

void AnimationController::cacheThumbnail(const lscore::EditState& state, const QImage& image)
{
    // Bounded: a long session of sweeps must not keep every frame it ever rendered.
    constexpr qsizetype kMaxCachedThumbnails = 512;
    if (m_thumbnailCache.size() >= kMaxCachedThumbnails)
        m_thumbnailCache.clear();
    m_thumbnailCache.insert(thumbnailKey(state), image);
}

void AnimationController::syncStrip()
{
    const lscore::KeyframePath& path = m_context.document->state().keyframes;
    if (m_strip->path() == path)
        return;
    m_strip->setPath(path);
    requestMissingThumbnails();
}

void AnimationController::onModelOpened()
{
    // Thumbnails are keyed by model, so the strip just asks again for what the new model draws.
    m_strip->setPath(m_context.document->state().keyframes);
    requestMissingThumbnails();
}

void AnimationController::refreshThumbnails() { requestMissingThumbnails(); }

void AnimationController::requestMissingThumbnails()
{
    const auto& keyframes = m_context.document->state().keyframes.keyframes;
    std::vector<lscore::EditState> missing;
    for (std::size_t i = 0; i < keyframes.size(); ++i) {
        const auto cached = m_thumbnailCache.constFind(thumbnailKey(keyframes[i].state));
        if (cached != m_thumbnailCache.constEnd())
            m_strip->setThumbnail(static_cast<int>(i), *cached);
        else if (std::find(missing.begin(), missing.end(), keyframes[i].state) == missing.end())
            missing.push_back(keyframes[i].state);
    }
    if (!m_context.service->hasModel())
        missing.clear();
    if (missing.empty() && m_thumbnailJobStates.empty())
        return;
    // The background lane: rendered while the live frame is idle, never ahead of it.
    m_thumbnailJobStates = missing;
    m_thumbnailJob = m_context.service->requestThumbnails(std::move(missing));
}

void AnimationController::onThumbnailReady(quint64 job, int index, const QImage& image)
{
    if (job != m_thumbnailJob || index < 0 || index >= static_cast<int>(m_thumbnailJobStates.size()))
        return;
    const lscore::EditState& state = m_thumbnailJobStates[static_cast<std::size_t>(index)];
    cacheThumbnail(state, image);
    const auto& keyframes = m_context.document->state().keyframes.keyframes;
    for (std::size_t i = 0; i < keyframes.size(); ++i)
        if (keyframes[i].state == state)
            m_strip->setThumbnail(static_cast<int>(i), image);
    if (index + 1 == static_cast<int>(m_thumbnailJobStates.size()))
        m_thumbnailJobStates.clear();
}

void AnimationController::previewPathFrame(const lscore::EditState& state)
{
    // Shows a frame of the path on the canvas without changing the document: the next edit
    // renders the edited state again.
    if (!m_context.service->hasModel())
        return;
    stopPlayback();   // the user took the scrub slider or picked a keyframe
    m_previewState = state;
    m_previewRequestId = m_context.service->requestRender({state}, m_context.dragInProgress() ? RenderService::Urgency::Preview
                                                                                               : RenderService::Urgency::Final);
    emit statusMessage(tr("Previewing the keyframe path; edit anything to return to your state, "
                          "double-click a keyframe to load it."));
}

void AnimationController::addCurrentKeyframe()
{
    StudioDocument* document = m_context.document;
    const lscore::EditState& state = document->state().edit;
    // A reduced drag preview is no thumbnail: the background lane renders the real one.
    const QImage frame = m_context.service->lastDeliveredPreviewDivisor() > 1 ? QImage() : m_context.canvas->frame();
    if (!frame.isNull())
        cacheThumbnail(state, frame);
    showPanel();
    m_strip->addKeyframe(state, frame);   // → pathChanged → one undoable document edit
    const int count = static_cast<int>(document->state().keyframes.keyframes.size());
    emit statusMessage(count < 2 ? tr("Keyframe added. Add another to make a path you can preview and export.")
                                 : tr("Keyframe %1 added: %2 frames in the path.")
                                       .arg(count).arg(document->state().keyframes.frameCount()));
}

void AnimationController::replacePathWithSweep(Sweep sweep)
{
    const lscore::EditState& base = m_context.document->state().edit;
    const auto& model = m_context.service->model();
    const bool conditional = model && model->description.conditioning.type != lscore::ConditioningType::None;
    const int numWs = model ? model->description.numWs : static_cast<int>(base.styleMix.size());
    lscore::KeyframePath path;
    QString name;
    switch (sweep) {
    case Sweep::PromptAToB:
        if (!conditional) {
            emit notice(tr("This model has no prompts: a prompt sweep needs a text- or class-conditional model."), true);
            return;
        }
        path = lscore::KeyframePath::promptSweep(base, 48);
        name = tr("Prompt A → B sweep");
        break;
    case Sweep::SeedWalk: {
        std::vector<std::uint32_t> seeds;
        for (std::uint32_t i = 0; i < 5; ++i)
            seeds.push_back(base.seedA + i);
        path = lscore::KeyframePath::seedWalk(base, seeds, 24, /*loop=*/true);
        name = tr("Seed walk");
        break;
    }
    case Sweep::StyleMixCrossover:
        path = lscore::KeyframePath::styleMixSweep(base, numWs, 6);
        name = tr("Style-mix crossover");
        break;
    case Sweep::PromptMixCrossover:
        if (!conditional) {
            emit notice(tr("This model has no prompts to mix: a prompt-mix sweep needs a text- or class-conditional model."), true);
            return;
        }
        path = lscore::KeyframePath::promptMixSweep(base, numWs, 6);
        name = tr("Prompt-mix crossover");
        break;
    case Sweep::Truncation:
        path = lscore::KeyframePath::truncationSweep(base, 1.0, 0.0, 48);
        name = tr("Truncation sweep");
        break;
    }
    m_context.document->edit(name, [&](StudioState& s) { s.keyframes = path; }, EditKind::Keyframes);
    showPanel();
    emit statusMessage(tr("%1: %2 keyframes, %3 frames. Scrub the strip to preview; Export Sequence… renders it.")
                           .arg(name).arg(path.keyframes.size()).arg(path.frameCount()));
}

bool AnimationController::pathIsReady(const QString& noModel, const QString& noPath)
{
    if (!m_context.service->hasModel()) {
        emit notice(noModel, true);
        return false;
    }
    if (const lscore::Status valid = m_context.document->state().keyframes.validate(); !valid) {
        emit notice(noPath.arg(toQString(valid.error()), m_addKeyframe->shortcut().toString(QKeySequence::NativeText)), true);
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------------
// playback

bool AnimationController::startPlayback()
{
    if (m_playback.active)
        return true;
    if (!pathIsReady(tr("Open a model first: playing renders the keyframe path with the open model."),
                     tr("There is no path to play yet (%1). Add keyframes with Animation → Add Keyframe (%2), "
                        "or start from Animation → New Path from Sweep.")))
        return false;
    showPanel();
    m_playback = Playback{};
    m_playback.active = true;
    m_playback.path = m_context.document->state().keyframes;
    m_playback.fps = std::max(1, m_exportSettings.fps);
    m_playback.clock.start();
    m_play->setChecked(true);
    m_play->setText(tr("&Stop Playing"));
    playNextFrame();
    return true;
}

void AnimationController::stopPlayback()
{
    if (!m_playback.active)
        return;
    m_playback.active = false;
    m_playback.stoppedAfter = m_playback.clock.elapsed() / 1000.0;
    m_playbackTimer->stop();
    m_play->setChecked(false);
    m_play->setText(tr("&Play Path"));
    const PlaybackStats stats = playbackStats();
    emit statusMessage(tr("Played %1 of %2 frames in %3 s (%4 fps; the path runs at %5 fps).")
                           .arg(stats.framesShown)
                           .arg(stats.framesDue)
                           .arg(stats.seconds, 0, 'f', 1)
                           .arg(stats.seconds > 0 ? stats.framesShown / stats.seconds : 0.0, 0, 'f', 1)
                           .arg(m_playback.fps, 0, 'f', 0));
    emit playbackStopped();
}

AnimationController::PlaybackStats AnimationController::playbackStats() const
{
    PlaybackStats stats;
    stats.framesShown = m_playback.framesShown;
    stats.seconds = m_playback.active ? m_playback.clock.elapsed() / 1000.0 : m_playback.stoppedAfter;
    stats.framesDue = m_playback.framesDue;
    return stats;
}

void AnimationController::onFrameShown(quint64 id)
{
    if (m_playback.active && id == m_playback.requestId) {
        ++m_playback.framesShown;
        playNextFrame();
    }
}

void AnimationController::onRenderFailed(quint64 id)
{
    if (m_playback.active && id == m_playback.requestId)
        stopPlayback();
}

void AnimationController::playNextFrame()
{
    if (!m_playback.active)
        return;
    const double now = m_playback.clock.elapsed() / 1000.0;
    const int frame = m_playback.path.frameAtTime(now, m_playback.fps);
    const int count = m_playback.path.frameCount();
    // Frames due so far: every frame whose start time has passed (all of them once a single pass ends).
    const auto due = static_cast<std::int64_t>(std::floor(now * m_playback.fps)) + 1;
    m_playback.framesDue = static_cast<int>(m_playback.path.repeat == lscore::PathRepeat::Once ? std::min<std::int64_t>(due, count)
                                                                                              : std::min<std::int64_t>(due, INT_MAX));
    if (frame < 0) {
        stopPlayback();   // a "Play once" path has shown its last frame's time
        return;
    }
    if (frame == m_playback.requestedFrame) {
        // Rendering is ahead of the clock: show the next frame when it is due, not earlier.
        const double next = (std::floor(now * m_playback.fps) + 1.0) / m_playback.fps;
        m_playbackTimer->start(std::max(1, static_cast<int>(std::ceil((next - now) * 1000.0))));
        return;
    }
    m_playback.requestedFrame = frame;
    const lscore::EditState state = m_playback.path.stateAt(frame);
    m_previewState = state;
    const quint64 lastShown = m_context.service->lastDeliveredId();
    m_playback.requestId = m_context.service->requestRender({state}, RenderService::Urgency::Final);
    m_previewRequestId = m_playback.requestId;
    m_strip->showPlaybackFrame(frame);
    emit statusMessage(tr("Playing frame %1 of 0–%2 at %3 fps — Space stops.").arg(frame).arg(count - 1).arg(m_playback.fps, 0, 'f', 0));
    if (m_playback.requestId <= lastShown) {
        // The same state as the frame already shown (a held keyframe): the service renders nothing
        // new for it, so count it shown and move on.
        ++m_playback.framesShown;
        m_playbackTimer->start(1);
    }
}

// ---------------------------------------------------------------------------------------------------
// export

void AnimationController::showExportDialog()
{
    if (m_exportTask) {
        // One export at a time: show the running one again (its progress window may have been closed).
        showProgress();
        return;
    }
    const lscore::KeyframePath& path = m_context.document->state().keyframes;
    if (!m_context.service->hasModel() || !path.validate()) {
        startExport({});   // explains what is missing
        return;
    }
    ExportDialog dialog(m_exportSettings, path.frameCount(), m_context.window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_exportSettings = dialog.settings();
    emit exportSettingsEdited();
    if (startExport(dialog.params()))
        showProgress();
}

void AnimationController::showProgress()
{
    if (m_progress && m_progress->task() != m_exportTask)
        m_progress->close();   // it still shows a finished export's result
    if (!m_progress || m_progress->task() != m_exportTask)
        m_progress = new ExportProgressDialog(m_exportTask, m_context.window);
    m_progress->show();
    m_progress->raise();
    m_progress->activateWindow();
}

bool AnimationController::startExport(lsmedia::ExportParams params)
{
    if (!pathIsReady(tr("Open a model first: an export renders the keyframe path with the open model."),
                     tr("There is no path to export yet (%1). Add keyframes with Animation → Add Keyframe (%2), "
                        "or start from Animation → New Path from Sweep.")))
        return false;
    if (m_exportTask) {
        emit notice(tr("An export is already running: wait for it to finish or cancel it first."), true);
        return false;
    }
    const ModelInfo& model = *m_context.service->model();
    params.modelPath = toStd(model.path);
    params.engineOptions.device = toStd(model.device);
    params.engineOptions.textEncoderPath = toStd(model.textEncoderPath);
    params.path = m_context.document->state().keyframes;
    if (const QString session = m_context.sessionPath ? m_context.sessionPath() : QString();
        !session.isEmpty() && params.sessionPath.empty())
        params.sessionPath = toStd(session);
    m_exportTask = new ExportTask(std::move(params), this);
    connect(m_exportTask, &ExportTask::finished, this, [this](const lsmedia::ExportResult& result) {
        ExportTask* task = std::exchange(m_exportTask, nullptr);
        task->deleteLater();
        const QString message = ExportTask::describe(result);
        emit notice(message, !result.ok());
        emit exportFinished(result.ok(), message, toQString(result.outputPath));
    });
    m_exportTask->start();
    return true;
}

void AnimationController::cancelExport()
{
    if (m_exportTask)
        m_exportTask->cancel();
}

} // namespace lsui
