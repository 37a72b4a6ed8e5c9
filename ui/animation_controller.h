#pragma once
// AnimationController: the Animation menu's logic, apart from the window. It owns the Keyframes
// panel (a KeyframeStrip), keeps the strip's thumbnails in step through the render service's
// background lane, builds ready-made sweeps, plays the path on the canvas in real time, and runs
// the export as a job that outlives its progress dialog (the dialog only observes it).
//
//   AnimationController animation({document, service, canvas, window, dragInProgress, sessionPath});
//   menu->addAction(animation.playAction());
//   window->addDockWidget(Qt::BottomDockWidgetArea, dockAround(animation.strip()));
//   animation.setPanel(dock);      // shown when a path is made or played
//
// The keyframe path itself lives in the document (undoable, saved in sessions); everything here
// reads it from there. Notices for the status bar come out as notice(); problems as well, marked.

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QString>

#include "lscore/session.h"
#include "lsmedia/export_job.h"

class QAction;
class QDockWidget;
class QMenu;
class QMainWindow;
class QTimer;

namespace lsui {

class CanvasView;
class ExportProgressDialog;
class ExportTask;
class KeyframeStrip;
class RenderService;
class StudioDocument;

class AnimationController : public QObject {
    Q_OBJECT
public:
    struct Context {
        StudioDocument* document = nullptr;
        RenderService* service = nullptr;
        CanvasView* canvas = nullptr;            // the current frame, for a new keyframe's thumbnail
        QMainWindow* window = nullptr;           // parent of dialogs and the actions' shortcuts
        std::function<bool()> dragInProgress;    // a scrub during a drag renders as a preview
        std::function<QString()> sessionPath;    // recorded in an export's manifest
    };
    AnimationController(Context context, QObject* parent = nullptr);
    ~AnimationController() override;

    KeyframeStrip* strip() const { return m_strip; }
    void setPanel(QDockWidget* dock);
    QAction* addKeyframeAction() const { return m_addKeyframe; }
    QAction* playAction() const { return m_play; }
    QAction* exportAction() const { return m_export; }
    // Adds the Animation menu's items (add keyframe, sweeps, clear, play, export) to `menu`.
    void populateMenu(QMenu* menu);

    void addCurrentKeyframe();                    // the current state, after the selected keyframe
    enum class Sweep { PromptAToB, SeedWalk, StyleMixCrossover, PromptMixCrossover, Truncation };
    void replacePathWithSweep(Sweep sweep);       // a ready-made path around the current state

    // Starts a background export of the document's keyframe path with the open model; params' model
    // and path are filled in here. Returns false (with a notice) when there is nothing to export or
    // an export is running. The result arrives as exportFinished(); the window stays usable.
    bool startExport(lsmedia::ExportParams params);
    bool exportRunning() const { return m_exportTask != nullptr; }
    void cancelExport();                          // no-op when none runs
    void showExportDialog();                      // Animation → Export Sequence…

    // Plays the document's keyframe path on the canvas in real time at the export settings' fps,
    // looping or ping-ponging as the path says and stopping after the last frame of a "Play once"
    // path. One frame is rendered at a time and the next one asked for is the one due by the clock,
    // so a slow render drops frames instead of slowing the path. Any edit, scrub or keyframe
    // selection stops it; the frame shown stays up as a preview. Returns false, with a notice, when
    // there is nothing to play.
    bool startPlayback();
    void stopPlayback();
    bool isPlaying() const { return m_playback.active; }
    struct PlaybackStats {
        int framesShown = 0;      // rendered and shown since playback started
        int framesDue = 0;        // frames whose time came (a real-time player shows each of them)
        double seconds = 0.0;     // since playback started (to the stop, once stopped)
    };
    PlaybackStats playbackStats() const;

    // The export dialog's last settings, saved in sessions.
    const lscore::ExportSettings& exportSettings() const { return m_exportSettings; }
    void setExportSettings(const lscore::ExportSettings& settings) { m_exportSettings = settings; }

    // The window calls these from its render-service handlers.
    bool isPreviewFrame(quint64 id) const { return id != 0 && id == m_previewRequestId; }
    const lscore::EditState& previewState() const { return m_previewState; }
    void onFrameShown(quint64 id);                // paces playback
    void onRenderFailed(quint64 id);              // stops playback when its frame failed
    void syncStrip();                             // after the document changed
    void onModelOpened();                         // thumbnails of the previous model are stale
    void refreshThumbnails();                     // asks again for the thumbnails not yet rendered

signals:
    void notice(const QString& text, bool problem);
    void statusMessage(const QString& text);      // transient, for the status bar
    void exportSettingsEdited();                  // the dialog changed them: the session changed
    void exportFinished(bool succeeded, const QString& message, const QString& outputPath);
    void playbackStopped();

private:
    void createActions();
    void showProgress();
    void showPanel();
    bool pathIsReady(const QString& noModel, const QString& noPath);
    void playNextFrame();
    void previewPathFrame(const lscore::EditState& state);
    void requestMissingThumbnails();
    void onThumbnailReady(quint64 job, int index, const QImage& image);
    QString thumbnailKey(const lscore::EditState& state) const;
    void cacheThumbnail(const lscore::EditState& state, const QImage& image);

    Context m_context;
    KeyframeStrip* m_strip = nullptr;
    QPointer<QDockWidget> m_panel;
    QAction* m_addKeyframe = nullptr;
    QAction* m_play = nullptr;
    QAction* m_export = nullptr;

    lscore::ExportSettings m_exportSettings;
    ExportTask* m_exportTask = nullptr;          // the export running, if any
    QPointer<ExportProgressDialog> m_progress;   // its progress window, while one is open

    QHash<QString, QImage> m_thumbnailCache;     // model hash + keyframe state JSON → rendered frame
    quint64 m_thumbnailJob = 0;                  // the background job rendering missing thumbnails
    std::vector<lscore::EditState> m_thumbnailJobStates;

    struct Playback {
        bool active = false;
        lscore::KeyframePath path;              // a copy: the document may change under it
        double fps = 24.0;
        QElapsedTimer clock;
        double stoppedAfter = 0.0;              // seconds, once stopped
        int requestedFrame = -1;                // the frame last asked for (or shown)
        quint64 requestId = 0;                  // its render
        int framesShown = 0;
        int framesDue = 0;
    } m_playback;
    QTimer* m_playbackTimer = nullptr;          // waits for the next frame when rendering is ahead
    quint64 m_previewRequestId = 0;             // the render of a scrubbed or played path frame
    lscore::EditState m_previewState;           // … and its state
};

} // namespace lsui
