// StudioDocument (undo semantics), pane states and PNG metadata: pure units, no engine needed.
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "image_metadata.h"
#include "studio_document.h"

using lsui::EditKind;
using lsui::StudioDocument;

class TestStudioDocument : public QObject {
    Q_OBJECT

private slots:
    // A drag (many edits in one gesture) is one undo step; undo returns to before the drag.
    void dragIsOneUndoStep()
    {
        StudioDocument document;
        const quint64 gesture = document.beginGesture();
        for (int i = 1; i <= 50; ++i)
            document.editState(QStringLiteral("drag"), [&](lscore::EditState& s) { s.latentT = i / 50.0; },
                               EditKind::LatentT, gesture);
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(document.state().edit.latentT, 1.0);
        document.undoStack()->undo();
        QCOMPARE(document.state().edit.latentT, 0.0);
        document.undoStack()->redo();
        QCOMPARE(document.state().edit.latentT, 1.0);
    }

    void separateGesturesAndKindsAreSeparateSteps_data()
    {
        QTest::addColumn<bool>("sameGesture");
        QTest::addColumn<bool>("sameKind");
        QTest::addColumn<int>("steps");
        QTest::newRow("same gesture, same kind") << true << true << 1;
        QTest::newRow("same gesture, other kind") << true << false << 2;
        QTest::newRow("new gesture, same kind") << false << true << 2;
    }
    void separateGesturesAndKindsAreSeparateSteps()
    {
        QFETCH(bool, sameGesture);
        QFETCH(bool, sameKind);
        QFETCH(int, steps);
        StudioDocument document;
        const quint64 first = document.beginGesture();
        document.editState(QStringLiteral("a"), [](lscore::EditState& s) { s.latentT = 0.5; }, EditKind::LatentT, first);
        const quint64 second = sameGesture ? first : document.beginGesture();
        document.editState(QStringLiteral("b"), [](lscore::EditState& s) { s.promptT = 0.5; s.latentT = 0.7; },
                           sameKind ? EditKind::LatentT : EditKind::PromptT, second);
        QCOMPARE(document.undoStack()->count(), steps);
    }

    void dragBackToStartLeavesNoStep()
    {
        StudioDocument document;
        const quint64 gesture = document.beginGesture();
        document.editState(QStringLiteral("drag"), [](lscore::EditState& s) { s.truncationPsi = 0.5; },
                           EditKind::TruncationPsi, gesture);
        document.editState(QStringLiteral("drag"), [](lscore::EditState& s) { s.truncationPsi = 1.0; },
                           EditKind::TruncationPsi, gesture);
        QCOMPARE(document.undoStack()->count(), 0);
        QCOMPARE(document.state().edit.truncationPsi, 1.0);
    }

    void noChangeMeansNoStep()
    {
        StudioDocument document;
        QSignalSpy changed(&document, &StudioDocument::changed);
        QVERIFY(!document.editState(QStringLiteral("same"), [](lscore::EditState& s) { s.seedA = 0; }));
        QCOMPARE(document.undoStack()->count(), 0);
        QCOMPARE(changed.count(), 0);
    }

    void paneStateTakesOnlyPromptAndSeed()
    {
        lscore::EditState main;
        main.promptA = "a red star";
        main.promptB = "a blue moon";
        main.promptT = 0.4;
        main.seedA = 9;
        main.truncationPsi = 0.7;
        lscore::ModelDescription text;
        text.conditioning.type = lscore::ConditioningType::Text;
        const auto pane = lsui::paneState(main, {"a green circle", 42u}, &text);
        QCOMPARE(pane.promptA, std::string("a green circle"));
        QCOMPARE(pane.promptB, std::string("a green circle"));   // interpolation cannot pull it elsewhere
        QCOMPARE(pane.seedA, 42u);
        QCOMPARE(pane.truncationPsi, 0.7);
        QCOMPARE(lsui::paneState(main, {"", std::nullopt}, &text), main);  // empty pane = main state

        lscore::ModelDescription classes;
        classes.conditioning.type = lscore::ConditioningType::Class;
        classes.conditioning.classCount = 3;
        classes.conditioning.classNames = {"cat", "dog", "bird"};
        QCOMPARE(lsui::paneState(main, {"Dog", std::nullopt}, &classes).classA, 1);
        QCOMPARE(lsui::paneState(main, {"2", std::nullopt}, &classes).classB, 2);
        QCOMPARE(lsui::paneState(main, {"class 7", std::nullopt}, &classes).classA, main.classA);  // out of range
    }

