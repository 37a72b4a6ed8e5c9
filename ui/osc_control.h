#pragma once
// OscControl: the studio's live control over OSC — the OscServer (liblo) bound to the document.
// Off by default; View → Live Control (OSC) turns it on, on the port in the settings (9000 unless
// changed). Each batch of messages the server coalesces becomes ONE edit of the document (a stream
// of values within a second of each other merges into one undo step, "Live control"), and the
// render loop coalesces further. Refused messages are counted; "/state" is answered with every
// address's value (docs/osc.md).

#include <functional>

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include "osc_server.h"

namespace lsui {

class StudioDocument;

inline constexpr int kDefaultOscPort = 9000;

class OscControl : public QObject {
    Q_OBJECT
public:
    // numWs: the open model's w count (0 when none), for the per-layer addresses.
    OscControl(StudioDocument* document, std::function<int()> numWs, QObject* parent = nullptr);

    // Starts (on the port in the settings, or `port` when > 0 — remembered) or stops the server, and
    // remembers the choice for the next start. Returns the error text when it cannot listen.
    QString setEnabled(bool enabled, int port = 0);
    bool isEnabled() const { return m_server.isRunning(); }
    int port() const { return m_server.port(); }
    static int configuredPort();
    static bool configuredEnabled();
    OscServer* server() { return &m_server; }
    // "OSC :9000 · 120 received · 2 refused", or "" when off.
    QString statusText() const;

    // Applies a batch now (the server's wake-up calls this; tests may too).
    void applyPending();

signals:
    void statusChanged(const QString& text);

private:
    StudioDocument* m_document;
    std::function<int()> m_numWs;
    OscServer m_server;
    quint64 m_gesture = 0;
    QElapsedTimer m_sinceLastEdit;
};

} // namespace lsui
