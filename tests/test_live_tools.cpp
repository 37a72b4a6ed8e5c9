// The studio's Directions panel, layer view and OSC live control, driven as a user (or a performer's
// OSC patch) would, in a real MainWindow on the offscreen platform against a fixture model.
#include <QtTest/QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <lo/lo.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QSlider>
#include <QStandardPaths>

#include "canvas_view.h"
#include "directions_panel.h"
#include "layer_view_panel.h"
#include "main_window.h"
#include "osc_control.h"
#include "render_service.h"
#include "studio_document.h"
#include "support/window_settle.h"
#include "value_slider.h"

namespace {

const QString kUncond = QStringLiteral(LSTUDIO_TEST_DATA "/stylegan2-uncond-32.safetensors");

lsui::MainWindowOptions optionsFor(const QString& model)
{
    lsui::MainWindowOptions options;
    options.openDefaultModel = false;
    options.offerRecovery = false;
    options.autosave = false;
    options.initialFile = model;
    options.askAboutUnsavedChanges = [](const QString&) { return lsui::UnsavedChoice::Discard; };
    return options;
}

// A raw UDP datagram to the studio's port: what a broken sender might put on the wire.
void sendRaw(int port, const QByteArray& bytes)
{
    const int sock = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::sendto(sock, bytes.constData(), static_cast<size_t>(bytes.size()), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    ::close(sock);
}

} // namespace

class TestLiveTools : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LatentStudioTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_live_tools"));
        QSettings().clear();
    }

    void findDragAndShowDirections()
    {
        lsui::MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        lsui::DirectionsPanel* panel = window.directionsPanel();
        auto* document = window.document();

        // SeFa, 8 directions, all layers: one click.
        panel->find();
        QTRY_COMPARE_WITH_TIMEOUT(int(document->state().edit.directions.size()), 8, 20000);
        QCOMPARE(document->state().edit.directions[0].source, std::string("sefa"));
        QVERIFY(settle(window));
        const QImage before = window.canvas()->frame();

        // Dragging the first amount slider is one undo step and changes the picture.
        const int steps = document->undoStack()->count();
        lsui::ValueSlider* amount = panel->amountSlider(0);
        QVERIFY(amount);
        amount->slider()->setSliderDown(true);
        for (int position : {10, 40, 80}) amount->slider()->setValue(amount->slider()->minimum() + position * (amount->slider()->maximum() - amount->slider()->minimum()) / 100);
        amount->slider()->setSliderDown(false);
        QVERIFY(document->state().edit.directions[0].amount > 2.0);
        QCOMPARE(document->undoStack()->count(), steps + 1);
        QVERIFY(settle(window));
        QVERIFY(window.canvas()->frame() != before);

        // A preset layer range: the middle layers only (a 32 px model has no fine ones: refused).
        QComboBox* preset = panel->layerPresetBox(0);
        QSignalSpy notices(panel, &lsui::DirectionsPanel::notice);
        emit preset->activated(3);
        QCOMPARE(notices.count(), 1);
        QCOMPARE(document->state().edit.directions[0].firstLayer, 0);
        preset->setCurrentIndex(2);
        emit preset->activated(2);
        QVERIFY(document->state().edit.directions[0].firstLayer > 0);
        QCOMPARE(document->state().edit.directions[0].endLayer, 8);

        // "Show me": seven thumbnails from one batch.
        QSignalSpy strip(panel, &lsui::DirectionsPanel::stripShown);
        panel->showStripFor(1);
        QVERIFY(strip.wait(20000));
        QCOMPARE(panel->stripImageCount(), 7);

        // GANSpace with a second search: cached, so the second is immediate.
        const int before2 = int(document->state().edit.directions.size());
        auto* method = panel->findChild<QComboBox*>(QStringLiteral("directionMethod"));
        method->setCurrentIndex(1);
        panel->find();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isFinding(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(int(document->state().edit.directions.size()) > before2, 5000);
        const int withGanSpace = int(document->state().edit.directions.size());
        panel->find();
        QVERIFY(!panel->isFinding());   // from the cache, at once
        QCOMPARE(int(document->state().edit.directions.size()), withGanSpace);   // replaces its untouched own

        // Vector arithmetic: seed A → seed B.
        const int count = int(document->state().edit.directions.size());
        panel->addFromSeeds(QStringLiteral("a to b"));
        QTRY_COMPARE_WITH_TIMEOUT(int(document->state().edit.directions.size()), count + 1, 10000);
        QCOMPARE(document->state().edit.directions.back().source, std::string("difference"));

        // Undo takes the directions back out.
        document->undoStack()->undo();
        QCOMPARE(int(document->state().edit.directions.size()), count);
    }

    void layerViewFollowsTheCanvas()
    {
        lsui::MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        lsui::LayerViewPanel* view = window.layerViewPanel();
        QVERIFY(view->layerBox()->count() >= 8);
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("layerViewDock"));
        QVERIFY(dock);
        dock->raise();   // it shares a tab with the Blend Pad: a view behind its tab asks for nothing
        QCoreApplication::processEvents();
        QVERIFY(!window.renderService()->layerView());   // off: nothing asked of the renderer
        QSignalSpy ready(window.renderService(), &lsui::RenderService::layerViewReady);
        view->showBox()->setChecked(true);
        QVERIFY(window.renderService()->layerView().has_value());
        QVERIFY(ready.wait(20000));
        QVERIFY(!view->shownImage().isNull());
        const QImage grid = view->shownImage();
        view->modeBox()->setCurrentIndex(2);   // mean |x|
        QVERIFY(ready.wait(20000));
        QVERIFY(view->shownImage().size() != grid.size());
        // A seed change updates the view with the frame.
        window.document()->editState(QStringLiteral("seed"), [](lscore::EditState& s) { s.seedA = 9; });
        QVERIFY(ready.wait(20000));
        view->showBox()->setChecked(false);
        QVERIFY(!window.renderService()->layerView());
    }

    void oscMessagesDriveTheState()
    {
        lsui::MainWindow window(optionsFor(kUncond));
        window.show();
        QVERIFY(settle(window));
        lsui::OscControl* osc = window.oscControl();
        QVERIFY(!osc->isEnabled());   // off by default
        // Any free port for the test (the studio's own setting is 9000): the server on port 0.
        QVERIFY(osc->server()->start(0));
        const int port = osc->server()->port();
        QVERIFY(port > 0);
        lo_address studio = lo_address_new("127.0.0.1", QByteArray::number(port).constData());

        lo_send(studio, "/seed/a", "i", 42);
        lo_send(studio, "/latent/t", "f", 0.25f);
        lo_send(studio, "/style_mix/3", "f", 1.0f);
        lo_send(studio, "/truncation/psi", "d", 0.5);
        QTRY_COMPARE_WITH_TIMEOUT(window.document()->state().edit.truncationPsi, 0.5, 5000);
        const lscore::EditState& s = window.document()->state().edit;
        QCOMPARE(s.seedA, 42u);
        QCOMPARE(s.latentT, 0.25);
        QCOMPARE(s.styleMix.at(3), 1.0);

        // A burst at a high rate: the newest value wins, in a few undo steps at most.
        const int steps = window.document()->undoStack()->count();
        for (int i = 0; i <= 200; ++i) lo_send(studio, "/prompt/t", "f", static_cast<float>(i) / 200.0f);
        QTRY_COMPARE_WITH_TIMEOUT(window.document()->state().edit.promptT, 1.0, 5000);
        QVERIFY(window.document()->undoStack()->count() <= steps + 1);
        QVERIFY(settle(window));

        // Refused, counted, harmless: garbage, an unknown address, a wrong type, a blob.
        const auto rejected = osc->server()->rejectedCount();
        sendRaw(port, QByteArray("not osc at all"));
        sendRaw(port, QByteArray("/seed/a\0,i\0\0\0", 12));   // truncated argument
        lo_send(studio, "/no/such/address", "f", 1.0f);
        lo_send(studio, "/seed/a", "s", "forty");
        lo_blob blob = lo_blob_new(4, "abcd");
        lo_send(studio, "/latent/t", "b", blob);
        lo_blob_free(blob);
        QTRY_VERIFY_WITH_TIMEOUT(osc->server()->rejectedCount() >= rejected + 5, 5000);
        QCOMPARE(window.document()->state().edit.seedA, 42u);

        // /state answers the asker with every address.
        lo_server client = lo_server_new(nullptr, nullptr);
        lo_address fromClient = lo_address_new("127.0.0.1", QByteArray::number(port).constData());
        lo_send_from(fromClient, client, LO_TT_IMMEDIATE, "/state", "");
        int seen = 0;
        bool seedSeen = false;
        lo_server_add_method(client, "/seed/a", "i", [](const char*, const char*, lo_arg** argv, int, lo_message, void* user) {
            *static_cast<bool*>(user) = argv[0]->i == 42;
            return 0;
        }, &seedSeen);
        lo_server_add_method(client, nullptr, nullptr, [](const char*, const char*, lo_arg**, int, lo_message, void* user) {
            ++*static_cast<int*>(user);
            return 0;
        }, &seen);
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 5000 && seen < 20) {
            QCoreApplication::processEvents();
            lo_server_recv_noblock(client, 10);
        }
        QVERIFY(seedSeen);
        QVERIFY(seen >= 20);
        lo_server_free(client);
        lo_address_free(fromClient);
        lo_address_free(studio);
        QVERIFY(osc->statusText().contains(QString::number(port)) || osc->statusText().isEmpty());
        osc->server()->stop();
    }
};

QTEST_MAIN(TestLiveTools)
#include "test_live_tools.moc"
