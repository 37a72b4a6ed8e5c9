// latent-studio bench-interactive: opens the real main window, drives a scripted drag of the latent
// interpolation slider through it, and prints how the studio kept up as JSON:
//   * input-to-frame latency: from a slider event to the first shown frame whose request id is at
//     least that event's (the frame that reflects the event or something newer), p50/p95/max;
//   * frames shown and requests skipped (superseded before they were rendered — the latest-wins slot);
//   * event-loop stall: the worst lateness of a 1 ms timer on the GUI thread during the drag;
//   * soak (--soak-renders N, --seconds S): N distinct renders through the window's render service,
//     then a drag that sweeps back and forth for S seconds, with the process's resident memory
//     sampled throughout: a leak shows as growth after the first renders warm the caches.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSlider>
#include <QTimer>

#include "cli.h"
#include "cli_common.h"
#include "lscore/default_model.h"
#include "main_window.h"
#include "studio_main.h"
#include "value_slider.h"

namespace {

// The process's resident memory in MiB (Linux /proc/self/statm), 0 where unknown.
double residentMiB()
{
    std::FILE* file = std::fopen("/proc/self/statm", "r");
    if (!file)
        return 0.0;
    long pages = 0, resident = 0;
    const int read = std::fscanf(file, "%ld %ld", &pages, &resident);
    std::fclose(file);
    return read == 2 ? static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0) : 0.0;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double rank = p / 100.0 * static_cast<double>(values.size() - 1);
    const auto low = static_cast<std::size_t>(std::floor(rank));
    const auto high = std::min(values.size() - 1, low + 1);
    return values[low] + (values[high] - values[low]) * (rank - static_cast<double>(low));
}

// Runs the event loop until `done` or the timeout; false on timeout.
template <typename Predicate>
bool waitFor(Predicate done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

} // namespace

