#include "main_window.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <utility>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QInputDialog>
#include <QScreen>
#include <QSignalBlocker>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QUndoView>

#include "lscore/default_model.h"
#include "lscore/clip_tokenizer.h"
#include "lscore/engine.h"
#include "lscore/session.h"
#include "lsmedia/export_job.h"
#include "blend_pad.h"
#include "canvas_view.h"
#include "keyframe_strip.h"
#include "recent_files.h"
#include "crash_recovery.h"
#include "directions_panel.h"
#include "layer_view_panel.h"
#include "osc_control.h"
#include "comparison_panel.h"
#include "animation_controller.h"
#include "image_metadata.h"
#include "latent_panel.h"
#include "layer_mix_panel.h"
#include "model_panel.h"
#include "prompts_panel.h"
#include "qt_bridge.h"
#include "seed_box.h"
#include "session_files.h"
#include "theme.h"
#include "value_slider.h"

namespace lsui {

namespace {

constexpr int kNoticeTimeoutMs = 10 * 1000;

QString settingsKey(const char* key) { return QString::fromLatin1(key); }

} // namespace

MainWindow::MainWindow(const MainWindowOptions& options, QWidget* parent)
    : QMainWindow(parent), m_options(options)
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
    m_clock.start();

    m_service = new RenderService(this);
    m_recent = new RecentFiles(&CrashRecovery::isDefaultAutosave, this);
    connect(m_recent, &RecentFiles::changed, this, &MainWindow::rebuildRecentMenus);
    m_document = new StudioDocument(this);
    m_canvas = new CanvasView(this);
    m_canvas->setPlaceholderText(tr("No model loaded — open one with File → Open Model… (Ctrl+O) "
                                    "or drop a .safetensors or .pkl file here."));
    setCentralWidget(m_canvas);

    m_osc = new OscControl(m_document, [this] { return m_model ? m_model->description.numWs : 0; }, this);
    buildActions();
    buildAnimation();
    buildDocks();
    buildMenus();
    buildToolBar();
    buildStatusBar();

    connect(m_service, &RenderService::modelOpened, this, &MainWindow::onModelOpened);
    connect(m_service, &RenderService::modelFailed, this, &MainWindow::onModelFailed);
    connect(m_service, &RenderService::modelOpenCancelled, this, &MainWindow::onModelOpenCancelled);
    connect(m_service, &RenderService::frameReady, this, &MainWindow::onFrameReady);
    connect(m_service, &RenderService::failed, this, &MainWindow::onRenderFailed);
    connect(m_document, &StudioDocument::changed, this, [this] {
        m_animation->stopPlayback();   // the user edited: the canvas follows the edit again
        if (m_recovery)
            m_recovery->markDirty();
        syncWidgets();
        requestRender();
        updateWindowTitle();
    });
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateWindowTitle);
    for (ValueSlider* slider : {m_prompts->blendSlider(), m_latent->latentSlider(), m_latent->truncationSlider(), m_latent->moveXSlider(),
                                m_latent->moveYSlider(), m_latent->rotateSlider()})
        connect(slider->slider(), &QSlider::sliderReleased, m_service, &RenderService::hurry);
    qApp->installEventFilter(this);

    QSettings settings;
    // The default size fits the screen (a 1366 × 768 laptop included); a saved geometry is restored
    // only where it still fits (another screen, another scale factor).
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1400, 900);
    resize(std::min(1400, available.width()), std::min(900, available.height()));
    const QRect defaultGeometry = geometry();
    if (restoreGeometry(settings.value(settingsKey("window/geometry")).toByteArray())
        && (frameGeometry().width() > available.width() || frameGeometry().height() > available.height()))
        setGeometry(defaultGeometry);
    restoreState(settings.value(settingsKey("window/state")).toByteArray());
    const bool smooth = settings.value(settingsKey("canvas/smooth"), true).toBool();
    m_smooth->setChecked(smooth);
    m_canvas->setSmoothScaling(smooth);

    // The starting state: a comparison pane layout and the panels in step with the document.
    StudioState initial = m_document->state();
    initial.panes.resize(4);
    m_document->setWithoutUndo(initial);
    syncWidgets();
    updateWindowTitle();

    if (m_options.autosave) {
        m_recovery = new CrashRecovery(CrashRecovery::defaultFolder(), [this] { return toSession(); }, this);
        // The previous autosave stays intact; the user hears once that the newest work is not covered.
        connect(m_recovery, &CrashRecovery::autosaveFailed, this, [this](const QString& error) {
            notify(tr("Autosave failed: %1 Save the session yourself (Ctrl+S) to keep your latest changes.").arg(error), true);
        });
    }

    const bool initialIsModel = !m_options.initialFile.isEmpty() && isModelFile(m_options.initialFile);
    if (!initialIsModel && m_options.openDefaultModel) {
        // lscore's search, shared with the command line: $LATENT_STUDIO_MODEL, the installed share
        // folder, the source tree (a $LATENT_STUDIO_MODEL that names nothing is opened, so that the
        // open says what is wrong).
        const QString path = toQString(lscore::defaultModelPath());
        if (!path.isEmpty())
            openModel(path);
    }
    if (!m_options.initialFile.isEmpty())
        openFile(m_options.initialFile);
    if (m_options.autosave)
        QTimer::singleShot(0, this, &MainWindow::checkRecovery);
}

MainWindow::~MainWindow() = default;

// ---------------------------------------------------------------------------------------------------
// construction

