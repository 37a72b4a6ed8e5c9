// CrashRecovery: the marker and autosave that bring back unsaved work after a crash, on real files
// in a temporary folder: what a crash leaves is found, a clean quit leaves nothing, an autosave is
// written only when something changed, and a failed autosave keeps the previous one and is reported once.
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "support/file_size_limit.h"

#include "crash_recovery.h"
#include "lscore/session.h"

using lsui::CrashRecovery;

namespace {

lscore::Session sessionWithSeed(std::uint32_t seed)
{
    lscore::Session session;
    session.state.seedA = seed;
    return session;
}

std::uint32_t seedIn(const QString& path)
{
    auto session = lscore::readSessionFile(path.toStdString());
    return session ? session->state.seedA : 0;
}

} // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT
private slots:
    void aCrashLeavesTheWorkToRecover()
    {
        QTemporaryDir dir;
        std::uint32_t seed = 7;
        {
            CrashRecovery running(dir.path(), [&] { return sessionWithSeed(seed); });
            QVERIFY(!running.previousRunCrashed());
            running.start();
            QVERIFY(QFileInfo::exists(running.markerPath()));
            QVERIFY(running.writeNow());
            QVERIFY(!QFileInfo::exists(running.autosavePath()));   // nothing changed yet: nothing written
            running.markDirty();
            QVERIFY(running.writeNow());
            QCOMPARE(seedIn(running.autosavePath()), 7u);
            QVERIFY(!running.isDirty());
            // The process "crashes" here: no finishCleanly().
        }
        CrashRecovery next(dir.path(), [&] { return sessionWithSeed(seed); });
        QVERIFY(next.previousRunCrashed());
        QCOMPARE(seedIn(next.autosavePath()), 7u);

        next.start();
        seed = 9;
        next.markDirty();
        QVERIFY(next.writeNow());
        next.finishCleanly();
        QVERIFY(!QFileInfo::exists(next.markerPath()));
        QVERIFY(!QFileInfo::exists(next.autosavePath()));
        QVERIFY(!CrashRecovery(dir.path(), [&] { return sessionWithSeed(seed); }).previousRunCrashed());
    }

    // The safety net's own file is told apart from the user's files (it is never a recent file, a
    // title or a Save target), however its path is spelled.
    void theDefaultAutosaveIsRecognised()
    {
        QStandardPaths::setTestModeEnabled(true);
        const QString autosave = CrashRecovery::autosavePathIn(CrashRecovery::defaultFolder());
        QVERIFY(CrashRecovery::isDefaultAutosave(autosave));
        QVERIFY(CrashRecovery::isDefaultAutosave(CrashRecovery::defaultFolder() + QStringLiteral("/./autosave.lstudio")));
        QVERIFY(!CrashRecovery::isDefaultAutosave(CrashRecovery::defaultFolder() + QStringLiteral("/look.lstudio")));
        QTemporaryDir other;
        QVERIFY(!CrashRecovery::isDefaultAutosave(CrashRecovery::autosavePathIn(other.path())));
    }

    // A full disk (staged with a file size limit smaller than a session file).
    void aFailedAutosaveKeepsThePreviousOneAndIsReportedOnce()
    {
        QTemporaryDir dir;
        std::uint32_t seed = 3;
        CrashRecovery recovery(dir.path(), [&] { return sessionWithSeed(seed); });
        QSignalSpy failed(&recovery, &CrashRecovery::autosaveFailed);
        recovery.start();
        recovery.markDirty();
        QVERIFY(recovery.writeNow());
        const auto tryWithFullDisk = [&](std::uint32_t newSeed) {
            seed = newSeed;
            recovery.markDirty();
            const FileSizeLimit fullDisk(16);
            return recovery.writeNow();
        };
        const lscore::Status first = tryWithFullDisk(4);
        QVERIFY(!first);
        QVERIFY2(QString::fromStdString(first.error()).contains(QStringLiteral("unchanged")), first.error().c_str());
        QVERIFY(!tryWithFullDisk(4));
        QCOMPARE(failed.count(), 1);
        QVERIFY(recovery.isDirty());
        QCOMPARE(seedIn(recovery.autosavePath()), 3u);   // the previous autosave is intact
        QVERIFY(recovery.writeNow());                     // space again
        QCOMPARE(seedIn(recovery.autosavePath()), 4u);
        QVERIFY(!tryWithFullDisk(5));
        QCOMPARE(failed.count(), 2);                      // re-armed by the success in between
    }
};

QTEST_MAIN(TestCrashRecovery)
#include "test_crash_recovery.moc"
