#pragma once
// CrashRecovery: the safety net for work not yet saved. While the studio runs, a marker file says
// "running" and the session is autosaved (atomically, every minute while it has changed); a clean
// quit removes both. A marker found at start-up therefore means the last run did not end cleanly,
// and the autosave beside it holds the work to offer back.
//
//   auto* recovery = new lsui::CrashRecovery(lsui::CrashRecovery::defaultFolder(), [this] { return toSession(); }, this);
//   if (recovery->previousRunCrashed()) offerToOpen(recovery->autosavePath());
//   recovery->start();                  // marker written, autosave timer running
//   recovery->markDirty();              // after every edit
//   recovery->finishCleanly();          // on quit, once unsaved work is settled
//
// Contract:
//  * writeNow() writes only when something changed since the last successful write. A failed write
//    (a full disk, a read-only folder) leaves the previous autosave intact, returns the error, and
//    emits autosaveFailed once per run of failures (the next success re-arms it).
//  * previousRunCrashed() reads the state found before start(); start() overwrites the marker.
//  * Files live in `folder` (created when needed): autosave.lstudio and running.marker.

#include <functional>

#include <QObject>
#include <QString>

#include "lscore/result.h"
#include "lscore/session.h"

class QTimer;

namespace lsui {

class CrashRecovery : public QObject {
    Q_OBJECT
public:
    using SessionSource = std::function<lscore::Session()>;

    static constexpr int kAutosaveIntervalMs = 60 * 1000;

    CrashRecovery(QString folder, SessionSource source, QObject* parent = nullptr);

    static QString defaultFolder();   // the application's data folder (QStandardPaths::AppDataLocation)
    static QString autosavePathIn(const QString& folder);
    // Whether `path` is the autosave in defaultFolder(): the safety net's file, not one of the user's
    // (it is not offered as a recent file, nor named in the title, nor the target of Save).
    static bool isDefaultAutosave(const QString& path);
    QString autosavePath() const { return autosavePathIn(m_folder); }
    QString markerPath() const;

    bool previousRunCrashed() const { return m_previousRunCrashed; }
    void start();
    void markDirty() { m_dirty = true; }
    bool isDirty() const { return m_dirty; }
    lscore::Status writeNow();
    void finishCleanly();

signals:
    void autosaveFailed(const QString& message);

private:
    QString m_folder;
    SessionSource m_source;
    QTimer* m_timer = nullptr;
    bool m_previousRunCrashed = false;
    bool m_dirty = false;
    bool m_failureReported = false;
};

} // namespace lsui