void MainWindow::buildActions()
{
    auto make = [this](const QString& text, const QKeySequence& shortcut, const QString& tip) {
        auto* action = new QAction(text, this);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        action->setToolTip(shortcut.isEmpty() ? tip : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
        action->setStatusTip(tip);
        addAction(action);   // shortcuts work while the menu bar is hidden too
        return action;
    };
    m_openModel = make(tr("Open &Model…"), QKeySequence::Open, tr("Open a .safetensors model or an NVlabs .pkl snapshot"));
    m_openModel->setIcon(themedIcon("open-model", QStyle::SP_DialogOpenButton));
    m_openSession = make(tr("Open &Session…"), QKeySequence(tr("Ctrl+Shift+O")), tr("Open a saved .lstudio session"));
    m_saveSession = make(tr("&Save Session"), QKeySequence::Save, tr("Save the whole studio state as a session"));
    m_saveSession->setIcon(themedIcon("save-session", QStyle::SP_DialogSaveButton));
    m_saveSessionAs = make(tr("Save Session &As…"), QKeySequence::SaveAs, tr("Save the session under a new name"));
    m_saveImage = make(tr("Save &Image…"), QKeySequence(tr("Ctrl+E")),
                       tr("Save the current frame as PNG with its settings embedded"));
    m_saveImage->setIcon(themedIcon("save-image", QStyle::SP_DriveFDIcon));
    m_saveGrid = make(tr("Save Comparison &Grid…"), QKeySequence(tr("Ctrl+Shift+E")), tr("Save all comparison panes as one image"));
    m_quit = make(tr("&Quit"), QKeySequence::Quit, tr("Close Latent Studio"));
    m_quit->setMenuRole(QAction::QuitRole);

    m_undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setIcon(themedIcon("undo", QStyle::SP_ArrowBack));
    m_redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts({QKeySequence::Redo, QKeySequence(tr("Ctrl+Y"))});
    m_redo->setIcon(themedIcon("redo", QStyle::SP_ArrowForward));
    addAction(m_undo);
    addAction(m_redo);

    m_prevSeed = make(tr("&Previous Seed A"), QKeySequence(tr("Alt+Left")), tr("Seed A − 1"));
    m_prevSeed->setIcon(themedIcon("seed-previous", QStyle::SP_MediaSeekBackward));
    m_nextSeed = make(tr("&Next Seed A"), QKeySequence(tr("Alt+Right")), tr("Seed A + 1"));
    m_nextSeed->setIcon(themedIcon("seed-next", QStyle::SP_MediaSeekForward));
    m_randomSeed = make(tr("&Random Seed A"), QKeySequence(tr("Ctrl+R")), tr("A random seed A"));
    m_randomSeed->setIcon(themedIcon("seed-random", QStyle::SP_BrowserReload));
    m_prevSeedB = make(tr("Previous Seed B"), QKeySequence(tr("Alt+Shift+Left")), tr("Seed B − 1"));
    m_nextSeedB = make(tr("Next Seed B"), QKeySequence(tr("Alt+Shift+Right")), tr("Seed B + 1"));
    m_randomSeedB = make(tr("Random Seed B"), QKeySequence(tr("Ctrl+Shift+R")), tr("A random seed B"));
    m_swapAB = make(tr("&Swap A and B"), QKeySequence(tr("Ctrl+K")), tr("Swap prompts, classes and seeds of sides A and B"));

    m_zoomFit = make(tr("&Fit to Window"), QKeySequence(tr("Ctrl+0")), tr("Scale the frame to fit the window"));
    m_zoomFit->setIcon(themedIcon("zoom-fit", QStyle::SP_TitleBarMaxButton));
    m_zoomActual = make(tr("&Actual Size (1:1)"), QKeySequence(tr("Ctrl+1")), tr("One image pixel per screen pixel"));
    m_zoomActual->setIcon(themedIcon("zoom-actual", QStyle::SP_TitleBarNormalButton));
    m_zoomIn = make(tr("Zoom &In"), QKeySequence::ZoomIn, tr("Zoom in (×2)"));
    m_zoomOut = make(tr("Zoom &Out"), QKeySequence::ZoomOut, tr("Zoom out (÷2)"));
    m_smooth = make(tr("&Smooth Scaling"), QKeySequence(tr("Ctrl+Shift+S")), tr("Smooth (bilinear) or nearest-neighbour scaling"));
    m_smooth->setCheckable(true);

    connect(m_openModel, &QAction::triggered, this, &MainWindow::openModelDialog);
    connect(m_openSession, &QAction::triggered, this, &MainWindow::openSessionDialog);
    connect(m_saveSession, &QAction::triggered, this, &MainWindow::saveSessionTriggered);
    connect(m_saveSessionAs, &QAction::triggered, this, &MainWindow::saveSessionAsDialog);
    connect(m_saveImage, &QAction::triggered, this, &MainWindow::saveImageDialog);
    connect(m_saveGrid, &QAction::triggered, this, &MainWindow::saveGridDialog);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    connect(m_zoomFit, &QAction::triggered, m_canvas, &CanvasView::fitToWindow);
    connect(m_zoomActual, &QAction::triggered, m_canvas, &CanvasView::actualSize);
    connect(m_zoomIn, &QAction::triggered, m_canvas, &CanvasView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, m_canvas, &CanvasView::zoomOut);
    connect(m_smooth, &QAction::toggled, this, [this](bool on) {
        m_canvas->setSmoothScaling(on);
        QSettings().setValue(settingsKey("canvas/smooth"), on);
    });

    auto seedEdit = [this](const QString& text, EditKind kind, auto change) {
        m_document->editState(text, change, kind);
    };
    connect(m_nextSeed, &QAction::triggered, this, [=] { seedEdit(tr("Next seed A"), EditKind::SeedA, [](lscore::EditState& s) { ++s.seedA; }); });
    connect(m_prevSeed, &QAction::triggered, this, [=] { seedEdit(tr("Previous seed A"), EditKind::SeedA, [](lscore::EditState& s) { --s.seedA; }); });
    connect(m_randomSeed, &QAction::triggered, this, [this] { m_latent->seedA()->randomize(); });
    connect(m_nextSeedB, &QAction::triggered, this, [=] { seedEdit(tr("Next seed B"), EditKind::SeedB, [](lscore::EditState& s) { ++s.seedB; }); });
    connect(m_prevSeedB, &QAction::triggered, this, [=] { seedEdit(tr("Previous seed B"), EditKind::SeedB, [](lscore::EditState& s) { --s.seedB; }); });
    connect(m_randomSeedB, &QAction::triggered, this, [this] { m_latent->seedB()->randomize(); });
    connect(m_swapAB, &QAction::triggered, this, [=] {
        seedEdit(tr("Swap A and B"), EditKind::Other, [](lscore::EditState& s) {
            std::swap(s.promptA, s.promptB);
            std::swap(s.classA, s.classB);
            std::swap(s.seedA, s.seedB);
        });
    });
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openModel);
    file->addAction(m_openSession);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(m_saveSession);
    file->addAction(m_saveSessionAs);
    file->addSeparator();
    file->addAction(m_saveImage);
    file->addAction(m_saveGrid);
    file->addAction(m_animation->exportAction());
    file->addSeparator();
    file->addAction(m_quit);
    rebuildRecentMenus();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undo);
    edit->addAction(m_redo);
    edit->addSeparator();
    edit->addAction(m_prevSeed);
    edit->addAction(m_nextSeed);
    edit->addAction(m_randomSeed);
    edit->addSeparator();
    edit->addAction(m_prevSeedB);
    edit->addAction(m_nextSeedB);
    edit->addAction(m_randomSeedB);
    edit->addSeparator();
    edit->addAction(m_swapAB);

    QMenu* animation = menuBar()->addMenu(tr("&Animation"));
    m_animation->populateMenu(animation);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_panelsMenu = view->addMenu(tr("&Panels"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        m_panelsMenu->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(m_zoomFit);
    view->addAction(m_zoomActual);
    view->addAction(m_zoomIn);
    view->addAction(m_zoomOut);
    view->addAction(m_smooth);
    view->addSeparator();
    m_oscEnabled = view->addAction(tr("Live &Control (OSC)"));
    m_oscEnabled->setObjectName(QStringLiteral("oscEnabled"));
    m_oscEnabled->setCheckable(true);
    m_oscEnabled->setStatusTip(tr("Listen for OSC messages (TouchDesigner, Max, a MIDI bridge) that set every slider; see docs/osc.md"));
    connect(m_oscEnabled, &QAction::toggled, this, [this](bool on) {
        if (on == m_osc->isEnabled()) return;
        if (const QString error = m_osc->setEnabled(on); !error.isEmpty()) {
            const QSignalBlocker block(m_oscEnabled);
            m_oscEnabled->setChecked(false);
            notify(tr("Live control is off: %1").arg(error), true);
        } else if (on) {
            notify(tr("Listening for OSC on UDP port %1").arg(m_osc->port()), false);
        }
    });
    QAction* oscPort = view->addAction(tr("Live Control &Port…"));
    connect(oscPort, &QAction::triggered, this, [this] {
        bool ok = false;
        const int port = QInputDialog::getInt(this, tr("Live Control Port"), tr("UDP port for OSC messages:"),
                                              OscControl::configuredPort(), 1024, 65535, 1, &ok);
        if (!ok) return;
        QSettings().setValue(QStringLiteral("osc/port"), port);
        if (m_osc->isEnabled()) {
            if (const QString error = m_osc->setEnabled(true, port); !error.isEmpty()) {
                const QSignalBlocker block(m_oscEnabled);
                m_oscEnabled->setChecked(false);
                notify(tr("Live control is off: %1").arg(error), true);
            }
        }
    });
    view->addSeparator();

    QMenu* theme = view->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const Theme current = themeFromKey(QSettings().value(settingsKey("theme"), QStringLiteral("dark")).toString());
    const struct { Theme theme; QString text; } themeItems[] = {
        {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
    for (const auto& item : themeItems) {
        QAction* action = theme->addAction(item.text);
        action->setCheckable(true);
        action->setChecked(item.theme == current);
        themes->addAction(action);
        connect(action, &QAction::triggered, this, [t = item.theme] {
            applyTheme(t);
            QSettings().setValue(settingsKey("theme"), themeKey(t));
        });
    }

    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    const QString currentLanguage = QSettings().value(settingsKey("language")).toString();
    const struct { const char* code; QString text; } languageItems[] = {
        {"", tr("System Default")}, {"en", QStringLiteral("English")}, {"de", QStringLiteral("Deutsch")},
        {"zh_CN", QStringLiteral("简体中文")}};
    for (const auto& item : languageItems) {
        QAction* action = language->addAction(item.text);
        action->setCheckable(true);
        action->setChecked(currentLanguage == QLatin1String(item.code));
        languages->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = QString::fromLatin1(item.code)] { setLanguage(code); });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Latent Studio"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildToolBar()
{
    QToolBar* bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_openModel);
    bar->addAction(m_saveSession);
    bar->addAction(m_saveImage);
    bar->addAction(m_animation->exportAction());
    bar->addAction(m_animation->playAction());
    bar->addSeparator();
    bar->addAction(m_undo);
    bar->addAction(m_redo);
    bar->addSeparator();
    bar->addAction(m_prevSeed);
    bar->addAction(m_nextSeed);
    bar->addAction(m_randomSeed);
    bar->addSeparator();
    bar->addAction(m_zoomFit);
    bar->addAction(m_zoomActual);
    m_panelsMenu->addSeparator();
    m_panelsMenu->addAction(bar->toggleViewAction());
}

void MainWindow::buildStatusBar()
{
    auto make = [this](const QString& tip) {
        auto* label = new QLabel(this);
        label->setToolTip(tip);
        label->setContentsMargins(6, 0, 6, 0);
        statusBar()->addPermanentWidget(label);
        return label;
    };
    m_statusModel = make(tr("The open model"));
    m_statusDevice = make(tr("The device the model renders on"));
    m_statusResolution = make(tr("Output resolution"));
    m_statusTiming = make(tr("Time of the last render, and frames shown per second"));
    m_statusZoom = make(tr("Canvas zoom"));
    m_statusModel->setText(tr("No model"));
    m_statusZoom->setText(tr("Fit"));

    // A large model takes seconds to open; the user can stop it and keep the model they have.
    m_cancelOpen = new QPushButton(tr("Cancel Opening"), this);
    m_cancelOpen->setObjectName(QStringLiteral("cancelOpening"));
    m_cancelOpen->setToolTip(tr("Stop opening the model and keep the one that is open"));
    m_cancelOpen->setVisible(false);
    statusBar()->addPermanentWidget(m_cancelOpen);
    connect(m_cancelOpen, &QPushButton::clicked, m_service, &RenderService::cancelOpen);
    connect(m_canvas, &CanvasView::zoomChanged, m_statusZoom, &QLabel::setText);
    m_statusOsc = new QLabel(this);
    m_statusOsc->setObjectName(QStringLiteral("statusOsc"));
    m_statusOsc->setToolTip(tr("Live control: the OSC port, the messages received and those refused (unknown address, "
                               "wrong type, out of range, not OSC)"));
    statusBar()->addPermanentWidget(m_statusOsc);
    connect(m_osc, &OscControl::statusChanged, m_statusOsc, &QLabel::setText);
    // Live control stays as the user left it: on again at the next start if it was on.
    if (OscControl::configuredEnabled()) {
        if (const QString error = m_osc->setEnabled(true); !error.isEmpty())
            notify(tr("Live control is off: %1").arg(error), true);
    }
    {
        const QSignalBlocker block(m_oscEnabled);
        m_oscEnabled->setChecked(m_osc->isEnabled());
    }
}

QDockWidget* MainWindow::addDock(const QString& title, const QString& objectName, QWidget* content, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    // Each panel scrolls inside its dock, so the docks' minimum sizes do not add up past a small
    // screen: the window fits 1366 × 768 and panels shrink rather than draw over each other.
    auto* scroll = new QScrollArea(dock);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    dock->setWidget(scroll);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::buildDocks()
{
    m_modelPanel = new ModelPanel(this);
    connect(m_modelPanel, &ModelPanel::openRequested, this, &MainWindow::openModelDialog);
    connect(m_modelPanel, &ModelPanel::fileActivated, this, &MainWindow::openFile);
    connect(m_modelPanel, &ModelPanel::deviceChanged, this, [this] {
        if (m_model)
            openModel(m_model->path);
    });
    QDockWidget* model = addDock(tr("Model"), QStringLiteral("modelDock"), m_modelPanel, Qt::LeftDockWidgetArea);
    m_prompts = new PromptsPanel(m_document, this);
    QDockWidget* prompts = addDock(tr("Prompts"), QStringLiteral("promptsDock"), m_prompts, Qt::RightDockWidgetArea);
    m_latent = new LatentPanel(m_document, this);
    QDockWidget* latent = addDock(tr("Latent"), QStringLiteral("latentDock"), m_latent, Qt::RightDockWidgetArea);

    m_styleMix = new LayerMixPanel(tr("seed A"), tr("seed B"), this);
    m_styleMix->setToolTip(tr("Style mixing: each layer takes its w from seed A (0) or seed B (1). "
                              "Coarse layers set pose and layout, fine layers colour and texture."));
    QDockWidget* styleMix = addDock(tr("Style Mixing"), QStringLiteral("styleMixDock"), m_styleMix, Qt::RightDockWidgetArea);
    m_promptMix = new LayerMixPanel(tr("prompt A"), tr("prompt B"), this);
    m_promptMix->setToolTip(tr("Prompt mixing: each layer reads prompt A (0) or prompt B (1): "
                               "e.g. the layout of one prompt with the texture of another."));
    QDockWidget* promptMix = addDock(tr("Prompt Mixing"), QStringLiteral("promptMixDock"), m_promptMix, Qt::RightDockWidgetArea);
    tabifyDockWidget(styleMix, promptMix);
    styleMix->raise();

    m_pad = new BlendPad(this);
    QDockWidget* pad = addDock(tr("Blend Pad"), QStringLiteral("padDock"), m_pad, Qt::LeftDockWidgetArea);

    auto* history = new QUndoView(m_document->undoStack(), this);
    history->setEmptyLabel(tr("<start>"));
    history->setToolTip(tr("Every edit, newest last. Click an entry to go back to it."));
    QDockWidget* historyDock = addDock(tr("History"), QStringLiteral("historyDock"), history, Qt::LeftDockWidgetArea);
    tabifyDockWidget(model, historyDock);
    model->raise();
    Q_UNUSED(pad)
    Q_UNUSED(prompts)
    Q_UNUSED(latent)

    m_comparison = new ComparisonPanel(this);
    m_comparisonDock = addDock(tr("Comparison"), QStringLiteral("comparisonDock"), m_comparison, Qt::BottomDockWidgetArea);
    m_comparisonDock->hide();
    connect(m_comparisonDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        // However it is shown (View → Panels, the toolbar, a restored layout), the panel opens tall
        // enough to see its panes, not as a sliver under the canvas.
        if (visible && !m_comparisonDock->isFloating()) {
            if (m_comparisonDock->height() < height() / 4)
                resizeDocks({m_comparisonDock}, {height() / 3}, Qt::Vertical);
            // Beside the keyframe strip it would start as a narrow column showing one pane.
            if (m_comparisonDock->width() < width() / 3)
                resizeDocks({m_comparisonDock}, {width() / 2}, Qt::Horizontal);
        }
        requestRender();
    });
    m_animation->setPanel(addDock(tr("Keyframes"), QStringLiteral("keyframesDock"), m_animation->strip(), Qt::BottomDockWidgetArea));

    m_directions = new DirectionsPanel(m_document, m_service, this);
    QDockWidget* directions = addDock(tr("Directions"), QStringLiteral("directionsDock"), m_directions, Qt::RightDockWidgetArea);
    tabifyDockWidget(promptMix, directions);
    styleMix->raise();
    connect(m_directions, &DirectionsPanel::notice, this, &MainWindow::notify);

    m_layerView = new LayerViewPanel(this);
    m_layerViewDock = addDock(tr("Layer View"), QStringLiteral("layerViewDock"), m_layerView, Qt::LeftDockWidgetArea);
    tabifyDockWidget(pad, m_layerViewDock);
    pad->raise();
    connect(m_layerViewDock, &QDockWidget::visibilityChanged, m_layerView, &LayerViewPanel::setActive);
    connect(m_layerView, &LayerViewPanel::requestChanged, this, [this] { m_service->setLayerView(m_layerView->request()); });
    connect(m_service, &RenderService::layerViewReady, m_layerView, [this](quint64, const QImage& image, const QString& summary) {
        m_layerView->showLayer(image, summary);
    });

    // panels → document
    connect(m_styleMix, &LayerMixPanel::gestureStarted, this, [this] { m_gesture = m_document->beginGesture(); });
    connect(m_styleMix, &LayerMixPanel::weightsEdited, this, [this](const std::vector<double>& weights) {
        m_document->editState(tr("Style mixing"), [&](lscore::EditState& s) { s.styleMix = weights; }, EditKind::StyleMix, m_gesture);
    });
    connect(m_promptMix, &LayerMixPanel::gestureStarted, this, [this] { m_gesture = m_document->beginGesture(); });
    connect(m_promptMix, &LayerMixPanel::weightsEdited, this, [this](const std::vector<double>& weights) {
        m_document->editState(tr("Prompt mixing"), [&](lscore::EditState& s) { s.promptMix = weights; }, EditKind::PromptMix, m_gesture);
    });
    connect(m_pad, &BlendPad::gestureStarted, this, [this] { m_gesture = m_document->beginGesture(); });
    connect(m_pad, &BlendPad::positionEdited, this, [this](QPointF position) {
        m_document->editState(tr("Blend pad"), [&](lscore::EditState& s) {
            s.promptT = position.x();
            s.latentT = position.y();
        }, EditKind::Pad, m_gesture);
    });
    connect(m_comparison, &ComparisonPanel::gestureStarted, this, [this] {
        if (m_gesture == 0 || !QApplication::focusWidget() || !qobject_cast<QLineEdit*>(QApplication::focusWidget()))
            m_gesture = m_document->beginGesture();
    });
    connect(m_comparison, &ComparisonPanel::panesEdited, this, [this](const std::vector<lscore::ComparisonPane>& panes, int columns) {
        m_document->edit(tr("Comparison panes"), [&](StudioState& s) {
            s.panes = panes;
            s.comparisonColumns = columns;
        }, EditKind::Panes, m_gesture);
    });
    connect(m_comparison, &ComparisonPanel::promoteRequested, this, &MainWindow::promotePane);
    connect(m_comparison, &ComparisonPanel::saveGridRequested, this, &MainWindow::saveGridDialog);
    connect(m_comparison, &ComparisonPanel::walkGridRequested, this, [this] {
        m_document->edit(tr("Walk A → B grid"), [](StudioState& s) {
            s.panes = walkGridPanes(s.edit, s.comparisonColumns);
            s.comparisonColumns = walkGridColumns(s.comparisonColumns);
        }, EditKind::Panes);
    });
}

// ---------------------------------------------------------------------------------------------------
// state → widgets, state → renders

void MainWindow::syncWidgets()
{
    const StudioState& studio = m_document->state();
    const lscore::EditState& s = studio.edit;
    m_prompts->showState(s);
    m_latent->showState(s);
    m_styleMix->setWeights(s.styleMix);
    m_promptMix->setWeights(s.promptMix);
    m_pad->setPosition(QPointF(s.promptT, s.latentT));
    m_comparison->setPanes(studio.panes, studio.comparisonColumns);
    m_directions->showState(s);
    m_animation->syncStrip();
    m_prompts->setProblem(promptProblem());
}

QString MainWindow::promptProblem() const
{
    if (!m_model || m_model->description.conditioning.type != lscore::ConditioningType::Text)
        return {};
    QStringList problems;
    const lscore::EditState& s = m_document->state().edit;
    if (m_model->description.conditioning.clip) {
        // Any text is read; only a prompt past CLIP's 77 tokens gets a note (the rest is ignored).
        if (m_clipTokenizer) {
            std::vector<std::pair<QString, std::string>> prompts = {{tr("Prompt A"), s.promptA}, {tr("Prompt B"), s.promptB}};
            if (comparisonVisible())
                for (const auto& pane : m_document->state().panes)
                    prompts.emplace_back(tr("Comparison pane “%1”").arg(toQString(pane.prompt).left(24)), pane.prompt);
            for (const auto& [name, prompt] : prompts) {
                const lscore::ClipTokens tokens = m_clipTokenizer->tokenize(prompt);
                if (tokens.truncated)
                    problems << tr("%1 is %2 CLIP tokens; the model reads the first %3 and ignores the rest.")
                                    .arg(name).arg(tokens.length).arg(lscore::ClipTokenizer::kContext);
            }
        }
        return problems.join(QLatin1Char('\n'));
    }
    const auto checkA = m_tokenizer.check(s.promptA);
    if (!checkA.ok())
        problems << tr("Prompt A: %1").arg(toQString(checkA.message()));
    const auto checkB = m_tokenizer.check(s.promptB);
    if (!checkB.ok())
        problems << tr("Prompt B: %1").arg(toQString(checkB.message()));
    for (const auto& pane : m_document->state().panes) {
        if (!comparisonVisible() || pane.prompt.empty())
            continue;
        const auto check = m_tokenizer.check(pane.prompt);
        if (!check.ok()) {
            problems << tr("Comparison pane “%1”: %2").arg(toQString(pane.prompt), toQString(check.message()));
            break;
        }
    }
    return problems.join(QLatin1Char('\n'));
}

std::vector<lscore::EditState> MainWindow::batchStates() const
{
    const StudioState& studio = m_document->state();
    std::vector<lscore::EditState> states{studio.edit};
    if (comparisonVisible()) {
        const lscore::ModelDescription* description = m_model ? &m_model->description : nullptr;
        for (const auto& pane : studio.panes)
            states.push_back(paneState(studio.edit, pane, description));
    }
    return states;
}

void MainWindow::requestRender()
{
    if (!m_model)
        return;
    if (const QString problem = promptProblem(); !problem.isEmpty()) {
        // The engine would refuse it; keep the last frame, marked stale, and say what to fix.
        m_promptProblemMessage = QString(problem).replace(QLatin1Char('\n'), QStringLiteral("  ·  "));
        statusBar()->showMessage(m_promptProblemMessage);
        m_canvas->setStaleNote(tr("Not rendered: %1").arg(problem.section(QLatin1Char('\n'), 0, 0)));
        return;
    }
    if (!m_promptProblemMessage.isEmpty()) {
        // The prompt is renderable again: its complaint must not outlive it.
        if (statusBar()->currentMessage() == m_promptProblemMessage)
            statusBar()->clearMessage();
        m_promptProblemMessage.clear();
        m_canvas->setStaleNote({});
    }
    m_service->requestRender(batchStates(), dragInProgress() ? RenderService::Urgency::Preview
                                                             : RenderService::Urgency::Final);
}

bool MainWindow::dragInProgress() const
{
    if (m_pad->isDragging())
        return true;
    const auto sliders = findChildren<QSlider*>();
    return std::any_of(sliders.begin(), sliders.end(), [](const QSlider* slider) { return slider->isSliderDown(); });
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // The end of any drag: the newest request should not wait behind a stale preview render.
    if (event->type() == QEvent::MouseButtonRelease)
        QTimer::singleShot(0, m_service, &RenderService::hurry);
    // Space plays the path, as in every video and animation tool, unless the user is typing: a
    // button, slider, list or closed combo box that was last clicked would otherwise take Space
    // (press the button again, select an item) and the studio would seem to ignore the key.
    if (event->type() == QEvent::ShortcutOverride && watched == QApplication::focusWidget()) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const auto* combo = qobject_cast<const QComboBox*>(watched);
        if (key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier
            && (qobject_cast<const QAbstractButton*>(watched) || qobject_cast<const QAbstractSlider*>(watched)
                || qobject_cast<const QAbstractItemView*>(watched) || (combo && !combo->isEditable())))
            return true;   // not accepted: the shortcut map gives the key to Play
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::onFrameReady(quint64 id, const QList<QImage>& images, double milliseconds)
{
    if (images.isEmpty())
        return;
    m_canvas->setFrame(images.front());
    m_shownId = id;
    m_shownIsPreview = m_animation->isPreviewFrame(id);
    m_shownPreviewDivisor = m_service->lastDeliveredPreviewDivisor();
    if (images.size() > 1)
        m_comparison->setImages(images.mid(1));
    const qint64 now = m_clock.elapsed();
    m_frameTimes.append(now);
    while (!m_frameTimes.isEmpty() && m_frameTimes.front() < now - 1000)
        m_frameTimes.removeFirst();
    QString timing = tr("%1 ms · %2 fps").arg(milliseconds, 0, 'f', 1).arg(m_frameTimes.size());
    // While a slow model is dragged the canvas shows the image of a lower block, scaled up.
    if (m_shownPreviewDivisor > 1)
        timing += tr(" · preview at 1/%1 size, full frame when the drag ends").arg(m_shownPreviewDivisor);
    m_statusTiming->setText(timing);
    emit frameShown(id);
    m_animation->onFrameShown(id);
}

void MainWindow::onRenderFailed(quint64 id, const QString& message)
{
    m_animation->onRenderFailed(id);
    notify(tr("Rendering failed: %1").arg(message), true);
}

QImage MainWindow::currentFrame() const { return m_canvas->frame(); }
ValueSlider* MainWindow::latentSlider() const { return m_latent->latentSlider(); }
QList<QImage> MainWindow::paneImages() const { return m_comparison->images(); }

void MainWindow::setComparisonVisible(bool visible)
{
    m_comparisonDock->setVisible(visible);   // → visibilityChanged: sized and rendered there
}

bool MainWindow::comparisonVisible() const { return m_comparisonDock && !m_comparisonDock->isHidden(); }

// ---------------------------------------------------------------------------------------------------
// models

void MainWindow::openModel(const QString& path)
{
    // A session waiting for another model's open gives way: its state belongs to that model.
    m_pendingState.reset();
    m_pendingSession = nullptr;
    m_pendingStateNote.clear();
    m_pendingTextEncoderNote.clear();
    m_triedTextEncoders.clear();
    openModelWith(path, rememberedTextEncoder(path));
}

void MainWindow::openModelWith(const QString& path, const QString& textEncoder)
{
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    if (!m_model)
        m_canvas->setPlaceholderText(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_openingTextEncoder = textEncoder;
    m_service->openModel(path, m_modelPanel->device(), textEncoder);
    m_cancelOpen->setVisible(true);
}

namespace {
// Settings keys may not hold a path's slashes: the model is named by a hash of its absolute path.
QString textEncoderKey(const QString& modelPath)
{
    const QByteArray path = QFileInfo(modelPath).absoluteFilePath().toUtf8();
    return QStringLiteral("clipTextEncoders/") + QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha1).toHex());
}
} // namespace

QString MainWindow::rememberedTextEncoder(const QString& modelPath)
{
    const QString remembered = QSettings().value(textEncoderKey(modelPath)).toString();
    return QFileInfo::exists(remembered) ? remembered : QString();
}

void MainWindow::rememberTextEncoder(const QString& modelPath, const QString& textEncoder)
{
    QSettings settings;
    const QString key = textEncoderKey(modelPath);
    if (textEncoder.isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, QFileInfo(textEncoder).absoluteFilePath());
}

void MainWindow::onModelOpened(const ModelInfo& info)
{
    m_cancelOpen->setVisible(m_service->isOpening());
    m_triedTextEncoders.clear();
    m_model = info;
    const lscore::ModelDescription& d = info.description;
    const auto& conditioning = d.conditioning;
    const bool text = conditioning.type == lscore::ConditioningType::Text;
    const bool classes = conditioning.type == lscore::ConditioningType::Class;

    m_tokenizer = text && !conditioning.clip ? lscore::WordTokenizer(conditioning.vocabulary, conditioning.context) : lscore::WordTokenizer();
    m_clipTokenizer = info.clipTokenizer;   // the engine's: measures prompts for the length note
    if (conditioning.clip) {
        if (!info.textEncoderPath.isEmpty())
            rememberTextEncoder(info.path, info.textEncoderPath);
    }
    QStringList classNames;
    for (int i = 0; i < conditioning.classCount; ++i) {
        const auto index = static_cast<std::size_t>(i);
        classNames << (index < conditioning.classNames.size() ? toQString(conditioning.classNames[index])
                                                              : tr("class %1").arg(i));
    }
    m_prompts->setConditioning(conditioning, classNames);

    m_styleMix->setLayers(d.layers);
    m_promptMix->setLayers(d.layers);
    m_directions->setModel(&info);
    m_layerView->setLayers(info.synthesisLayers);
    m_promptMix->setUnavailableReason(text || classes ? QString()
        : tr("This model has no prompts to mix. Open a text- or class-conditional model."));
    m_latent->setLayerCount(d.numWs);
    m_latent->setInputTransformAvailable(d.architecture == "stylegan3");
    m_latent->setBigGanTruncation(d.architecture == "biggan-deep");
    m_comparison->setWalkAvailable(text || classes);

    if (text) {
        m_comparison->setPromptHint(tr("Prompt for this pane (empty: prompt A)"), true);
        QStringList words;
        for (const auto& word : conditioning.vocabulary)
            words << toQString(word);
        m_comparison->setCompletionWords(words);
        m_pad->setAxisNames(tr("prompt A"), tr("prompt B"), tr("seed A"), tr("seed B"));
    } else if (classes) {
        m_comparison->setPromptHint(tr("Class name or number for this pane (empty: class A)"), true);
        m_comparison->setCompletionWords(classNames);
        m_pad->setAxisNames(tr("class A"), tr("class B"), tr("seed A"), tr("seed B"));
    } else {
        m_comparison->setPromptHint(tr("This model has no prompts: give panes their own seeds"), false);
        m_comparison->setCompletionWords({});
        m_pad->setAxisNames(tr("(no prompts)"), QString(), tr("seed A"), tr("seed B"));
    }

    m_canvas->setPlaceholderText(tr("Rendering the first frame…"));
    m_modelPanel->showModel(m_model ? &*m_model : nullptr);
    addRecentFile(info.path);
    m_statusModel->setText(toQString(d.name.empty() ? QFileInfo(info.path).completeBaseName().toStdString() : d.name));
    m_statusDevice->setText(info.device.toUpper());
    m_statusResolution->setText(tr("%1 × %1 px").arg(d.resolution));
    statusBar()->showMessage(tr("Opened %1").arg(QFileInfo(info.path).fileName()), kNoticeTimeoutMs);

    fitStateToModel();
    if (text && m_document->state().edit.promptA.empty() && m_document->state().edit.promptB.empty()) {
        // A text model with empty prompts shows little: start from two prompts it can read, each an
        // object on a background of a contrasting colour, so the first image shows what the model does.
        auto known = [&](const char* prompt) { return conditioning.clip || m_tokenizer.check(prompt).ok(); };
        auto fallback = [&](bool first) {
            return conditioning.vocabulary.empty() ? std::string() : first ? conditioning.vocabulary.front() : conditioning.vocabulary.back();
        };
        StudioState starter = m_document->state();
        if (conditioning.clip) {
            // A model that reads English: two scenes it has likely seen (MS-COCO captions).
            starter.edit.promptA = "a red double decker bus driving down a city street";
            starter.edit.promptB = "a bowl of green apples on a wooden table";
        } else {
            starter.edit.promptA = known("a red star on a blue background") ? "a red star on a blue background" : fallback(true);
            starter.edit.promptB = known("a big yellow heart on a black background") ? "a big yellow heart on a black background"
                                                                                      : fallback(false);
        }
        m_document->setWithoutUndo(starter);
    }
    if (classes && !m_pendingState && conditioning.classCount > 1 && m_document->state().edit.classA == 0
        && m_document->state().edit.classB == 0) {
        // Two different classes, so that class interpolation shows something from the first drag: the
        // BigGAN demo's crocodile → panda walk when the model has ImageNet's names, else classes 0 → 1.
        StudioState starter = m_document->state();
        const auto& names = conditioning.classNames;
        const auto find = [&](const char* name) {
            const auto it = std::find(names.begin(), names.end(), name);
            return it == names.end() ? -1 : static_cast<int>(it - names.begin());
        };
        const int crocodile = find("African crocodile"), panda = find("giant panda");
        starter.edit.classA = crocodile >= 0 && panda >= 0 ? crocodile : 0;
        starter.edit.classB = crocodile >= 0 && panda >= 0 ? panda : 1;
        // BigGAN's typical images sit at low truncation (the demo's 0.4), not at 1.
        if (d.architecture == "biggan-deep" && starter.edit.truncationPsi == 1.0) starter.edit.truncationPsi = 0.4;
        m_document->setWithoutUndo(starter);
    }
    if (m_pendingState) {
        StudioState pending = std::move(*m_pendingState);
        m_pendingState.reset();
        if (m_pendingSession)
            std::exchange(m_pendingSession, {})();
        applyRestoredState(pending, tr("Open session"));
        if (!m_pendingStateNote.isEmpty() && m_pendingStateNote != info.hash)
            notify(tr("The session was saved with a different version of this model (its SHA-256 differs); "
                      "the images may not match what was saved."), true);
        else if (!m_pendingTextEncoderNote.isEmpty() && m_pendingTextEncoderNote != info.textEncoderHash)
            notify(tr("The session was saved with another CLIP text encoder (its SHA-256 differs from %1's); "
                      "the images may not match what was saved.").arg(QFileInfo(info.textEncoderPath).fileName()), true);
        m_pendingStateNote.clear();
        m_pendingTextEncoderNote.clear();
    }
    m_animation->onModelOpened();
    syncWidgets();
    updateWindowTitle();
    requestRender();
    emit modelReady(info);
}

void MainWindow::fitStateToModel()
{
    if (!m_model)
        return;
    const lscore::ModelDescription& d = m_model->description;
    StudioState s = m_document->state();
    const auto numWs = static_cast<std::size_t>(std::max(0, d.numWs));
    s.edit.styleMix.resize(numWs, 0.0);
    s.edit.promptMix.resize(numWs, 0.0);
    const int lastClass = std::max(0, d.conditioning.classCount - 1);
    s.edit.classA = std::clamp(s.edit.classA, 0, lastClass);
    s.edit.classB = std::clamp(s.edit.classB, 0, lastClass);
    if (s.edit.truncationCutoff > d.numWs)
        s.edit.truncationCutoff = -1;
    // BigGAN's truncation lives in (0, 1]; a ψ carried over from a StyleGAN may lie outside.
    // (the studio's slider spans [0.02, 1], and the state stays within what it shows).
    if (d.architecture == "biggan-deep")
        s.edit.truncationPsi = std::clamp(s.edit.truncationPsi, 0.02, 1.0);
    s = defaultPanesFor(std::move(s));
    m_document->setWithoutUndo(s);
}

StudioState MainWindow::defaultPanesFor(StudioState state) const
{
    // Fill empty panes with something worth comparing: classes for class models, seeds otherwise.
    if (!m_model)
        return state;
    const auto& conditioning = m_model->description.conditioning;
    for (std::size_t i = 0; i < state.panes.size(); ++i) {
        auto& pane = state.panes[i];
        if (!pane.prompt.empty() || pane.seed)
            continue;
        if (conditioning.type == lscore::ConditioningType::Class && conditioning.classCount > 0) {
            const int index = static_cast<int>(i) % conditioning.classCount;
            pane.prompt = static_cast<std::size_t>(index) < conditioning.classNames.size()
                ? conditioning.classNames[static_cast<std::size_t>(index)] : std::to_string(index);
        } else {
            pane.seed = static_cast<std::uint32_t>(i);
        }
    }
    return state;
}

void MainWindow::onModelFailed(const QString& path, const QString& message)
{
    m_cancelOpen->setVisible(m_service->isOpening());
    if (m_service->isOpening())
        return;   // a failure that arrived after a newer open was asked for: that open answers
    const auto contains = [&message](std::string_view phrase) {
        return message.contains(QString::fromUtf8(phrase.data(), static_cast<qsizetype>(phrase.size())));
    };
    if (contains(lscore::kNeedsClipTextEncoder) || contains(lscore::kUnusableClipTextEncoder)) {
        // A LAFITE model reads its prompts through a CLIP text tower of its own. Ask for it (a
        // remembered or found one that does not fit is forgotten) and open again; a file that has
        // already failed for this open is not tried twice, so declining or a bad choice ends it.
        rememberTextEncoder(path, {});
        if (contains(lscore::kUnusableClipTextEncoder))
            notify(tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), message), true);
        QString chosen;
        if (m_options.askForTextEncoder) {
            chosen = m_options.askForTextEncoder(path);
        } else {
            QSettings settings;
            chosen = QFileDialog::getOpenFileName(
                this, tr("Choose the CLIP Text Encoder for %1").arg(QFileInfo(path).fileName()),
                settings.value(settingsKey("dirs/textEncoder"), QFileInfo(path).absolutePath()).toString(),
                tr("CLIP text encoders (*.safetensors);;All files (*)"));
            if (!chosen.isEmpty())
                settings.setValue(settingsKey("dirs/textEncoder"), QFileInfo(chosen).absolutePath());
        }
        const QString tried = QFileInfo(chosen).absoluteFilePath();
        if (!chosen.isEmpty() && !m_triedTextEncoders.contains(tried)) {
            m_triedTextEncoders << tried;
            openModelWith(path, chosen);   // a session waiting for this model keeps waiting
            return;
        }
    }
    m_triedTextEncoders.clear();
    if (!m_model)
        m_canvas->setPlaceholderText(tr("No model loaded — %1 could not be opened. Open another with File → Open Model….")
                                         .arg(QFileInfo(path).fileName()));
    m_pendingState.reset();
    m_pendingSession = nullptr;   // the session waiting for this model is not opened: its file stays untouched
    m_animation->refreshThumbnails();   // the failed open emptied the background lane
    if (!contains(lscore::kUnusableClipTextEncoder))
        notify(tr("Could not open %1: %2").arg(QFileInfo(path).fileName(), message), true);
}

