// RenderService: the latest-wins worker behind live rendering. Real engine, fixture model.
#include <memory>
#include <tuple>
#include <vector>

#include <QElapsedTimer>
#include <QHash>
#include <QSignalSpy>
#include <QtTest/QtTest>

#include "lscore/engine.h"
#include "qt_bridge.h"
#include "render_service.h"

using lsui::RenderService;

namespace {

const QString kModel = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-uncond-32.safetensors");

lscore::EditState stateAt(double latentT, std::uint32_t seedA = 3)
{
    lscore::EditState state;
    state.seedA = seedA;
    state.seedB = 11;
    state.latentT = latentT;
    return state;
}

} // namespace

class TestRenderService : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<lscore::Engine> m_direct;

    QImage directRender(const lscore::EditState& state)
    {
        auto images = m_direct->render(std::vector<lscore::EditState>{state});
        if (!images)
            qFatal("direct render failed: %s", images.error().c_str());
        return lsui::toQImage(images->front());
    }

    static bool openModel(RenderService& service, const QString& path = kModel)
    {
        QSignalSpy opened(&service, &RenderService::modelOpened);
        service.openModel(path);
        return opened.wait(60000);
    }

private slots:
    void initTestCase()
    {
        auto engine = lscore::Engine::open(kModel.toStdString());
        QVERIFY2(engine.ok(), engine.ok() ? "" : engine.error().c_str());
        m_direct = std::move(engine.value());
    }

    // A burst of requests (a drag) renders far fewer frames than requests, results arrive in id order,
    // and the last frame is exactly the direct render of the last state.
    void burstIsCoalescedAndFinalFrameMatches_data()
    {
        QTest::addColumn<bool>("preview");
        QTest::newRow("drag (preview urgency)") << true;
        QTest::newRow("discrete edits (final urgency)") << false;
    }
    void burstIsCoalescedAndFinalFrameMatches()
    {
        QFETCH(bool, preview);
        RenderService service;
        QVERIFY(openModel(service));
        // A few ms per render whatever the machine's speed, so that requests 1 ms apart must coalesce.
        service.setExtraRenderDelayForTesting(5);
        std::vector<quint64> delivered;
        QImage last;
        connect(&service, &RenderService::frameReady, this, [&](quint64 id, const QList<QImage>& images, double) {
            delivered.push_back(id);
            last = images.value(0);
        });
        constexpr int kRequests = 120;
        for (int i = 0; i < kRequests; ++i) {
            service.requestRender({stateAt(i / double(kRequests - 1))},
                                  preview ? RenderService::Urgency::Preview : RenderService::Urgency::Final);
            QTest::qWait(1);
        }
        const quint64 finalId = service.lastRequestId();
        QTRY_COMPARE_WITH_TIMEOUT(service.lastDeliveredId(), finalId, 60000);
        QVERIFY(std::is_sorted(delivered.begin(), delivered.end()));
        QCOMPARE(delivered.back(), finalId);
        // Final urgency may start a render per request (each cancelled by the next); what the user sees
        // is coalesced either way, and a drag does not even start the superseded renders.
        QVERIFY2(delivered.size() < static_cast<std::size_t>(kRequests) / 2,
                 qPrintable(QStringLiteral("%1 frames for %2 requests").arg(delivered.size()).arg(kRequests)));
        if (preview)
            QVERIFY2(service.engineRenderCount() < kRequests / 2,
                     qPrintable(QStringLiteral("%1 renders for %2 requests").arg(service.engineRenderCount()).arg(kRequests)));
        QCOMPARE(last, directRender(stateAt(1.0)));
    }

    void identicalRequestIsNotRenderedAgain()
    {
        RenderService service;
        QVERIFY(openModel(service));
        const quint64 first = service.requestRender({stateAt(0.25)});
        QTRY_COMPARE_WITH_TIMEOUT(service.lastDeliveredId(), first, 30000);
        const int renders = service.engineRenderCount();
        const quint64 again = service.requestRender({stateAt(0.25)});
        QCOMPARE(again, first);
        QTest::qWait(100);
        QCOMPARE(service.engineRenderCount(), renders);
    }

    // On a model slower than the frame budget a drag shows reduced previews (the image of a lower
    // block, scaled to the model's size), never reused for the same state later; the end of the drag
    // renders the full frame, equal to a direct render.
    void slowModelDragShowsReducedPreviewsThenTheFullFrame()
    {
        const QString path = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-cond-64.safetensors");
        auto direct = lscore::Engine::open(path.toStdString());
        QVERIFY(direct.ok());
        RenderService service;
        QVERIFY(openModel(service, path));
        QVERIFY(service.model()->supportsPreview);
        QCOMPARE(service.previewDivisorForDrag(), 1);   // no full frame timed yet
        service.setLastFullFrameMsForTesting(350.0);
        QCOMPARE(service.previewDivisorForDrag(), 2);
        service.setLastFullFrameMsForTesting(1500.0);
        QCOMPARE(service.previewDivisorForDrag(), 4);

        QList<int> divisors;
        QList<QImage> frames;
        connect(&service, &RenderService::frameReady, this, [&](quint64, const QList<QImage>& images, double) {
            divisors.append(service.lastDeliveredPreviewDivisor());
            frames.append(images.front());
        });
        lscore::EditState state = stateAt(0.4);
        state.seedB = 5;
        const quint64 preview = service.requestRender({state}, RenderService::Urgency::Preview);
        QTRY_COMPARE_WITH_TIMEOUT(service.lastDeliveredId(), preview, 30000);
        QCOMPARE(divisors.back(), 4);
        QCOMPARE(frames.back().size(), QSize(64, 64));
        const auto full = (*direct)->render(std::vector<lscore::EditState>{state});
        QVERIFY(full.ok());
        QVERIFY(frames.back() != lsui::toQImage(full->front()));

        // The drag ends: hurry() (called more than once on a release) renders the full frame once,
        // under the preview's id, so whoever waits for that id (a path scrub) knows the frame.
        const int rendersBefore = service.engineRenderCount();
        service.hurry();
        service.hurry();
        QTRY_COMPARE_WITH_TIMEOUT(divisors.back(), 1, 30000);
        QCOMPARE(service.lastDeliveredId(), preview);
        QCOMPARE(frames.back(), lsui::toQImage(full->front()));
        QTest::qWait(100);
        QCOMPARE(service.engineRenderCount(), rendersBefore + 1);
        QCOMPARE(divisors.size(), 2);

        // A Final request for a state last shown as a preview renders it at full size too.
        service.setLastFullFrameMsForTesting(1500.0);
        lscore::EditState other = state;
        other.seedA = 8;
        const quint64 second = service.requestRender({other}, RenderService::Urgency::Preview);
        QTRY_COMPARE_WITH_TIMEOUT(service.lastDeliveredId(), second, 30000);
        QCOMPARE(divisors.back(), 4);
        QCOMPARE(service.requestRender({other}, RenderService::Urgency::Final), second);
        QTRY_COMPARE_WITH_TIMEOUT(divisors.back(), 1, 30000);
        QCOMPARE(service.lastDeliveredId(), second);
    }

    // The engine's side: a preview divisor gives the image of a lower block at that size, only for
    // skip models of 64 px and up; others render full size, and a bad divisor is refused.
    void enginePreviewSizes()
    {
        auto engine = lscore::Engine::open(LSTUDIO_TEST_DATA "/stylegan2-cond-64.safetensors");
        QVERIFY(engine.ok());
        QVERIFY((*engine)->supportsPreview());
        const std::vector<lscore::EditState> states{stateAt(0.3)};
        for (auto [asked, size, used] : {std::tuple{1, 64, 1}, {2, 32, 2}, {4, 16, 4}, {8, 16, 4}}) {
            lscore::RenderStats stats;
            lscore::RenderOptions options;
            options.previewDivisor = asked;
            auto images = (*engine)->render(states, &stats, options);
            QVERIFY(images.ok());
            QCOMPARE(images->front().width, size);
            QCOMPARE(stats.previewDivisor, used);
        }
        lscore::RenderOptions bad;
        bad.previewDivisor = 3;
        QVERIFY(!(*engine)->render(states, nullptr, bad).ok());
        QVERIFY(!m_direct->supportsPreview());   // 32 px
        lscore::RenderStats stats;
        lscore::RenderOptions half;
        half.previewDivisor = 2;
        auto images = m_direct->render(states, &stats, half);
        QVERIFY(images.ok());
        QCOMPARE(images->front().width, 32);
        QCOMPARE(stats.previewDivisor, 1);
    }

    // A model that needs 600 ms per frame: the GUI thread keeps ticking, and after a drag the frame on
    // screen is the final state's, not a stale one.
    void slowModelDoesNotBlockTheEventLoop()
    {
        RenderService service;
        QVERIFY(openModel(service));
        service.setExtraRenderDelayForTesting(600);
        QImage last;
        connect(&service, &RenderService::frameReady, this,
                [&](quint64, const QList<QImage>& images, double) { last = images.value(0); });

        QElapsedTimer clock;
        clock.start();
        qint64 previousTick = 0, worstStall = 0;
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(1);
        connect(&probe, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            worstStall = std::max(worstStall, now - previousTick - 1);
            previousTick = now;
        });
        previousTick = clock.elapsed();
        probe.start();
        for (int i = 0; i <= 60; ++i) {   // one second of dragging at 60 Hz
            service.requestRender({stateAt(i / 60.0, 5)}, RenderService::Urgency::Preview);
            QTest::qWait(16);
        }
        service.hurry();                  // the mouse is released
        const quint64 finalId = service.lastRequestId();
        QTRY_COMPARE_WITH_TIMEOUT(service.lastDeliveredId(), finalId, 30000);
        probe.stop();
        qInfo("worst event-loop stall with a 600 ms/frame model: %lld ms", static_cast<long long>(worstStall));
        QVERIFY2(worstStall < 150, qPrintable(QStringLiteral("event loop stalled %1 ms").arg(worstStall)));
        QVERIFY(service.engineRenderCount() <= 6);
        QCOMPARE(last, directRender(stateAt(1.0, 5)));
    }

    // The background lane: a live request never waits for a thumbnail. The one in flight when the
    // live request comes yields (the live frame arrives first) and is rendered after it; every
    // thumbnail still arrives, equal to its state's canvas frame; a newer job replaces the old one.
    void thumbnailsYieldToTheLiveFrame()
    {
        RenderService service;
        QVERIFY(openModel(service));
        service.setExtraRenderDelayForTesting(300);   // each thumbnail is long in flight
        std::vector<lscore::EditState> states;
        for (std::uint32_t seed = 20; seed < 24; ++seed)
            states.push_back(stateAt(0.0, seed));
        QStringList events;
        QHash<int, QImage> thumbnails;
        quint64 liveId = 0;
        const quint64 job = service.requestThumbnails(states);
        connect(&service, &RenderService::thumbnailReady, this, [&](quint64 from, int index, const QImage& image) {
            if (from != job)
                return;   // the second part's jobs
            events << QStringLiteral("thumbnail %1").arg(index);
            thumbnails.insert(index, image);
            if (index == 0)   // thumbnail 1 is now in flight
                liveId = service.requestRender({stateAt(0.5, 3)}, RenderService::Urgency::Preview);
        });
        connect(&service, &RenderService::thumbnailFailed, this, [&](quint64, int index, const QString& message) {
            events << QStringLiteral("failed %1: %2").arg(index).arg(message);
        });
        connect(&service, &RenderService::frameReady, this, [&](quint64 id, const QList<QImage>&, double) {
            events << (id == liveId ? QStringLiteral("live") : QStringLiteral("frame %1").arg(id));
        });
        QTRY_COMPARE_WITH_TIMEOUT(thumbnails.size(), 4, 60000);
        QCOMPARE(events, QStringList({QStringLiteral("thumbnail 0"), QStringLiteral("live"), QStringLiteral("thumbnail 1"),
                                      QStringLiteral("thumbnail 2"), QStringLiteral("thumbnail 3")}));
        for (int i = 0; i < 4; ++i)
            QCOMPARE(thumbnails.value(i), directRender(states[static_cast<std::size_t>(i)]));

        // A newer job replaces what is left of the older one: only the newer job's stills arrive.
        service.setExtraRenderDelayForTesting(100);
        events.clear();
        thumbnails.clear();
        QSignalSpy ready(&service, &RenderService::thumbnailReady);
        const quint64 older = service.requestThumbnails(states);
        const quint64 newer = service.requestThumbnails({stateAt(0.0, 40)});
        QVERIFY(newer != older);
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 30000);
        QTest::qWait(400);
        QCOMPARE(ready.size(), 1);
        QCOMPARE(ready.at(0).at(0).value<quint64>(), newer);
        QCOMPARE(ready.at(0).at(2).value<QImage>(), directRender(stateAt(0.0, 40)));
    }

    void errorsAreReportedNotThrown()
    {
        RenderService service;
        QSignalSpy failed(&service, &RenderService::failed);
        service.requestRender({stateAt(0.0)});
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.front().at(1).toString().contains(QStringLiteral("No model")));

        QSignalSpy modelFailed(&service, &RenderService::modelFailed);
        service.openModel(QStringLiteral("/nonexistent/model.safetensors"));
        QVERIFY(modelFailed.wait(10000));
        QVERIFY(!modelFailed.front().at(1).toString().isEmpty());
        QVERIFY(!service.hasModel());

        // A file that is not a model: refused, and the service still works afterwards.
        service.openModel(QStringLiteral(LSTUDIO_TEST_DATA "/numpy-seeds.safetensors"));
        QVERIFY(modelFailed.wait(10000));
        QVERIFY(openModel(service));
        const quint64 id = service.requestRender({stateAt(0.5)});
        QTRY_COMPARE_WITH_TIMEOUT(service.lastDeliveredId(), id, 30000);
    }

    // Cancel Opening stops a slow open at once, reports it, and keeps the model that was open; a newer
    // open supersedes one in progress without a cancel report; destroying the service (quitting)
    // during a slow open returns at once instead of waiting for it.
    void slowOpenCanBeCancelledOrSuperseded()
    {
        RenderService service;
        QVERIFY(openModel(service));
        const QString firstHash = service.model()->hash;
        service.setExtraOpenDelayForTesting(20000);
        QSignalSpy opened(&service, &RenderService::modelOpened);
        QSignalSpy failed(&service, &RenderService::modelFailed);
        QSignalSpy cancelled(&service, &RenderService::modelOpenCancelled);
        const QString other = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-cond-64.safetensors");
        service.openModel(other);
        QVERIFY(service.isOpening());
        QTest::qWait(50);
        QElapsedTimer timer;
        timer.start();
        service.cancelOpen();
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(cancelled.front().at(0).toString(), other);
        QVERIFY(!service.isOpening());
        // The worker is free again at once: a render of the kept model arrives well before the delay.
        const quint64 id = service.requestRender({stateAt(0.2)});
        QTRY_COMPARE_WITH_TIMEOUT(service.lastDeliveredId(), id, 10000);
        QVERIFY(timer.elapsed() < 10000);
        QCOMPARE(service.model()->hash, firstHash);
        QCOMPARE(opened.count(), 0);
        QCOMPARE(failed.count(), 0);

        // Superseded: the second open runs as soon as the first stops, and only it is answered.
        service.openModel(other);
        QTest::qWait(50);
        service.setExtraOpenDelayForTesting(0);
        service.openModel(kModel);
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.front().at(0).value<lsui::ModelInfo>().path, kModel);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(failed.count(), 0);

        auto quitting = std::make_unique<RenderService>();
        quitting->setExtraOpenDelayForTesting(20000);
        quitting->openModel(kModel);
        QTest::qWait(50);
        timer.restart();
        quitting.reset();
        QVERIFY(timer.elapsed() < 2000);
    }

    void destroyingWhileRenderingIsSafe()
    {
        auto service = std::make_unique<RenderService>();
        QVERIFY(openModel(*service));
        service->setExtraRenderDelayForTesting(5000);
        service->requestRender({stateAt(0.1)});
        QTest::qWait(50);
        QElapsedTimer timer;
        timer.start();
        service.reset();   // must cancel the slow render instead of waiting 5 s for it
        QVERIFY(timer.elapsed() < 2000);
    }
};

QTEST_MAIN(TestRenderService)
#include "test_render_service.moc"
