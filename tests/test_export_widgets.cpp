// The two export widgets on their own: the keyframe strip edits a path and previews it; the progress
// dialog runs a real export on its worker thread, reports progress and can be cancelled.
#include <filesystem>

#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSlider>
#include <QtTest/QtTest>

#include "export_dialog.h"
#include "export_task.h"
#include "keyframe_strip.h"

using lsui::ExportProgressDialog;
using lsui::ExportTask;
using lsui::KeyframeStrip;

Q_DECLARE_METATYPE(lscore::KeyframePath)
Q_DECLARE_METATYPE(lscore::EditState)
Q_DECLARE_METATYPE(lsmedia::ExportResult)

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

    // Keyframes reorder both ways — by the ◀ / ▶ buttons, a row move, or a drop that inserts the row
    // at its new place and removes it from the old — and the path follows with no gap or duplicate.
    // The frames box's suffix agrees with its count: "1 frame", "2 frames".
    void framesBoxSuffixFollowsTheCount()
    {
        KeyframeStrip strip;
        lscore::EditState state;
        strip.addKeyframe(state, QImage());
        state.seedA = 2;
        strip.addKeyframe(state, QImage());
        auto* frames = strip.findChild<QSpinBox*>();
        QVERIFY(frames);
        frames->setValue(1);
        QCOMPARE(frames->text(), QStringLiteral("1 frame"));
        frames->setValue(2);
        QCOMPARE(frames->text(), QStringLiteral("2 frames"));
    }

    void stripReordersBothWays()
    {
        KeyframeStrip strip;
        for (std::uint32_t seed = 1; seed <= 4; ++seed) {
            lscore::EditState state;
            state.seedA = seed;
            strip.addKeyframe(state, QImage());
        }
        auto seeds = [&] {
            std::vector<std::uint32_t> out;
            for (const auto& keyframe : strip.path().keyframes) out.push_back(keyframe.state.seedA);
            return out;
        };
        auto* list = strip.findChild<QListWidget*>();
        QVERIFY(list);
        QSignalSpy changed(&strip, &KeyframeStrip::pathChanged);

        strip.moveKeyframe(0, 2);                                              // forwards
        QCOMPARE(seeds(), (std::vector<std::uint32_t>{2, 3, 1, 4}));
        QCOMPARE(strip.selectedKeyframe(), 2);
        strip.moveKeyframe(3, 0);                                              // backwards
        QCOMPARE(seeds(), (std::vector<std::uint32_t>{4, 2, 3, 1}));

        list->setCurrentRow(1);
        QPushButton* earlier = nullptr;
        for (QPushButton* button : strip.findChildren<QPushButton*>())
            if (button->toolTip().contains(QStringLiteral("earlier"))) earlier = button;
        QVERIFY(earlier && earlier->isEnabled());
        QTest::mouseClick(earlier, Qt::LeftButton);
        QCOMPARE(seeds(), (std::vector<std::uint32_t>{2, 4, 3, 1}));

        QVERIFY(list->model()->moveRow(QModelIndex(), 3, QModelIndex(), 0));   // a drag as a row move
        QTRY_COMPARE(seeds(), (std::vector<std::uint32_t>{1, 2, 4, 3}));

        // A drag as insert-at-the-drop then remove-where-it-was (how a QListWidget drop may land).
        QMimeData* mime = list->model()->mimeData({list->model()->index(0, 0)});
        QVERIFY(list->model()->dropMimeData(mime, Qt::MoveAction, 4, 0, QModelIndex()));
        delete mime;
        QVERIFY(list->model()->removeRow(0));
        QTRY_COMPARE(seeds(), (std::vector<std::uint32_t>{2, 4, 3, 1}));
        QCOMPARE(list->count(), 4);
        QVERIFY(changed.count() >= 5);
        QCOMPARE(strip.path().keyframes.size(), std::size_t{4});
    }

    // The export runs as a task; the progress dialog only observes it and shows the task's result.
    void progressDialogExportsAndReports()
    {
        lsmedia::ExportParams params;
        params.modelPath = kFixture;
        lscore::EditState base;
        params.path = lscore::KeyframePath::seedWalk(base, {1, 2}, 5);
        params.outputPath = m_dir.filePath(QStringLiteral("frames")).toStdString();
        ExportTask task(params);
        auto* dialog = new ExportProgressDialog(&task);
        dialog->show();
        QSignalSpy finished(&task, &ExportTask::finished);
        task.start();
        QVERIFY(task.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        const auto result = finished.first().at(0).value<lsmedia::ExportResult>();
        QVERIFY2(result.ok(), result.message.c_str());
        QVERIFY(!task.isRunning());
        QVERIFY(std::filesystem::exists(params.outputPath + "/frame_000005.png"));
        QCOMPARE(task.framesDone(), 6);
        const QString summary = ExportTask::describe(result);
        QVERIFY2(summary.startsWith(QStringLiteral("Exported 6 frames")), qPrintable(summary));
        bool shown = false;
        for (QLabel* label : dialog->findChildren<QLabel*>())
            shown = shown || label->text() == summary;
        QVERIFY(shown);
        dialog->close();
    }

    // Closing the progress dialog leaves the export running; its Cancel Export button stops it,
    // and a cancelled export leaves no partial folder behind.
    void progressDialogCancels()
    {
        lsmedia::ExportParams params;
        params.modelPath = kFixture;
        lscore::EditState base;
        params.path = lscore::KeyframePath::seedWalk(base, {1, 2}, 2000);
        params.batchSize = 1;
        params.outputPath = m_dir.filePath(QStringLiteral("cancelled")).toStdString();
        ExportTask task(params);
        QSignalSpy finished(&task, &ExportTask::finished);
        task.start();
        {
            QPointer<ExportProgressDialog> first = new ExportProgressDialog(&task);
            first->show();
            first->close();   // deletes itself; the export goes on
            QTRY_VERIFY(first.isNull());
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(params.outputPath + "/frame_000000.png"), 60000);
        QVERIFY(task.isRunning());
        QVERIFY(finished.isEmpty());
        auto* dialog = new ExportProgressDialog(&task);   // Export Sequence… shows the running export again
        dialog->show();
        QPushButton* cancel = nullptr;
        for (QPushButton* button : dialog->findChildren<QPushButton*>())
            if (button->text() == QStringLiteral("Cancel Export"))
                cancel = button;
        QVERIFY(cancel && cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(task.isCancelling());
        QVERIFY(!cancel->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(!finished.first().at(0).value<lsmedia::ExportResult>().ok());
        QVERIFY(!std::filesystem::exists(params.outputPath));
        dialog->close();
    }
};

QTEST_MAIN(TestExportWidgets)
#include "test_export_widgets.moc"
