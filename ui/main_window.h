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

#include "lscore/clip_tokenizer.h"
#include "lscore/result.h"
#include "lscore/tokenizer.h"
#include "render_service.h"
#include "studio_document.h"

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QPushButton;
class QMenu;
class QMessageBox;
class QTimer;

namespace lsui {

class AnimationController;
class RecentFiles;
class BlendPad;
class CanvasView;
class ComparisonPanel;
class CrashRecovery;
class DirectionsPanel;
class LayerViewPanel;
class OscControl;
class LatentPanel;
class LayerMixPanel;
class ModelPanel;
class PromptsPanel;
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
    // How to ask whether quitting may cancel a running export (true: cancel and quit); empty: a
    // Yes / No message box.
    std::function<bool(const QString& question)> askToCancelExport;
    // Where the CLIP text tower of a LAFITE model is, when it is not beside the model ("": not
    // chosen); empty: a file dialog (tests answer without one).
    std::function<QString(const QString& modelPath)> askForTextEncoder;
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
    ValueSlider* latentSlider() const;
    ComparisonPanel* comparisonPanel() const { return m_comparison; }
    void setComparisonVisible(bool visible);
    bool comparisonVisible() const;
    // The Animation menu's logic: keyframe strip, sweeps, playback, export (see its header).
    AnimationController* animation() const { return m_animation; }
    DirectionsPanel* directionsPanel() const { return m_directions; }
    LayerViewPanel* layerViewPanel() const { return m_layerView; }
    OscControl* oscControl() const { return m_osc; }

signals:
    void frameShown(quint64 id);
    void modelReady(const lsui::ModelInfo& info);
    void noticeShown(const QString& text);

protected:
    void closeEvent(QCloseEvent* event) override;
    // True when the work may be replaced or closed: nothing unsaved, saved now, or discarded on
    // purpose. `action` completes "Save them before …?".
    bool confirmUnsavedChanges(const QString& action);
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // A reduced drag preview on the canvas is not saved: a notice, and an error to return.
    lscore::Status refuseReducedPreview();
    void buildActions();
    void buildMenus();
    void buildToolBar();
    void buildStatusBar();
    void buildDocks();
    QDockWidget* addDock(const QString& title, const QString& objectName, QWidget* content, Qt::DockWidgetArea area);
    void buildAnimation();

    void syncWidgets();
    void requestRender();
    bool dragInProgress() const;
    std::vector<lscore::EditState> batchStates() const;
    QString promptProblem() const;

    void openModelWith(const QString& path, const QString& textEncoder);
    // The CLIP text tower chosen for a model before (remembered in the settings); "" if none.
    static QString rememberedTextEncoder(const QString& modelPath);
    static void rememberTextEncoder(const QString& modelPath, const QString& textEncoder);
    void onModelOpened(const ModelInfo& info);
    void onModelFailed(const QString& path, const QString& message);
    void onModelOpenCancelled(const QString& path);
    void onFrameReady(quint64 id, const QList<QImage>& images, double milliseconds);
    void onRenderFailed(quint64 id, const QString& message);
    void fitStateToModel();
    void applyRestoredState(const StudioState& state, const QString& text);
    void updateWindowTitle();

    void notify(const QString& text, bool problem);
    void addRecentFile(const QString& path);
    void rebuildRecentMenus();
    void promotePane(int index);
    StudioState defaultPanesFor(StudioState state) const;
    lscore::Session toSession() const;   // the open work, as Save Session and the autosave write it

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

    void checkRecovery();

    // edit helpers: one gesture per user action unless a drag is in progress
    quint64 m_gesture = 0;

    MainWindowOptions m_options;
    RenderService* m_service = nullptr;
    StudioDocument* m_document = nullptr;
    CanvasView* m_canvas = nullptr;
    std::optional<ModelInfo> m_model;
    lscore::WordTokenizer m_tokenizer;
    std::optional<lscore::ClipTokenizer> m_clipTokenizer;   // CLIP models: for the prompt's length note
    QString m_openingTextEncoder;                          // the text tower the open in flight was given
    QStringList m_triedTextEncoders;                       // chosen for the current open and failed
    std::optional<StudioState> m_pendingState;   // applied once the model being opened is ready
    std::function<void()> m_pendingSession;      // then makes the window the opened session's
    QString m_pendingStateNote;
    QString m_pendingTextEncoderNote;   // the session's text tower hash, checked when its model opens
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
    QMenu* m_recentMenu = nullptr;
    RecentFiles* m_recent = nullptr;
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
    ModelPanel* m_modelPanel = nullptr;
    PromptsPanel* m_prompts = nullptr;
    LatentPanel* m_latent = nullptr;
    LayerMixPanel* m_styleMix = nullptr;
    LayerMixPanel* m_promptMix = nullptr;
    BlendPad* m_pad = nullptr;
    ComparisonPanel* m_comparison = nullptr;
    DirectionsPanel* m_directions = nullptr;
    LayerViewPanel* m_layerView = nullptr;
    QDockWidget* m_layerViewDock = nullptr;
    OscControl* m_osc = nullptr;
    QAction* m_oscEnabled = nullptr;
    QLabel* m_statusOsc = nullptr;
    CrashRecovery* m_recovery = nullptr;           // null when MainWindowOptions::autosave is off

    AnimationController* m_animation = nullptr;
    bool m_shownIsPreview = false;                 // the canvas shows a path frame, not the document's state
    int m_shownPreviewDivisor = 1;                 // > 1: the canvas shows a reduced drag preview
};

} // namespace lsui
