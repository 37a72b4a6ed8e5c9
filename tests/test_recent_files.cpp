// RecentFiles: newest first, no duplicates, at most ten, the autosave never listed, and files of one
// name from different folders labelled apart.
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "recent_files.h"

using lsui::RecentFiles;

class TestRecentFiles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LatentStudioTests"));
        QCoreApplication::setApplicationName(QStringLiteral("test_recent_files"));
    }
    void init() { QSettings().clear(); }

    void newestFirstWithoutDuplicates()
    {
        QTemporaryDir dir;
        const auto file = [&dir](const char* name) { return dir.filePath(QLatin1String(name)); };
        RecentFiles recent([](const QString& path) { return path.endsWith(QStringLiteral("autosave.lstudio")); });
        QSignalSpy changed(&recent, &RecentFiles::changed);
        recent.add(file("one.safetensors"));
        recent.add(file("two.lstudio"));
        recent.add(file("one.safetensors"));
        recent.add(file("autosave.lstudio"));
        QCOMPARE(recent.paths(), QStringList({file("one.safetensors"), file("two.lstudio")}));
        QCOMPARE(changed.count(), 3);
        for (int i = 0; i < 15; ++i)
            recent.add(dir.filePath(QStringLiteral("%1.png").arg(i)));
        QCOMPARE(recent.paths().size(), RecentFiles::kMaxEntries);
        QCOMPARE(recent.paths().front(), dir.filePath(QStringLiteral("14.png")));
    }

    void sameNamesAreToldApartByTheirFolder()
    {
        const auto entries = RecentFiles::label({QStringLiteral("/models/ffhq/network.pkl"), QStringLiteral("/models/cats/network.pkl"),
                                                 QStringLiteral("/models/lafite.pkl")});
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries[0].label, QStringLiteral("network.pkl — ffhq"));
        QCOMPARE(entries[1].label, QStringLiteral("network.pkl — cats"));
        QCOMPARE(entries[2].label, QStringLiteral("lafite.pkl"));
        QCOMPARE(entries[1].path, QStringLiteral("/models/cats/network.pkl"));
        // Folders of one name too: the whole folder path tells them apart.
        const auto deeper = RecentFiles::label({QStringLiteral("/a/x/m.pkl"), QStringLiteral("/b/x/m.pkl")});
        QVERIFY(deeper[0].label != deeper[1].label);
        QVERIFY2(deeper[1].label.contains(QStringLiteral("/b/x")), qPrintable(deeper[1].label));
    }
};

QTEST_GUILESS_MAIN(TestRecentFiles)
#include "test_recent_files.moc"
