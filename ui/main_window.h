#pragma once
// MainWindow: the studio. A canvas with the current frame, dockable panels (model, prompts, latent,
// style mixing, prompt mixing, blend pad, comparison, history), menus, toolbar and status bar.
// Every edit goes through the StudioDocument (undo/redo); every state change requests a render from
// the RenderService, which answers asynchronously — the window never waits on the engine.
//
//   lsui::MainWindow window;            // opens the default model if there is one
//   window.show();
//   window.openFile("look.png");        // model, session or PNG with Latent Studio metadata
//
// Tests and the interactive benchmark drive it through the accessors below (renderService(),
// document(), frameShown()); user-facing operations are plain methods that return a Status/bool so
// that they can be called without dialogs.

#include <functional>
#include <optional>
#include <vector>

#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "lscore/result.h"
#include "lscore/tokenizer.h"
#include "render_service.h"
#include "studio_document.h"

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QPushButton;
class QListWidget;
class QMenu;
class QMessageBox;
class QSpinBox;
class QTextBrowser;
class QTimer;

namespace lsmedia { struct ExportParams; }

namespace lsui {

class BlendPad;
class CanvasView;
class ComparisonPanel;
class CrashRecovery;
class KeyframeStrip;
class LayerMixPanel;
class PromptEdit;
class SeedBox;
class ValueSlider;

enum class UnsavedChoice { Save, Discard, Cancel };

struct MainWindowOptions {
    bool openDefaultModel = true;   // open defaultModelPath() at start (unless initialFile is a model)
    bool offerRecovery = true;      // ask to recover the autosave after a crash
    bool autosave = true;           // periodic autosave + crash marker
    QString initialFile;            // model, session or PNG to open at start
    // How to ask about unsaved changes before quitting or opening another session or model; empty:
    // a Save / Discard / Cancel message box (tests answer without a dialog).
    std::function<UnsavedChoice(const QString& question)> askAboutUnsavedChanges;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const MainWindowOptions& options = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Operations without dialogs. Problems are reported in the status bar and a non-modal message,
    // and returned.
    void openModel(const QString& path);
    bool openFile(const QString& path);                       // by suffix: model, session or image
    bool openSession(const QString& path);
    bool openImage(const QString& path);                      // restores the state in its metadata
    lscore::Status saveSession(const QString& path);
    lscore::Status saveImage(const QString& path);
    lscore::Status saveGrid(const QString& path);

    // Introspection for tests and the benchmark.
    RenderService* renderService() { return m_service; }
    StudioDocument* document() { return m_document; }
    QImage currentFrame() const;
    CanvasView* canvas() const { return m_canvas; }
    QList<QImage> paneImages() const;
    quint64 shownFrameId() const { return m_shownId; }
    QString lastNotice() const { return m_lastNotice; }
    ValueSlider* latentSlider() const { return m_latentT; }
    ComparisonPanel* comparisonPanel() const { return m_comparison; }
    void setComparisonVisible(bool visible);
    bool comparisonVisible() const;
    KeyframeStrip* keyframeStrip() const { return m_keyframes; }

