// OscServer over liblo: a generic method receives every message; see osc_server.h for the contract.
#include "osc_server.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include <QMetaObject>

#include <lo/lo.h>

namespace lsui {

// liblo's error handler takes no user data, so the server whose thread reports an error is found
// through a thread-local pointer that the thread's init callback sets.
namespace {
thread_local OscServer* t_receivingServer = nullptr;
}

struct OscServerCallbacks {
    static int init(lo_server_thread, void* user)
    {
        t_receivingServer = static_cast<OscServer*>(user);
        return 0;
    }
    static void cleanup(lo_server_thread, void*) { t_receivingServer = nullptr; }

    // Malformed packets (not OSC, a bad type tag, a truncated argument) and socket errors.
    static void error(int, const char*, const char*)
    {
        if (t_receivingServer) t_receivingServer->noteRejected();
    }

    static int message(const char* path, const char* types, lo_arg** argv, int argc, lo_message data, void* user)
    {
        auto* server = static_cast<OscServer*>(user);
        OscMessage message;
        message.address = path ? path : "";
        for (int i = 0; i < argc; ++i) {
            const lo_arg* arg = argv[i];
            switch (types[i]) {
            case LO_FLOAT: message.arguments.emplace_back(static_cast<double>(arg->f)); break;
            case LO_DOUBLE: message.arguments.emplace_back(arg->d); break;
            case LO_INT32: message.arguments.emplace_back(static_cast<double>(arg->i)); break;
            case LO_INT64: message.arguments.emplace_back(static_cast<double>(arg->h)); break;
            case LO_TRUE: message.arguments.emplace_back(1.0); break;
            case LO_FALSE: message.arguments.emplace_back(0.0); break;
            case LO_STRING:
            case LO_SYMBOL: message.arguments.emplace_back(std::string(&arg->s)); break;
            default:   // blobs, MIDI, timetags, nil, infinitum: no field takes them
                server->noteRejected();
                return 0;
            }
        }
        if (lo_address source = lo_message_get_source(data)) {
            if (char* url = lo_address_get_url(source)) {
                message.replyUrl = url;
                std::free(url);
            }
        }
        server->receive(std::move(message));
        return 0;   // handled
    }
};

OscServer::OscServer(QObject* parent) : QObject(parent) {}

OscServer::~OscServer() { stop(); }

lscore::Status OscServer::start(int port)
{
    stop();
    if (port < 0 || port > 65535) return lscore::makeError("the OSC port must be from 1 to 65535, not " + std::to_string(port));
    const std::string service = std::to_string(port);
    lo_server_thread thread = lo_server_thread_new_with_proto(port == 0 ? nullptr : service.c_str(), LO_UDP, &OscServerCallbacks::error);
    if (!thread)
        return lscore::makeError("cannot listen for OSC on UDP port " + service
                                 + ": another program may be using it, or ports below 1024 need privileges; choose another port");
    lo_server_thread_set_callbacks(thread, &OscServerCallbacks::init, &OscServerCallbacks::cleanup, this);
    lo_server_thread_add_method(thread, nullptr, nullptr, &OscServerCallbacks::message, this);
    if (lo_server_thread_start(thread) != 0) {
        lo_server_thread_free(thread);
        return lscore::makeError("cannot start the OSC receiver thread");
    }
    m_server = thread;
    m_port = lo_server_thread_get_port(thread);
    return lscore::Status::success();
}

void OscServer::stop()
{
    if (!m_server) return;
    auto* thread = static_cast<lo_server_thread>(m_server);
    lo_server_thread_stop(thread);
    lo_server_thread_free(thread);
    m_server = nullptr;
    m_port = 0;
    const std::lock_guard lock(m_mutex);
    m_pending.clear();
}

void OscServer::receive(OscMessage message)
{
    m_received.fetch_add(1);
    bool post = false;
    {
        const std::lock_guard lock(m_mutex);
        // Latest wins per address, except queries, which each want their answer.
        auto it = std::find_if(m_pending.begin(), m_pending.end(), [&](const OscMessage& pending) {
            return pending.address == message.address && message.address != "/state";
        });
        if (it != m_pending.end()) *it = std::move(message);
        else m_pending.push_back(std::move(message));
        post = !m_wakePosted;
        m_wakePosted = true;
    }
    if (post) QMetaObject::invokeMethod(this, &OscServer::messagesArrived, Qt::QueuedConnection);
}

std::vector<OscMessage> OscServer::takeMessages()
{
    const std::lock_guard lock(m_mutex);
    m_wakePosted = false;
    return std::exchange(m_pending, {});
}

bool OscServer::reply(const std::string& replyUrl, const std::vector<lscore::AddressedValue>& values)
{
    if (!m_server || replyUrl.empty()) return false;
    lo_address target = lo_address_new_from_url(replyUrl.c_str());
    if (!target) return false;
    lo_server server = lo_server_thread_get_server(static_cast<lo_server_thread>(m_server));
    bool sent = true;
    for (const lscore::AddressedValue& item : values) {
        lo_message message = lo_message_new();
        for (const lscore::StateValue& value : item.values) {
            const auto* number = std::get_if<double>(&value);
            if (number && item.integer && std::abs(*number) < 2147483648.0) lo_message_add_int32(message, static_cast<std::int32_t>(*number));
            else if (number && item.integer) lo_message_add_int64(message, static_cast<std::int64_t>(*number));   // seeds above 2³¹
            else if (number) lo_message_add_float(message, static_cast<float>(*number));
            else lo_message_add_string(message, std::get<std::string>(value).c_str());
        }
        // From the server's own socket, so the asker sees the answer come from the port it asked.
        sent = lo_send_message_from(target, server, item.address.c_str(), message) >= 0 && sent;
        lo_message_free(message);
    }
    lo_address_free(target);
    return sent;
}

} // namespace lsui