void MainWindow::onModelOpenCancelled(const QString& path)
{
    m_cancelOpen->setVisible(false);
    m_pendingState.reset();   // a session or image waiting for this model is not applied
    m_pendingSession = nullptr;
    if (!m_model)
        m_canvas->setPlaceholderText(tr("Opening %1 was cancelled. Open a model with File → Open Model….")
                                         .arg(QFileInfo(path).fileName()));
    notify(tr("Opening %1 was cancelled; %2").arg(QFileInfo(path).fileName(),
        m_model ? tr("%1 stays open.").arg(QFileInfo(m_model->path).fileName()) : tr("no model is open.")), false);
    m_triedTextEncoders.clear();
    m_animation->refreshThumbnails();   // the open emptied the background lane
    if (m_model)
        requestRender();   // the open dropped the pending render of the kept model: show its current state
}

// ---------------------------------------------------------------------------------------------------
// files

bool MainWindow::openFile(const QString& path)
{
    if (!QFileInfo::exists(path)) {
        notify(tr("%1 does not exist.").arg(path), true);
        return false;
    }
    if ((isModelFile(path) || isSessionFile(path)) && !confirmUnsavedChanges(tr("opening %1").arg(QFileInfo(path).fileName())))
        return false;
    if (isModelFile(path)) {
        openModel(path);
        return true;
    }
    if (isSessionFile(path))
        return openSession(path);
    return openImage(path);
}