    // Animation: the keyframe path lives in the document (undoable, saved in sessions).
    void addCurrentKeyframe();                                // the current state, after the selected keyframe
    enum class Sweep { PromptAToB, SeedWalk, StyleMixCrossover, PromptMixCrossover, Truncation };
    void replacePathWithSweep(Sweep sweep);                   // a ready-made path around the current state
    // Starts a background export of the document's keyframe path with the open model; params' model
    // and path are filled in here. Returns false (with a notice) when there is nothing to export.
    // The result arrives as exportFinished(); the window stays usable meanwhile.
    bool startExport(lsmedia::ExportParams params);
    // Plays the document's keyframe path on the canvas in real time at the export settings' fps
    // (Space; Animation → Play Path), looping or ping-ponging as the path says and stopping after
    // the last frame of a "Play once" path. One frame is rendered at a time and the next one asked
    // for is the one due by the clock, so a slow render drops frames instead of slowing the path.
    // Any edit, scrub or keyframe selection stops it; the frame shown stays up as a preview (Save
    // Image saves that frame's state). Returns false, with a notice, when there is nothing to play.
    bool startPlayback();
    void stopPlayback();
    bool isPlaying() const { return m_playback.active; }
    struct PlaybackStats {
        int framesShown = 0;      // rendered and shown since playback started
        int framesDue = 0;        // frames whose time came (a real-time player shows each of them)
        double seconds = 0.0;     // since playback started (to the stop, once stopped)
    };
    PlaybackStats playbackStats() const;

signals:
    void frameShown(quint64 id);
    void modelReady(const lsui::ModelInfo& info);
    void noticeShown(const QString& text);
    void exportFinished(bool succeeded, const QString& message, const QString& outputPath);
    void playbackStopped();

protected:
    void closeEvent(QCloseEvent* event) override;
    // True when the work may be replaced or closed: nothing unsaved, saved now, or discarded on
    // purpose. `action` completes "Save them before …?".
    bool confirmUnsavedChanges(const QString& action);
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void buildDocks();
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* content, Qt::DockWidgetArea area);
    QWidget* buildModelPanel();
    QWidget* buildPromptsPanel();
    QWidget* buildLatentPanel();
    void buildKeyframesDock();
    void syncKeyframeStrip();
    void requestKeyframeThumbnails();
    static QString thumbnailKey(const lscore::EditState& state);
    void cacheThumbnail(const lscore::EditState& state, const QImage& image);
    void exportSequenceDialog();
    void playNextFrame();
    // Whether a model is open and the document's path is valid; otherwise notifies `noModel`, or
    // `noPath` with %1 = what is wrong with the path and %2 = the Add Keyframe shortcut.
    bool pathIsReady(const QString& noModel, const QString& noPath);

    void syncWidgets();
    void requestRender();
    bool dragInProgress() const;
    std::vector<lscore::EditState> batchStates() const;
    QString promptProblem() const;

    void onModelOpened(const ModelInfo& info);
    void onModelFailed(const QString& path, const QString& message);
    void onModelOpenCancelled(const QString& path);
    void onFrameReady(quint64 id, const QList<QImage>& images, double milliseconds);
    void onRenderFailed(quint64 id, const QString& message);
    void fitStateToModel();
    void applyRestoredState(const StudioState& state, const QString& text);
    void updateModelInfo();
    void updateWindowTitle();

    void notify(const QString& text, bool problem);
    void addRecentFile(const QString& path);
    void rebuildRecentMenus();
    void promotePane(int index);
    StudioState defaultPanesFor(StudioState state) const;
    lscore::Session toSession() const;

    void openModelDialog();
    void openSessionDialog();
    void saveSessionTriggered();
    void saveSessionAsDialog();
    void saveImageDialog();
    void saveGridDialog();
    // A save dialog for a PNG; "" when cancelled. Remembers the folder.
    QString askImagePath(const QString& title, const QString& suggestedName);
    void showAbout();
    void setLanguage(const QString& code);

    static bool isAutosave(const QString& path);   // the crash-recovery autosave, not a file of the user's
    void checkRecovery();

    // edit helpers: one gesture per user action unless a drag is in progress
    quint64 m_gesture = 0;

    MainWindowOptions m_options;
    RenderService* m_service = nullptr;
    StudioDocument* m_document = nullptr;
    CanvasView* m_canvas = nullptr;
    std::optional<ModelInfo> m_model;
    lscore::WordTokenizer m_tokenizer;
    std::optional<StudioState> m_pendingState;   // applied once the model being opened is ready
    QString m_pendingStateNote;
    QString m_sessionPath;
    quint64 m_shownId = 0;
    QString m_lastNotice;
    QString m_promptProblemMessage;              // the status-bar complaint about an unrenderable prompt
    QPointer<QMessageBox> m_messageBox;

