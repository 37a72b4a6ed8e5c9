#pragma once
// OscServer: live control of the studio over OSC (UDP), through liblo, for performers driving the
// model from TouchDesigner, Max/MSP, Pure Data or a MIDI-to-OSC bridge. Off by default; the port is
// a setting. The addresses are lscore/state_addresses.h's (docs/osc.md).
//
//   lsui::OscServer osc;
//   connect(&osc, &lsui::OscServer::messagesArrived, window, [&] { for (auto& m : osc.takeMessages()) apply(m); });
//   if (auto s = osc.start(9000); !s) showError(s.error());
//
// Contract:
//  * liblo receives on its own thread; messages are kept in a mutex-guarded pending list in which a
//    newer value for an address replaces the older one in place (latest wins, arrival order kept
//    otherwise), and ONE queued wake-up per batch reaches the GUI thread (messagesArrived). Values
//    may arrive at any rate: the GUI applies each batch as one state change, and the render loop's
//    latest-wins slot coalesces further.
//  * A packet that is not valid OSC, and a message whose arguments are not numbers or strings, is
//    dropped on the receiving thread and counted (rejectedCount()); the GUI adds the messages it
//    refuses (unknown address, out of range) with noteRejected(). Nothing a packet holds can crash
//    the studio.
//  * "/state" (no arguments) asks for the current values: the GUI answers with reply(), which sends
//    every address with its value(s) back to the asker's address and port, each as its own message.
//  * stop() and the destructor stop the thread and free the port.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <QObject>
#include <QString>

#include "lscore/result.h"
#include "lscore/state_addresses.h"

namespace lsui {

struct OscMessage {
    std::string address;
    std::vector<lscore::StateValue> arguments;
    std::string replyUrl;   // the sender, as an osc.udp:// URL (for answers to "/state")
};

class OscServer : public QObject {
    Q_OBJECT
public:
    explicit OscServer(QObject* parent = nullptr);
    ~OscServer() override;
    OscServer(const OscServer&) = delete;
    OscServer& operator=(const OscServer&) = delete;

    // Listens on UDP `port` (0: any free port; port() says which). Fails with a message when the
    // port is taken or not allowed. Restarting on another port stops the first.
    lscore::Status start(int port);
    void stop();
    bool isRunning() const { return m_server != nullptr; }
    int port() const { return m_port; }

    // The messages received since the last call, coalesced (see the contract).
    std::vector<OscMessage> takeMessages();

    // Sends `values` to `replyUrl` (a message each); false when the address cannot be reached.
    bool reply(const std::string& replyUrl, const std::vector<lscore::AddressedValue>& values);

    std::uint64_t receivedCount() const { return m_received.load(); }
    std::uint64_t rejectedCount() const { return m_rejected.load(); }
    void noteRejected() { m_rejected.fetch_add(1); }

signals:
    // Queued to the thread the server lives in, once per batch of pending messages.
    void messagesArrived();

private:
    friend struct OscServerCallbacks;
    void receive(OscMessage message);   // on liblo's thread

    void* m_server = nullptr;   // lo_server_thread (kept opaque: only osc_server.cpp includes liblo)
    int m_port = 0;
    std::mutex m_mutex;
    std::vector<OscMessage> m_pending;   // guarded by m_mutex
    bool m_wakePosted = false;           // guarded by m_mutex
    std::atomic<std::uint64_t> m_received{0};
    std::atomic<std::uint64_t> m_rejected{0};
};

} // namespace lsui