int cli::benchInteractive(int argc, char** argv)
{
    int events = 300;
    double hz = 60.0;
    int extraDelayMs = 0;
    int soakRenders = 0;
    double seconds = 0.0;
    std::string modelPath;
    cli::CommandLine line("latent-studio bench-interactive",
        "Opens the studio window (needs a display; without one it runs on QT_QPA_PLATFORM=offscreen),\n"
        "drags the latent slider with N events at RATE Hz and prints JSON:\n"
        "latency_ms p50/p95/max (slider event -> first frame shown with a request id >= the event's),\n"
        "frames_shown, requests, requests_skipped, stall_max_ms (1 ms timer lateness on the GUI thread).\n"
        "Soak: --soak-renders N renders N distinct states (seeds, prompts, truncation) first; --seconds S\n"
        "drags back and forth for S seconds instead of N events. The JSON then has rss_mib: the resident\n"
        "memory after warm-up (the first 10 % of renders), after the renders, at the end and its maximum.\n");
    line.text("--model", modelPath, "FILE", "default: $LATENT_STUDIO_MODEL, else the installed default model");
    line.number("--events", events, "N", "slider events in the drag (default 300)", 2, 100000);
    line.number("--hz", hz, "RATE", "events per second (default 60)", 0.001, 1000.0);
    line.number("--extra-delay-ms", extraDelayMs, "MS", "a delay added to every render, to see how a slow model feels",
                0, 1000000);
    line.number("--soak-renders", soakRenders, "N", "distinct renders before the drag", 0, 1000000);
    line.number("--seconds", seconds, "S", "drag back and forth for S seconds instead of N events", 0.0, 86400.0);
    line.footer("Exit status: 0 success, 1 the model did not render or a render never arrived, 2 bad usage or no model.");
    if (auto status = line.parse(argc, argv)) return *status;
    QString model = QString::fromLocal8Bit(modelPath.c_str());
    if (seconds > 0.0)
        events = std::max(2, static_cast<int>(std::lround(seconds * hz)));
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    int qtArgc = 1;
    QApplication app(qtArgc, argv);
    studio::setUpApplication(app);
    if (model.isEmpty())
        model = QString::fromStdString(lscore::defaultModelPath());
    if (model.isEmpty()) {
        std::fprintf(stderr, "latent-studio bench-interactive: no model: pass --model FILE or set LATENT_STUDIO_MODEL\n");
        return 2;
    }

    lsui::MainWindowOptions options;
    options.openDefaultModel = false;
    options.offerRecovery = false;
    options.autosave = false;
    options.initialFile = model;
    options.askAboutUnsavedChanges = [](const QString&) { return lsui::UnsavedChoice::Discard; };   // a benchmark's drags are not work
    lsui::MainWindow window(options);
    window.renderService()->setExtraRenderDelayForTesting(extraDelayMs);
    window.show();

    QString failure;
    QObject::connect(window.renderService(), &lsui::RenderService::modelFailed, &window,
                     [&failure](const QString&, const QString& message) { failure = message; });
    if (!waitFor([&] { return window.shownFrameId() > 0 || !failure.isEmpty(); }, 180000) || !failure.isEmpty()) {
        std::fprintf(stderr, "latent-studio bench-interactive: the model did not render: %s\n",
                     failure.isEmpty() ? "timed out after 180 s" : qPrintable(failure));
        return 1;
    }

    // Soak renders: distinct states one after another, each waited for, as an artist clicking through
    // seeds and prompts would; memory is sampled once the caches are warm and after the last render.
    std::vector<double> rssSamples{residentMiB()};
    double rssWarm = rssSamples.front(), rssAfterRenders = rssSamples.front();
    const bool textModel = window.renderService()->model()
        && window.renderService()->model()->description.conditioning.type == lscore::ConditioningType::Text;
    const std::vector<std::string> prompts = {"a red star", "a big blue ring on a white background", "a small dotted green heart",
                                              "a striped yellow cross on a black checkered background"};
    for (int i = 0; i < soakRenders; ++i) {
        lscore::EditState state = window.document()->state().edit;
        state.seedA = static_cast<std::uint32_t>(1000 + i);
        state.seedB = static_cast<std::uint32_t>(5000 + i * 7);
        state.latentT = (i % 11) / 10.0;
        state.truncationPsi = 0.5 + (i % 5) * 0.125;
        if (textModel) {
            state.promptA = prompts[static_cast<std::size_t>(i) % prompts.size()];
            state.promptB = prompts[static_cast<std::size_t>(i + 1) % prompts.size()];
            state.promptT = (i % 3) / 2.0;
        }
        const quint64 id = window.renderService()->requestRender({state});
        if (!waitFor([&] { return window.renderService()->lastDeliveredId() >= id; }, 60000)) {
            std::fprintf(stderr, "latent-studio bench-interactive: soak render %d did not arrive within 60 s\n", i);
            return 1;
        }
        if ((i + 1) % 100 == 0)
            rssSamples.push_back(residentMiB());
        if (i + 1 == std::max(1, soakRenders / 10))
            rssWarm = residentMiB();
    }
    rssAfterRenders = residentMiB();

    QElapsedTimer clock;
    clock.start();
    struct Shown { double ms; quint64 id; };
    std::vector<Shown> shown;
    QObject::connect(&window, &lsui::MainWindow::frameShown, &window,
                     [&](quint64 id) { shown.push_back({static_cast<double>(clock.nsecsElapsed()) / 1e6, id}); });

    // The stall probe: a precise 1 ms timer; its lateness is how long the GUI thread was busy.
    double lastTick = 0.0, stallMax = 0.0;
    bool probing = false;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &window, [&] {
        const double now = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        if (probing)
            stallMax = std::max(stallMax, now - lastTick - 1.0);
        lastTick = now;
        probing = true;
    });
    probe.start();
    QTimer sampler;   // memory once a second during the drag
    sampler.setInterval(1000);
    QObject::connect(&sampler, &QTimer::timeout, &window, [&rssSamples] { rssSamples.push_back(residentMiB()); });
    sampler.start();

    QSlider* slider = window.latentSlider()->slider();
    struct Sent { double ms; quint64 id; };
    std::vector<Sent> sent;
    sent.reserve(static_cast<std::size_t>(events));
    int step = 0;
    QTimer driver;
    driver.setTimerType(Qt::PreciseTimer);
    driver.setInterval(std::max(1, static_cast<int>(std::lround(1000.0 / hz))));
    QObject::connect(&driver, &QTimer::timeout, &window, [&] {
        if (step == 0)
            slider->setSliderDown(true);    // as a mouse press: the whole drag is one undo step
        // One sweep for a plain run; a timed soak sweeps back and forth every 4 s.
        const double sweepSteps = seconds > 0.0 ? 2.0 * hz : static_cast<double>(events - 1);
        const double phase = std::fmod(step / sweepSteps, 2.0);
        const double along = phase <= 1.0 ? phase : 2.0 - phase;
        const int position = slider->minimum()
            + static_cast<int>(std::lround(static_cast<double>(slider->maximum() - slider->minimum()) * along));
        slider->setValue(position);
        sent.push_back({static_cast<double>(clock.nsecsElapsed()) / 1e6, window.renderService()->lastRequestId()});
        if (++step >= events) {
            slider->setSliderDown(false);
            driver.stop();
        }
    });
    const double dragStart = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    driver.start();
    const bool settled = waitFor([&] {
        return step >= events && window.shownFrameId() >= window.renderService()->lastRequestId();
    }, std::max(600000, static_cast<int>(std::min(seconds * 2000.0, 2.0e9))));   // a long soak waits as long as it drags
    probe.stop();
    sampler.stop();
    rssSamples.push_back(residentMiB());
    const double dragEnd = static_cast<double>(clock.nsecsElapsed()) / 1e6;

    std::vector<double> latencies;
    for (const Sent& event : sent) {
        for (const Shown& frame : shown) {
            if (frame.id >= event.id && frame.ms >= event.ms) {
                latencies.push_back(frame.ms - event.ms);
                break;
            }
        }
    }
    std::vector<quint64> requestIds;
    for (const Sent& event : sent)
        requestIds.push_back(event.id);
    std::sort(requestIds.begin(), requestIds.end());
    requestIds.erase(std::unique(requestIds.begin(), requestIds.end()), requestIds.end());
    const auto requests = static_cast<long>(requestIds.size());
    long shownOfThese = 0;
    for (const Shown& frame : shown)
        shownOfThese += std::binary_search(requestIds.begin(), requestIds.end(), frame.id) ? 1 : 0;

    const auto& info = window.renderService()->model();
    nlohmann::json report = {
        {"model", model.toStdString()},
        {"model_name", info ? info->description.name : std::string()},
        {"resolution", info ? info->description.resolution : 0},
        {"device", info ? info->device.toStdString() : std::string()},
        {"platform", QGuiApplication::platformName().toStdString()},
        {"events", events},
        {"hz", hz},
        {"extra_delay_ms", extraDelayMs},
        {"settled", settled},
        {"duration_ms", dragEnd - dragStart},
        {"latency_ms", {{"p50", percentile(latencies, 50)}, {"p95", percentile(latencies, 95)},
                        {"max", latencies.empty() ? 0.0 : *std::max_element(latencies.begin(), latencies.end())},
                        {"measured_events", latencies.size()}}},
        {"frames_shown", shown.size()},
        {"requests", requests},
        {"requests_skipped", requests - shownOfThese},
        {"engine_renders", window.renderService()->engineRenderCount()},
        {"stall_max_ms", stallMax},
        {"final_frame_id", window.shownFrameId()},
        {"final_request_id", window.renderService()->lastRequestId()},
        {"soak_renders", soakRenders},
        {"rss_mib", {{"start", rssSamples.front()}, {"after_warmup", rssWarm}, {"after_renders", rssAfterRenders},
                     {"end", rssSamples.back()}, {"max", *std::max_element(rssSamples.begin(), rssSamples.end())},
                     {"samples", rssSamples.size()}}},
    };
    std::printf("%s\n", report.dump(2).c_str());
    window.close();
    return settled ? 0 : 1;
}