    // frame-rate measurement: frames shown within the last second
    QList<qint64> m_frameTimes;
    QElapsedTimer m_clock;

    // actions
    QAction* m_openModel = nullptr;
    QAction* m_openSession = nullptr;
    QAction* m_saveSession = nullptr;
    QAction* m_saveSessionAs = nullptr;
    QAction* m_saveImage = nullptr;
    QAction* m_saveGrid = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QAction* m_nextSeed = nullptr;
    QAction* m_prevSeed = nullptr;
    QAction* m_randomSeed = nullptr;
    QAction* m_nextSeedB = nullptr;
    QAction* m_prevSeedB = nullptr;
    QAction* m_randomSeedB = nullptr;
    QAction* m_swapAB = nullptr;
    QAction* m_zoomFit = nullptr;
    QAction* m_zoomActual = nullptr;
    QAction* m_zoomIn = nullptr;
    QAction* m_zoomOut = nullptr;
    QAction* m_smooth = nullptr;
    QAction* m_addKeyframe = nullptr;
    QAction* m_exportSequence = nullptr;
    QAction* m_play = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_panelsMenu = nullptr;

    // status bar
    QLabel* m_statusModel = nullptr;
    QLabel* m_statusDevice = nullptr;
    QLabel* m_statusResolution = nullptr;
    QLabel* m_statusTiming = nullptr;
    QLabel* m_statusZoom = nullptr;
    QPushButton* m_cancelOpen = nullptr;   // in the status bar while a model opens

    // panels
    QDockWidget* m_comparisonDock = nullptr;
    QTextBrowser* m_modelInfo = nullptr;
    QListWidget* m_recentList = nullptr;
    QComboBox* m_device = nullptr;
    QWidget* m_textPrompts = nullptr;
    QWidget* m_classPrompts = nullptr;
    QLabel* m_noPromptsNote = nullptr;
    PromptEdit* m_promptA = nullptr;
    PromptEdit* m_promptB = nullptr;
    QLabel* m_promptProblem = nullptr;
    QComboBox* m_classA = nullptr;
    QComboBox* m_classB = nullptr;
    ValueSlider* m_promptT = nullptr;
    QComboBox* m_promptMode = nullptr;
    SeedBox* m_seedA = nullptr;
    SeedBox* m_seedB = nullptr;
    ValueSlider* m_latentT = nullptr;
    QComboBox* m_latentMode = nullptr;
    ValueSlider* m_psi = nullptr;
    QSpinBox* m_cutoff = nullptr;
    QComboBox* m_noiseMode = nullptr;
    SeedBox* m_noiseSeed = nullptr;
    LayerMixPanel* m_styleMix = nullptr;
    LayerMixPanel* m_promptMix = nullptr;
    BlendPad* m_pad = nullptr;
    ComparisonPanel* m_comparison = nullptr;
    CrashRecovery* m_recovery = nullptr;           // null when MainWindowOptions::autosave is off

    // animation
    KeyframeStrip* m_keyframes = nullptr;
    QDockWidget* m_keyframesDock = nullptr;
    lscore::ExportSettings m_exportSettings;       // the export dialog's last settings, saved in sessions
    QHash<QString, QImage> m_thumbnailCache;       // keyframe state JSON → rendered frame
    quint64 m_thumbnailRequestId = 0;              // the render whose images are keyframe thumbnails
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
    quint64 m_previewRequestId = 0;                // the render of a scrubbed path frame
    lscore::EditState m_previewState;              // … and its state
    bool m_shownIsPreview = false;                 // the canvas shows that frame, not the document's state
    bool m_thumbnailsWanted = false;               // some keyframes still show a blank thumbnail
    bool m_exportRunning = false;
};

} // namespace lsui
