// The two export widgets on their own: the keyframe strip edits a path and previews it; the progress
// dialog runs a real export on its worker thread, reports progress and can be cancelled.
#include <filesystem>

#include <QSignalSpy>
#include <QSlider>
#include <QtTest/QtTest>

#include "export_dialog.h"
#include "keyframe_strip.h"

Q_DECLARE_METATYPE(lscore::KeyframePath)
Q_DECLARE_METATYPE(lscore::EditState)

namespace {
const std::string kFixture = std::string(LSTUDIO_TEST_DATA) + "/stylegan2-uncond-32.safetensors";
}

class TestExportWidgets : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void stripBuildsAndPreviewsAPath()
    {
        KeyframeStrip strip;
        QSignalSpy changed(&strip, &KeyframeStrip::pathChanged);
        QSignalSpy preview(&strip, &KeyframeStrip::previewRequested);
        lscore::EditState a;
        a.seedA = 1;
        lscore::EditState b;
        b.seedA = 2;
        strip.addKeyframe(a, QImage());
        strip.addKeyframe(b, QImage());
        QCOMPARE(changed.count(), 2);
        QCOMPARE(strip.path().keyframes.size(), std::size_t{2});
        QCOMPARE(strip.path().keyframes[1].state.seedA, 2u);
        QCOMPARE(strip.path().frameCount(), 25);   // default 24 frames to the next keyframe
        QCOMPARE(strip.selectedKeyframe(), 1);
        auto* scrub = strip.findChild<QSlider*>();
        QVERIFY(scrub);
        QCOMPARE(scrub->maximum(), 24);
        preview.clear();
        scrub->setValue(12);
        QCOMPARE(preview.count(), 1);
        QVERIFY(preview.takeFirst().at(0).value<lscore::EditState>() == strip.path().stateAt(12));
    }

    void progressDialogExportsAndReports()
    {
        lsmedia::ExportParams params;
        params.modelPath = kFixture;
        lscore::EditState base;
        params.path = lscore::KeyframePath::seedWalk(base, {1, 2}, 5);
        params.outputPath = m_dir.filePath(QStringLiteral("frames")).toStdString();
        auto* dialog = new ExportProgressDialog(params);
        QSignalSpy finished(dialog, &ExportProgressDialog::finished);
        dialog->start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(std::filesystem::exists(params.outputPath + "/frame_000005.png"));
        dialog->close();
    }

    void progressDialogCancels()
    {
        lsmedia::ExportParams params;
        params.modelPath = kFixture;
        lscore::EditState base;
        params.path = lscore::KeyframePath::seedWalk(base, {1, 2}, 2000);
        params.batchSize = 1;
        params.outputPath = m_dir.filePath(QStringLiteral("cancelled")).toStdString();
        auto* dialog = new ExportProgressDialog(params);
        QSignalSpy finished(dialog, &ExportProgressDialog::finished);
        dialog->start();
        QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(params.outputPath + "/frame_000000.png"), 60000);
        dialog->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(!finished.first().at(0).toBool());
        QVERIFY(!std::filesystem::exists(params.outputPath));
        dialog->close();
    }
};

QTEST_MAIN(TestExportWidgets)
#include "test_export_widgets.moc"
