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
    QHash<QString, int> sameName;
    for (const QString& path : paths)
        ++sameName[QFileInfo(path).fileName()];
    QVector<Entry> entries;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        QString label = info.fileName();
        if (sameName.value(label) > 1)
            label = tr("%1 — %2").arg(label, QDir::toNativeSeparators(info.absoluteDir().dirName().isEmpty() ? info.absolutePath()
                                                                                                                : info.absoluteDir().dirName()));
        entries.push_back({path, label});
    }
    return entries;
}

} // namespace lsui