lscore::Session MainWindow::toSession() const
{
    return sessionFromStudio(m_document->state(), m_model ? &*m_model : nullptr, m_animation->exportSettings());
}

lscore::Status MainWindow::saveSession(const QString& path)
{
    lscore::Status status = lscore::writeSessionFile(toStd(path), toSession());
    if (!status) {
        notify(tr("Could not save the session: %1").arg(toQString(status.error())), true);
        return status;
    }
    m_sessionPath = path;
    m_document->undoStack()->setClean();
    addRecentFile(path);
    notify(tr("Saved session %1").arg(QFileInfo(path).fileName()), false);
    updateWindowTitle();
    return status;
}

bool MainWindow::openSession(const QString& path)
{
    auto session = lscore::readSessionFile(toStd(path));
    if (!session) {
        notify(tr("Could not open the session %1: %2").arg(QFileInfo(path).fileName(), toQString(session.error())), true);
        return false;
    }
    const StudioState state = studioFromSession(*session);
    // The window becomes this session's only once its state is shown: a model that fails to open
    // leaves the open work, its title and its Save target as they were.
    const auto adopt = [this, path, exportSettings = session->exportSettings] {
        m_animation->setExportSettings(exportSettings);
        m_sessionPath = path;
        addRecentFile(path);
    };

    const QString modelPath = resolveSessionPath(path, session->modelPath);
    const bool sameModel = m_model && (QFileInfo(m_model->path).canonicalFilePath() == QFileInfo(modelPath).canonicalFilePath()
                                       || (!session->modelSha256.empty() && m_model->hash == toQString(session->modelSha256)));
    if (!modelPath.isEmpty() && !sameModel && QFileInfo::exists(modelPath)) {
        // A CLIP-conditioned model opens with the session's text tower, as it was saved, else the
        // one remembered for the model.
        QString encoder = resolveSessionPath(path, session->textEncoderPath);
        if (encoder.isEmpty() || !QFileInfo::exists(encoder))
            encoder = rememberedTextEncoder(modelPath);
        m_pendingState.reset();
        m_pendingStateNote.clear();
        m_triedTextEncoders.clear();
        openModelWith(modelPath, encoder);
        m_pendingState = state;   // applied when the session's model is open
        m_pendingSession = adopt;
        m_pendingStateNote = toQString(session->modelSha256);
        m_pendingTextEncoderNote = toQString(session->textEncoderSha256);
        return true;
    }
    if (!modelPath.isEmpty() && !sameModel)
        notify(tr("The session's model %1 was not found; its settings are applied to the open model.").arg(modelPath), true);
    adopt();
    applyRestoredState(state, tr("Open session"));
    statusBar()->showMessage(tr("Opened session %1").arg(QFileInfo(path).fileName()), kNoticeTimeoutMs);
    updateWindowTitle();
    return true;
}

