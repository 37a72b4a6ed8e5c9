#include "osc_control.h"

#include <QSettings>

#include "lscore/state_addresses.h"
#include "studio_document.h"

namespace lsui {
namespace {

constexpr qint64 kMergeWindowMs = 1000;   // values closer than this in time are one undo step

QString settingsKey(const char* name) { return QStringLiteral("osc/") + QLatin1String(name); }

} // namespace

OscControl::OscControl(StudioDocument* document, std::function<int()> numWs, QObject* parent)
    : QObject(parent), m_document(document), m_numWs(std::move(numWs))
{
    connect(&m_server, &OscServer::messagesArrived, this, &OscControl::applyPending);
}

int OscControl::configuredPort()
{
    const int port = QSettings().value(settingsKey("port"), kDefaultOscPort).toInt();
    return port > 0 && port <= 65535 ? port : kDefaultOscPort;
}

bool OscControl::configuredEnabled() { return QSettings().value(settingsKey("enabled"), false).toBool(); }

QString OscControl::setEnabled(bool enabled, int port)
{
    QSettings settings;
    if (port > 0) settings.setValue(settingsKey("port"), port);
    settings.setValue(settingsKey("enabled"), enabled);
    QString error;
    if (!enabled) {
        m_server.stop();
    } else if (lscore::Status started = m_server.start(port > 0 ? port : configuredPort()); !started) {
        error = QString::fromStdString(started.error());
        settings.setValue(settingsKey("enabled"), false);
    }
    emit statusChanged(statusText());
    return error;
}

QString OscControl::statusText() const
{
    if (!m_server.isRunning()) return {};
    return tr("OSC :%1 · %2 received · %3 refused").arg(m_server.port()).arg(m_server.receivedCount()).arg(m_server.rejectedCount());
}

void OscControl::applyPending()
{
    const std::vector<OscMessage> messages = m_server.takeMessages();
    if (messages.empty()) return;
    const int numWs = m_numWs ? m_numWs() : 0;
    lscore::EditState next = m_document->state().edit;
    std::vector<std::string> queries;
    for (const OscMessage& message : messages) {
        if (message.address == "/state" && message.arguments.empty()) {
            queries.push_back(message.replyUrl);
            continue;
        }
        if (!lscore::applyStateAddress(next, message.address, message.arguments, numWs)) m_server.noteRejected();
    }
    if (next != m_document->state().edit) {
        if (!m_sinceLastEdit.isValid() || m_sinceLastEdit.elapsed() > kMergeWindowMs) m_gesture = m_document->beginGesture();
        m_sinceLastEdit.start();
        m_document->editState(tr("Live control"), [&](lscore::EditState& s) { s = next; }, EditKind::LiveControl, m_gesture);
    }
    // Answered after the batch's own changes, so a sender sees what it just set.
    for (const std::string& url : queries)
        m_server.reply(url, lscore::stateAddressValues(m_document->state().edit, numWs));
    emit statusChanged(statusText());
}

} // namespace lsui
