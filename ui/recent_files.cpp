#include "recent_files.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSettings>

namespace lsui {

namespace {
const QString kSettingsKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(std::function<bool(const QString&)> ignore, QObject* parent)
    : QObject(parent), m_ignore(std::move(ignore))
{
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_ignore && m_ignore(absolute))
        return;
    QStringList recent = paths();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxEntries)
        recent.removeLast();
    QSettings().setValue(kSettingsKey, recent);
    emit changed();
}

QStringList RecentFiles::paths() const { return QSettings().value(kSettingsKey).toStringList(); }

QVector<RecentFiles::Entry> RecentFiles::entries() const { return label(paths()); }

QVector<RecentFiles::Entry> RecentFiles::label(const QStringList& paths)
{
    // The file name; where names clash, with its folder's name; where those clash too, its folder.
    auto count = [&paths](const std::function<QString(const QFileInfo&)>& key) {
        QHash<QString, int> counts;
        for (const QString& path : paths)
            ++counts[key(QFileInfo(path))];
        return counts;
    };
    const auto byName = count([](const QFileInfo& info) { return info.fileName(); });
    const auto byFolderName = count([](const QFileInfo& info) { return info.fileName() + QLatin1Char('/') + info.absoluteDir().dirName(); });
    QVector<Entry> entries;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        QString label = info.fileName();
        if (byName.value(label) > 1) {
            const bool folderNameClashes = byFolderName.value(label + QLatin1Char('/') + info.absoluteDir().dirName()) > 1;
            label = tr("%1 — %2").arg(label, QDir::toNativeSeparators(folderNameClashes ? info.absolutePath() : info.absoluteDir().dirName()));
        }
        entries.push_back({path, label});
    }
    return entries;
}

} // namespace lsui
