#include "crash_recovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

#include "qt_bridge.h"

namespace lsui {

CrashRecovery::CrashRecovery(QString folder, SessionSource source, QObject* parent)
    : QObject(parent), m_folder(std::move(folder)), m_source(std::move(source))
{
    m_previousRunCrashed = QFileInfo::exists(markerPath()) && QFileInfo::exists(autosavePath());
}

QString CrashRecovery::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString CrashRecovery::autosavePathIn(const QString& folder)
{
    return QDir(folder).filePath(QStringLiteral("autosave.lstudio"));
}

bool CrashRecovery::isDefaultAutosave(const QString& path)
{
    return QFileInfo(path).absoluteFilePath() == QFileInfo(autosavePathIn(defaultFolder())).absoluteFilePath();
}

QString CrashRecovery::markerPath() const
{
    return QDir(m_folder).filePath(QStringLiteral("running.marker"));
}

void CrashRecovery::start()
{
    QDir().mkpath(m_folder);
    QFile marker(markerPath());
    if (marker.open(QIODevice::WriteOnly | QIODevice::Truncate))
        marker.write(QByteArray::number(QCoreApplication::applicationPid()));
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(kAutosaveIntervalMs);
        connect(m_timer, &QTimer::timeout, this, [this] { (void)writeNow(); });
    }
    m_timer->start();
}

lscore::Status CrashRecovery::writeNow()
{
    if (!m_dirty)
        return lscore::Status::success();
    QDir().mkpath(m_folder);
    const lscore::Status written = lscore::writeSessionFile(toStd(autosavePath()), m_source());
    if (written) {
        m_dirty = false;
        m_failureReported = false;
        return written;
    }
    if (!m_failureReported) {
        m_failureReported = true;
        emit autosaveFailed(toQString(written.error()));
    }
    return written;
}

void CrashRecovery::finishCleanly()
{
    if (m_timer)
        m_timer->stop();
    QFile::remove(markerPath());
    QFile::remove(autosavePath());
}

} // namespace lsui