    // The walk A → B preset: rows of seeds, each walking from A (t = 0) to B (t = 1) across its columns.
    void walkGridWalksEachRowFromAToB()
    {
        lscore::EditState main;
        main.seedA = 40;
        main.classA = 49;
        main.classB = 388;
        main.promptT = 0.3;
        const auto panes = lsui::walkGridPanes(main, 4);
        QCOMPARE(panes.size(), std::size_t{16});
        QCOMPARE(lsui::walkGridColumns(4), 4);
        QCOMPARE(lsui::walkGridColumns(1), 4);
        QCOMPARE(lsui::walkGridPanes(main, 8).size(), std::size_t{16});
        QCOMPARE(lsui::walkGridPanes(main, 5).size(), std::size_t{15});
        lscore::ModelDescription classes;
        classes.conditioning.type = lscore::ConditioningType::Class;
        classes.conditioning.classCount = 1000;
        for (std::size_t i = 0; i < panes.size(); ++i) {
            const auto state = lsui::paneState(main, panes[i], &classes);
            QCOMPARE(state.seedA, 40u + static_cast<std::uint32_t>(i / 4));
            QCOMPARE(state.promptT, static_cast<double>(i % 4) / 3.0);
            QCOMPARE(state.classA, 49);   // the pane walks between the main state's two classes
            QCOMPARE(state.classB, 388);
        }
    }

    void imageMetadataRoundTrip()
    {
        QTemporaryDir dir;
        lscore::EditState state;
        state.promptA = "a small red star";
        state.seedA = 4000000000u;
        state.latentT = 0.3;
        state.styleMix = {0, 0, 1, 1, 0.5};
        QImage image(16, 16, QImage::Format_RGB888);
        image.fill(QColor(10, 200, 30));
        const QString path = dir.filePath(QStringLiteral("tagged.png"));
        QVERIFY(lsui::saveImageWithState(image, path, state, QStringLiteral("abc123"), QStringLiteral("Test Model")).ok());
        auto restored = lsui::readImageState(path);
        QVERIFY2(restored.ok(), restored.ok() ? "" : restored.error().c_str());
        QCOMPARE(restored->state, state);
        QCOMPARE(restored->modelHash, QStringLiteral("abc123"));
        QCOMPARE(restored->modelName, QStringLiteral("Test Model"));
        QCOMPARE(QImage(path).convertToFormat(QImage::Format_RGB888), image);
    }

    void imagesWithoutUsableMetadataSayWhy_data()
    {
        QTest::addColumn<QString>("stateText");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no metadata") << QString() << QStringLiteral("no Latent Studio metadata");
        QTest::newRow("not JSON") << QStringLiteral("{broken") << QStringLiteral("not valid JSON");
        QTest::newRow("not a state") << QStringLiteral("[1,2,3]") << QStringLiteral("damaged");
    }
    void imagesWithoutUsableMetadataSayWhy()
    {
        QFETCH(QString, stateText);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QImage image(8, 8, QImage::Format_RGB888);
        image.fill(Qt::blue);
        if (!stateText.isEmpty())
            image.setText(QStringLiteral("latent-studio:state"), stateText);
        const QString path = dir.filePath(QStringLiteral("plain.png"));
        QVERIFY(image.save(path));
        auto restored = lsui::readImageState(path);
        QVERIFY(!restored.ok());
        QVERIFY2(QString::fromStdString(restored.error()).contains(expected), restored.error().c_str());
    }

    void unreadableImageSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fake.png"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a png");
        file.close();
        auto restored = lsui::readImageState(path);
        QVERIFY(!restored.ok());
        QVERIFY(QString::fromStdString(restored.error()).contains(QStringLiteral("Could not read")));
    }
};

QTEST_GUILESS_MAIN(TestStudioDocument)
#include "test_studio_document.moc"