lscore::Status MainWindow::refuseReducedPreview()
{
    if (m_shownPreviewDivisor <= 1)
        return lscore::Status::success();
    const QString message = tr("The canvas shows a reduced preview while a slider is dragged; save once the full frame is shown.");
    notify(message, true);
    return lscore::makeError(message.toStdString());
}

lscore::Status MainWindow::saveImage(const QString& path)
{
    if (lscore::Status preview = refuseReducedPreview(); !preview)
        return preview;
    // The state of the pixels saved: a scrubbed path frame's own, not the editor's.
    lscore::Status status = saveImageWithState(currentFrame(), path, m_shownIsPreview ? m_animation->previewState() : m_document->state().edit,
                                               m_model ? m_model->hash : QString(),
                                               m_model ? toQString(m_model->description.name) : QString(),
                                               m_model ? m_model->textEncoderHash : QString());
    if (!status)
        notify(toQString(status.error()), true);
    else
        notify(tr("Saved %1 (its settings are embedded: drop it back here to restore them)").arg(QFileInfo(path).fileName()), false);
    return status;
}

lscore::Status MainWindow::saveGrid(const QString& path)
{
    if (lscore::Status preview = refuseReducedPreview(); !preview)   // the panes are previews too
        return preview;
    const StudioState& studio = m_document->state();
    const ModelInfo* model = m_model ? &*m_model : nullptr;
    const lscore::Status status = writeComparisonGrid(path, m_comparison->gridImage(paneCaptions(studio, model ? &model->description : nullptr)),
                                                      studio, model);
    if (!status)
        notify(toQString(status.error()), true);
    else
        notify(tr("Saved the comparison grid to %1").arg(QFileInfo(path).fileName()), false);
    return status;
}

