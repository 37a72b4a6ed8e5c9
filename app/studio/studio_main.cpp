#include "studio_main.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

#include "main_window.h"
#include "theme.h"

namespace studio {

void setUpApplication(QApplication& app)
{
    QApplication::setOrganizationName(QStringLiteral("LatentStudio"));
    QApplication::setOrganizationDomain(QStringLiteral("latent-studio.invalid"));
    QApplication::setApplicationName(QStringLiteral("Latent Studio"));
    QApplication::setApplicationVersion(QStringLiteral(LSTUDIO_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.latentstudio.LatentStudio"));

    QSettings settings;
    lsui::applyTheme(lsui::themeFromKey(settings.value(QStringLiteral("theme"), QStringLiteral("dark")).toString()));

    // View → Language stores a code; empty follows the system locale.
    const QString code = settings.value(QStringLiteral("language")).toString();
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    auto* ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("latent-studio"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
    auto* qtBase = new QTranslator(&app);
    if (qtBase->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtBase);
}

} // namespace studio

int runStudio(int argc, char** argv)
{
    QApplication app(argc, argv);
    studio::setUpApplication(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("studio", "Latent Studio: live latent-space exploration."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("studio", "A model, session or PNG to open."),
                                 QStringLiteral("[file]"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("studio", "Save a screenshot of the window after the first frame, then quit."),
                                        QStringLiteral("png"));
    const QCommandLineOption noDefault(QStringLiteral("no-default-model"),
                                       QApplication::translate("studio", "Start without opening the default model."));
    const QCommandLineOption comparison(QStringLiteral("comparison"),
                                        QApplication::translate("studio", "Show the comparison panel at start."));
    parser.addOption(screenshot);
    parser.addOption(noDefault);
    parser.addOption(comparison);
    parser.process(app);

    lsui::MainWindowOptions options;
    options.openDefaultModel = !parser.isSet(noDefault);
    options.initialFile = parser.positionalArguments().value(0);
    const QString screenshotPath = parser.value(screenshot);
    if (!screenshotPath.isEmpty()) {
        options.autosave = false;          // a scripted run leaves no trace for crash recovery
        options.offerRecovery = false;
    }
    lsui::MainWindow window(options);
    if (parser.isSet(comparison))
        window.setComparisonVisible(true);
    window.show();

    if (!screenshotPath.isEmpty()) {
        auto grabAndQuit = [&window, screenshotPath] {
            const bool saved = window.grab().save(screenshotPath, "png");
            std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "screenshot written to" : "could not write",
                         qPrintable(screenshotPath));
            QApplication::exit(saved ? 0 : 1);
        };
        const bool wantPanes = parser.isSet(comparison);
        auto scheduled = std::make_shared<bool>(false);
        QObject::connect(&window, &lsui::MainWindow::frameShown, &window, [&window, grabAndQuit, wantPanes, scheduled] {
            if (*scheduled || (wantPanes && window.paneImages().value(0).isNull()))
                return;
            *scheduled = true;
            // Let the layout, the repaint and the keyframe thumbnails (rendered after the first frame) settle.
            QTimer::singleShot(1500, &window, grabAndQuit);
        });
        QTimer::singleShot(60000, &window, grabAndQuit);      // no model: grab the empty state anyway
        if (!options.openDefaultModel && options.initialFile.isEmpty())
            QTimer::singleShot(800, &window, grabAndQuit);
    }
    const int code = QApplication::exec();
    // Quitting always quits. By now the window has settled unsaved work and written its settings;
    // tearing down joins the render worker, which a cancel stops within one stage of a model open or
    // one layer of a render. Should a stage still run long (a huge model on a slow disk), the process
    // ends anyway instead of lingering without a window.
    std::thread([code] {
        std::this_thread::sleep_for(std::chrono::seconds(10));
        std::fputs("latent-studio: shutting down took over 10 s; exiting without waiting for the render worker\n", stderr);
        std::_Exit(code);
    }).detach();
    return code;
}