bool MainWindow::openImage(const QString& path)
{
    auto restored = readImageState(path);
    if (!restored) {
        notify(toQString(restored.error()), true);
        return false;
    }
    StudioState state = m_document->state();
    state.edit = restored->state;
    applyRestoredState(state, tr("Restore from %1").arg(QFileInfo(path).fileName()));
    if (!m_model) {
        notify(tr("Restored the settings of %1. Open its model (%2) to render them.")
                   .arg(QFileInfo(path).fileName(), restored->modelName.isEmpty() ? tr("unknown") : restored->modelName), false);
    } else if (!restored->modelHash.isEmpty() && restored->modelHash != m_model->hash) {
        notify(tr("%1 was made with a different model (%2); its settings are applied to the open model, "
                  "so the result will differ from the image.")
                   .arg(QFileInfo(path).fileName(), restored->modelName.isEmpty() ? restored->modelHash.left(12) : restored->modelName), true);
    } else {
        notify(tr("Restored the settings of %1").arg(QFileInfo(path).fileName()), false);
    }
    return true;
}

void MainWindow::applyRestoredState(const StudioState& state, const QString& text)
{
    m_document->replace(text, state);
    fitStateToModel();
}

void MainWindow::promotePane(int index)
{
    const StudioState& studio = m_document->state();
    if (index < 0 || static_cast<std::size_t>(index) >= studio.panes.size())
        return;
    const lscore::EditState promoted = paneState(studio.edit, studio.panes[static_cast<std::size_t>(index)],
                                                 m_model ? &m_model->description : nullptr);
    m_document->editState(tr("Promote pane %1").arg(index + 1), [&](lscore::EditState& s) {
        const bool walking = studio.panes[static_cast<std::size_t>(index)].t.has_value() && promoted.promptB == s.promptB
                             && promoted.classB == s.classB;
        s.promptA = promoted.promptA;
        s.classA = promoted.classA;
        s.seedA = promoted.seedA;
        // A pane of the walk A → B grid keeps its place between A and B; any other pane is its own A.
        s.promptT = walking ? promoted.promptT : 0.0;
        if (!walking) s.latentT = 0.0;
    });
}

// ---------------------------------------------------------------------------------------------------
// dialogs

void MainWindow::openModelDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), settings.value(settingsKey("dirs/model")).toString(),
                                                      tr("Models (*.safetensors *.pkl pytorch_model.bin);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(settingsKey("dirs/model"), QFileInfo(path).absolutePath());
    if (!confirmUnsavedChanges(tr("opening another model")))
        return;
    openModel(path);
}

void MainWindow::openSessionDialog()
{
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Session"), settings.value(settingsKey("dirs/session")).toString(),
                                                      tr("Sessions and images (*.lstudio *.json *.png);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(settingsKey("dirs/session"), QFileInfo(path).absolutePath());
    openFile(path);
}

void MainWindow::saveSessionTriggered()
{
    if (m_sessionPath.isEmpty() || CrashRecovery::isDefaultAutosave(m_sessionPath))
        saveSessionAsDialog();
    else
        (void)saveSession(m_sessionPath);
}

void MainWindow::saveSessionAsDialog()
{
    QSettings settings;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Session"), settings.value(settingsKey("dirs/session")).toString(),
                                                tr("Latent Studio sessions (*.lstudio)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".lstudio");
    settings.setValue(settingsKey("dirs/session"), QFileInfo(path).absolutePath());
    (void)saveSession(path);
}

QString MainWindow::askImagePath(const QString& title, const QString& suggestedName)
{
    // Offered in the folder the user last saved an image to, under a name that says what it is.
    QSettings settings;
    const QString folder = settings.value(settingsKey("dirs/image"), QDir::homePath()).toString();
    QString path = QFileDialog::getSaveFileName(this, title, QDir(folder).filePath(suggestedName), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".png");
    settings.setValue(settingsKey("dirs/image"), QFileInfo(path).absolutePath());
    return path;
}

void MainWindow::saveImageDialog()
{
    if (!refuseReducedPreview())
        return;
    const lscore::EditState& state = m_shownIsPreview ? m_animation->previewState() : m_document->state().edit;
    if (const QString path = askImagePath(tr("Save Image"), QStringLiteral("seed-%1.png").arg(state.seedA)); !path.isEmpty())
        (void)saveImage(path);
}

void MainWindow::saveGridDialog()
{
    if (!refuseReducedPreview())
        return;
    if (const QString path = askImagePath(tr("Save Comparison Grid"), QStringLiteral("comparison-grid.png")); !path.isEmpty())
        (void)saveGrid(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Latent Studio"),
                       tr("<h3>Latent Studio %1</h3><p>Explore the latent space of StyleGAN2-family image "
                          "generators live: prompt interpolation, style mixing, prompt mixing, comparison and "
                          "export.</p><p>Drop a model, session or image with embedded settings on the window "
                          "to open it.</p>").arg(QStringLiteral(LSTUDIO_VERSION)));
}

void MainWindow::setLanguage(const QString& code)
{
    QSettings().setValue(settingsKey("language"), code);
    // The panels are built in code, once; a restart redraws every one of them in the new language
    // (with the work kept: the close below asks about unsaved changes, and the session reopens).
    QMessageBox box(QMessageBox::Information, tr("Latent Studio"),
                    tr("The new language takes effect when Latent Studio restarts."), QMessageBox::NoButton, this);
    QPushButton* restart = box.addButton(tr("Restart Now"), QMessageBox::AcceptRole);
    box.addButton(tr("Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restart);
    box.exec();
    if (box.clickedButton() != restart)
        return;
    if (!close())
        return;   // the user cancelled at the unsaved-changes question
    QStringList arguments;
    if (!m_sessionPath.isEmpty())
        arguments << m_sessionPath;   // as last saved (the close may just have saved it)
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments))
        QMessageBox::warning(nullptr, tr("Latent Studio"), tr("Could not restart Latent Studio; start it again yourself."));
    QCoreApplication::quit();
}

void MainWindow::notify(const QString& text, bool problem)
{
    m_lastNotice = text;
    statusBar()->showMessage(text, kNoticeTimeoutMs);
    emit noticeShown(text);
    if (!problem)
        return;
    // Non-modal and reused: a burst of problems never stacks dialogs or blocks the event loop.
    if (!m_messageBox) {
        m_messageBox = new QMessageBox(QMessageBox::Warning, tr("Latent Studio"), text, QMessageBox::Ok, this);
        m_messageBox->setModal(false);
        m_messageBox->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_messageBox->setText(text);
    m_messageBox->show();
}

void MainWindow::addRecentFile(const QString& path) { m_recent->add(path); }

void MainWindow::rebuildRecentMenus()
{
    const QVector<RecentFiles::Entry> recent = m_recent->entries();
    if (m_recentMenu) {
        m_recentMenu->clear();
        for (const RecentFiles::Entry& entry : recent) {
            QAction* action = m_recentMenu->addAction(entry.label);
            action->setToolTip(entry.path);
            action->setStatusTip(entry.path);
            connect(action, &QAction::triggered, this, [this, path = entry.path] { openFile(path); });
        }
        m_recentMenu->setEnabled(!recent.isEmpty());
    }
    if (m_modelPanel)
        m_modelPanel->setRecentModels(recent);
}

void MainWindow::updateWindowTitle()
{
    QString title = m_sessionPath.isEmpty() || CrashRecovery::isDefaultAutosave(m_sessionPath) ? tr("Untitled") : QFileInfo(m_sessionPath).fileName();
    if (!m_document->undoStack()->isClean())
        title += QLatin1Char('*');
    if (m_model)
        title += QStringLiteral(" — %1").arg(toQString(m_model->description.name));
    setWindowTitle(tr("%1 — Latent Studio").arg(title));
}

// ---------------------------------------------------------------------------------------------------
// autosave and crash recovery

void MainWindow::checkRecovery()
{
    if (m_recovery->previousRunCrashed() && m_options.offerRecovery) {
        const QDateTime when = QFileInfo(m_recovery->autosavePath()).lastModified();
        const auto answer = QMessageBox::question(
            this, tr("Recover Session"),
            tr("Latent Studio did not close cleanly last time. Recover the session autosaved at %1?")
                .arg(QLocale().toString(when, QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer == QMessageBox::Yes)
            openSession(m_recovery->autosavePath());
    }
    m_recovery->start();
}

// ---------------------------------------------------------------------------------------------------
// events

bool MainWindow::confirmUnsavedChanges(const QString& action)
{
    if (m_document->undoStack()->isClean())
        return true;
    const QString question = tr("This session has unsaved changes. Save them before %1?").arg(action);
    UnsavedChoice choice = UnsavedChoice::Cancel;
    if (m_options.askAboutUnsavedChanges) {
        choice = m_options.askAboutUnsavedChanges(question);
    } else {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"), question,
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setDefaultButton(QMessageBox::Save);
        const int answer = box.exec();
        choice = answer == QMessageBox::Save ? UnsavedChoice::Save : answer == QMessageBox::Discard ? UnsavedChoice::Discard
                                                                                                   : UnsavedChoice::Cancel;
    }
    if (choice == UnsavedChoice::Cancel)
        return false;
    if (choice == UnsavedChoice::Discard)
        return true;
    saveSessionTriggered();   // an untitled session asks where
    // A cancelled save dialog or a failed save keeps the window and the work.
    return m_document->undoStack()->isClean();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_animation->exportRunning()) {
        // Quitting stops the export: its finished frames stay on disk and Resume picks them up.
        const QString question = tr("An export is still running. Cancel it and quit? "
                                    "The frames written so far stay in the output folder.");
        const bool quit = m_options.askToCancelExport
                              ? m_options.askToCancelExport(question)
                              : QMessageBox::question(this, tr("Export Running"), question,
                                                      QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
        if (!quit) {
            event->ignore();
            return;
        }
    }
    // The autosave stays until the work is saved or discarded on purpose.
    if (!confirmUnsavedChanges(tr("quitting"))) {
        event->ignore();
        return;   // the export, if any, goes on
    }
    m_animation->cancelExport();
    QSettings settings;
    settings.setValue(settingsKey("window/geometry"), saveGeometry());
    settings.setValue(settingsKey("window/state"), saveState());
    if (m_recovery)
        m_recovery->finishCleanly();   // a clean exit: nothing to recover next time
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.front().isLocalFile())
        return;
    event->acceptProposedAction();
    openFile(urls.front().toLocalFile());
}

// ---------------------------------------------------------------------------------------------------
// animation: the controller owns the keyframe path's UI, playback and export

void MainWindow::buildAnimation()
{
    AnimationController::Context context;
    context.document = m_document;
    context.service = m_service;
    context.canvas = m_canvas;
    context.window = this;
    context.dragInProgress = [this] { return dragInProgress(); };
    context.sessionPath = [this] { return m_sessionPath; };
    m_animation = new AnimationController(std::move(context), this);
    connect(m_animation, &AnimationController::notice, this, &MainWindow::notify);
    connect(m_animation, &AnimationController::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, kNoticeTimeoutMs); });
    connect(m_animation, &AnimationController::exportSettingsEdited, this, [this] {
        if (m_recovery)
            m_recovery->markDirty();
    });
}

} // namespace lsui
