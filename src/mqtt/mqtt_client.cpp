#include "mqtt/mqtt_client.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace rs::mqtt {
namespace asio = boost::asio;

namespace {

void init_library() {
    // mosquitto_lib_init is not thread-safe: once, before any client.
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

// libmosquitto 2.0.11 calls a keepalive timeout "Unknown error.".
std::string describe(int rc, int keepalive_s) {
    if (rc == MOSQ_ERR_ERRNO)
        return std::strerror(errno);
    if (rc == MOSQ_ERR_KEEPALIVE)
        return "no answer from the broker within the keepalive of " + std::to_string(keepalive_s) +
               " s";
    return mosquitto_strerror(rc);
}

}  // namespace

std::shared_ptr<MqttClient> MqttClient::create(asio::io_context& io, ClientSettings settings,
                                               ClientHandlers handlers,
                                               NameLookup::Resolve resolve) {
    init_library();
    return std::shared_ptr<MqttClient>(
        new MqttClient(io, std::move(settings), std::move(handlers), std::move(resolve)));
}

MqttClient::MqttClient(asio::io_context& io, ClientSettings settings, ClientHandlers handlers,
                       NameLookup::Resolve resolve)
    : io_(io),
      settings_(std::move(settings)),
      handlers_(std::move(handlers)),
      lookup_(io, std::move(resolve)),
      retry_(io),
      misc_(io) {
    const bool persistent = settings_.v5 && settings_.session_expiry_s > 0;
    mosq_.reset(mosquitto_new(settings_.client_id.empty() ? nullptr : settings_.client_id.c_str(),
                              !persistent, this));
    if (!mosq_)
        throw std::runtime_error("cannot create an MQTT client");
    mosquitto_int_option(mosq_.get(), MOSQ_OPT_PROTOCOL_VERSION,
                         settings_.v5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311);
    mosquitto_connect_v5_callback_set(mosq_.get(), &MqttClient::on_connect);
    mosquitto_disconnect_v5_callback_set(mosq_.get(), &MqttClient::on_disconnect);
    mosquitto_publish_v5_callback_set(mosq_.get(), &MqttClient::on_publish);
    mosquitto_message_v5_callback_set(mosq_.get(), &MqttClient::on_message);
    if (!settings_.username.empty())
        mosquitto_username_pw_set(
            mosq_.get(), settings_.username.c_str(),
            settings_.password.empty() ? nullptr : settings_.password.c_str());
    use_will(true);
}

void MqttClient::use_will(bool on) {
    if (settings_.will_topic.empty())
        return;
    if (!on) {
        mosquitto_will_clear(mosq_.get());
        return;
    }
    mosquitto_will_set(mosq_.get(), settings_.will_topic.c_str(),
                       static_cast<int>(settings_.will_payload.size()),
                       settings_.will_payload.data(), 1, true);
}

MqttClient::~MqttClient() {
    stop_watching();
}

void MqttClient::stop_watching() {
    if (!socket_)
        return;
    boost::system::error_code ignored;
    socket_->close(ignored);  // our duplicate: deregistered, then closed
    socket_.reset();
}

void MqttClient::report(const std::string& problem) {
    if (problem == last_problem_)
        return;
    last_problem_ = problem;
    if (handlers_.problem)
        handlers_.problem(problem);
}

void MqttClient::start() {
    tick();
    connect();
}

void MqttClient::connect() {
    if (stopping_)
        return;
    if (!set_up_tls()) {  // the files may appear later (a certificate being installed)
        schedule_reconnect();
        return;
    }
    // The name is looked up off this thread: a name server that never answers would otherwise
    // hold up the sensors for as long as getaddrinfo waits.
    lookup_.resolve(settings_.host, settings_.lookup_timeout,
                    [weak = weak_from_this()](const LookupResult& found) {
                        if (const auto self = weak.lock())
                            self->connect_to(found);
                    });
}

void MqttClient::connect_to(const LookupResult& found) {
    if (stopping_)
        return;
    const std::string where = settings_.host + ":" + std::to_string(settings_.port);
    if (found.address.empty()) {
        report("cannot reach the broker at " + where + ": cannot resolve " + settings_.host + " (" +
               found.error + "); retrying, events are kept");
        schedule_reconnect();
        return;
    }
    // Non-blocking TCP connect to the number: libmosquitto's own lookup never runs.
    const int rc = start_connecting(found.address);
    tried_ = true;
    if (rc != MOSQ_ERR_SUCCESS) {
        report("cannot reach the broker at " + where + " (" + found.address +
               "): " + describe(rc, settings_.keepalive_s) + "; retrying, events are kept");
        schedule_reconnect();
        return;
    }
    watch_socket();
}

int MqttClient::start_connecting(const std::string& address) {
    if (!settings_.v5 || settings_.session_expiry_s == 0)
        return mosquitto_connect_bind_async(mosq_.get(), address.c_str(), settings_.port,
                                            settings_.keepalive_s, nullptr);
    // libmosquitto 2.0 has no asynchronous connect that takes CONNECT properties; the blocking
    // one keeps them (and the address) for every later reconnect_async, so only this first
    // attempt blocks, on a TCP connect to a number, never on a name lookup.
    if (tried_)
        return mosquitto_reconnect_async(mosq_.get());
    mosquitto_property* props = nullptr;
    mosquitto_property_add_int32(&props, MQTT_PROP_SESSION_EXPIRY_INTERVAL,
                                 settings_.session_expiry_s);
    const int rc = mosquitto_connect_bind_v5(mosq_.get(), address.c_str(), settings_.port,
                                             settings_.keepalive_s, nullptr, props);
    mosquitto_property_free_all(&props);
    return rc;
}

void MqttClient::watch_socket() {
    const int fd = mosquitto_socket(mosq_.get());
    if (fd < 0) {
        schedule_reconnect();
        return;
    }
    // Asio watches a duplicate of libmosquitto's descriptor, one that only we close.
    // libmosquitto closes its own inside its loop calls whenever a connection ends, and another
    // thread may be given that number at once: deregistering the number after that touches
    // somebody else's descriptor (ThreadSanitizer caught it).
    const int watched = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (watched < 0) {
        report("cannot watch the MQTT socket: " + std::string(std::strerror(errno)));
        schedule_reconnect();
        return;
    }
    stop_watching();
    socket_.emplace(io_, watched);
    reading_ = writing_ = false;
    arm_read();
    arm_write();
}

void MqttClient::arm_read() {
    if (!socket_ || reading_)
        return;
    reading_ = true;
    socket_->async_wait(asio::posix::stream_descriptor::wait_read,
                        [self = shared_from_this(),
                         fd = socket_->native_handle()](const boost::system::error_code& ec) {
                            self->reading_ = false;
                            if (ec || !self->socket_ || self->socket_->native_handle() != fd)
                                return;  // cancelled, or a socket since replaced
                            const int rc = mosquitto_loop_read(self->mosq_.get(), 1);
                            if (rc != MOSQ_ERR_SUCCESS) {
                                self->lost(describe(rc, self->settings_.keepalive_s));
                                return;
                            }
                            self->arm_read();
                            self->arm_write();
                        });
}

void MqttClient::arm_write() {
    if (!socket_ || writing_ || !mosquitto_want_write(mosq_.get()))
        return;
    writing_ = true;
    socket_->async_wait(asio::posix::stream_descriptor::wait_write,
                        [self = shared_from_this(),
                         fd = socket_->native_handle()](const boost::system::error_code& ec) {
                            self->writing_ = false;
                            if (ec || !self->socket_ || self->socket_->native_handle() != fd)
                                return;
                            const int rc = mosquitto_loop_write(self->mosq_.get(), 1);
                            if (rc != MOSQ_ERR_SUCCESS) {
                                self->lost(describe(rc, self->settings_.keepalive_s));
                                return;
                            }
                            self->arm_write();
                        });
}

void MqttClient::lost(const std::string& why) {
    const bool was_connected = connected_;
    connected_ = false;
    stop_watching();  // libmosquitto closes its own descriptor (now or on reconnect)
    const bool taken_over = std::exchange(disconnect_reason_, 0) == MQTT_RC_SESSION_TAKEN_OVER;
    if (stopping_) {
        if (shutdown_done_)
            std::exchange(shutdown_done_, nullptr)();
        return;
    }
    if (const auto pause = std::exchange(pause_, std::nullopt)) {
        if (was_connected && handlers_.disconnected)
            handlers_.disconnected();
        schedule_reconnect(*pause);  // asked for: nothing to report
        return;
    }
    // A refusal says more than the dropped connection that follows it.
    const std::string refusal = std::exchange(refusal_, {});
    if (!refusal.empty()) {
        report(refusal);
    } else if (taken_over && handlers_.taken_over) {
        handlers_.taken_over();  // its owner says what it means, once
    } else if (auto line = losses_.lost(std::chrono::steady_clock::now(),
                                        "lost the broker at " + settings_.host + ":" +
                                            std::to_string(settings_.port) + ": " + why +
                                            "; retrying, events are kept");
               line && handlers_.problem) {
        handlers_.problem(*line);
    }
    if (was_connected && handlers_.disconnected)
        handlers_.disconnected();
    // Another client with this id would only take the session back at once: try again rarely.
    schedule_reconnect(taken_over ? std::optional(settings_.taken_over_retry) : std::nullopt);
}

void MqttClient::schedule_reconnect(std::optional<std::chrono::milliseconds> after) {
    if (stopping_)
        return;
    std::uniform_real_distribution<double> spread(
        0.8, 1.2);  // keep a room of stations from retrying in step
    const std::chrono::milliseconds wait = after ? *after : hold_.value_or(backoff_);
    retry_.expires_after(
        std::chrono::duration_cast<std::chrono::milliseconds>(wait * spread(jitter_)));
    if (!after && !hold_)
        backoff_ = std::min(backoff_ * 2, kLastRetry);
    retry_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec)
            self->connect();
    });
}

void MqttClient::pause_for(std::chrono::milliseconds wait) {
    if (!connected_)
        return;
    pause_ = wait;
    mosquitto_disconnect_v5(mosq_.get(), 0, nullptr);
    arm_write();  // the DISCONNECT goes out; the loss that follows lands in lost()
}

void MqttClient::tick() {
    // Keepalive pings and timeouts live in loop_misc; once a second is plenty.
    if (auto summary = losses_.tick(std::chrono::steady_clock::now()); summary && handlers_.problem)
        handlers_.problem(*summary);
    // Connected with no recent loss: the next problem is news. While the connection keeps
    // dropping, its "cannot reach" is said once, like the losses.
    if (connected_ && losses_.quiet())
        last_problem_.clear();
    if (socket_) {
        const int rc = mosquitto_loop_misc(mosq_.get());
        if (rc != MOSQ_ERR_SUCCESS && rc != MOSQ_ERR_NO_CONN) {
            lost(describe(rc, settings_.keepalive_s));
        } else {
            arm_write();
        }
    }
    misc_.expires_after(std::chrono::seconds(1));
    misc_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (!ec && !self->stopping_)
            self->tick();
    });
}

void MqttClient::on_message(mosquitto*, void* self_ptr, const mosquitto_message* m,
                            const mosquitto_property* props) {
    auto* self = static_cast<MqttClient*>(self_ptr);
    Incoming in;
    in.topic = m->topic ? m->topic : "";
    in.payload.assign(static_cast<const char*>(m->payload),
                      static_cast<std::size_t>(std::max(0, m->payloadlen)));
    in.retained = m->retain;
    char* response = nullptr;
    if (mosquitto_property_read_string(props, MQTT_PROP_RESPONSE_TOPIC, &response, false)) {
        in.response_topic = response;
        free(response);
    }
    void* correlation = nullptr;
    uint16_t length = 0;
    if (mosquitto_property_read_binary(props, MQTT_PROP_CORRELATION_DATA, &correlation, &length,
                                       false)) {
        in.correlation_data.assign(static_cast<const char*>(correlation), length);
        free(correlation);
    }
    // Handled after loop_read returns: never call back into libmosquitto from its callback.
    asio::post(self->io_, [s = self->shared_from_this(), in = std::move(in)] {
        if (s->handlers_.message)
            s->handlers_.message(in);
    });
}

void MqttClient::shutdown(const std::string& topic, const std::string& last_words,
                          std::chrono::milliseconds grace, std::function<void()> done) {
    retry_.cancel();
    lookup_.cancel();
    if (!connected_) {
        stopping_ = true;
        misc_.cancel();
        handlers_ = {};
        done();
        return;
    }
    // Stored in members, so no shared_ptr to ourselves in them: that would be a cycle.
    shutdown_done_ = [this, done = std::move(done)] {
        misc_.cancel();
        handlers_ = {};  // nothing more to report; and it drops what the handlers hold
        done();
    };
    last_words_mid_ = publish(topic, last_words, 1, true);
    const std::weak_ptr<MqttClient> weak = weak_from_this();
    const auto finish = [weak] {
        auto self = weak.lock();
        if (!self || !self->shutdown_done_)
            return;
        self->stopping_ = true;
        // A clean DISCONNECT: the broker drops the will, so "offline" comes from us alone.
        mosquitto_disconnect_v5(self->mosq_.get(), 0, nullptr);
        mosquitto_loop_write(self->mosq_.get(), 1);
        self->lost("shutting down");
    };
    if (!last_words_mid_) {
        finish();
        return;
    }
    retry_.expires_after(grace);
    retry_.async_wait([finish](const boost::system::error_code&) { finish(); });
    handlers_.published = [previous = handlers_.published, mid = *last_words_mid_, finish](
                              int m, bool ok) {
        if (previous)
            previous(m, ok);
        if (m == mid)
            finish();
    };
}

void MqttClient::on_connect(mosquitto*, void* self_ptr, int rc, int, const mosquitto_property*) {
    auto* self = static_cast<MqttClient*>(self_ptr);
    if (rc != 0) {
        // Refused: bad credentials, not authorised, bad protocol... Say which, keep trying slowly.
        // Bad credentials, not authorised, bad protocol... loop_read fails next and lost() says
        // this.
        self->refusal_ = "the broker refused the connection: " +
                         std::string(self->settings_.v5 ? mosquitto_reason_string(rc)
                                                        : mosquitto_connack_string(rc)) +
                         "; check mqtt.username / password_file; retrying, events are kept";
        return;
    }
    self->connected_ = true;
    ++self->connections_;
    self->backoff_ = kFirstRetry;
    if (self->handlers_.connected)
        asio::post(self->io_, [s = self->shared_from_this()] {
            if (s->connected_ && s->handlers_.connected)
                s->handlers_.connected();
        });
}

void MqttClient::on_disconnect(mosquitto*, void* self_ptr, int rc, const mosquitto_property*) {
    auto* self = static_cast<MqttClient*>(self_ptr);
    if (self->stopping_)
        return;
    // Called inside our own loop calls, on the I/O thread: lost() reads this however it is
    // reached (this post, or the failed read that often comes first).
    self->disconnect_reason_ = rc;
    asio::post(self->io_, [s = self->shared_from_this(), rc] {
        // The broker's DISCONNECT gives an MQTT 5 reason code (0x80 and up); a connection the
        // library itself found dead gives one of its own error numbers.
        const bool from_broker = s->settings_.v5 && rc >= 0x80;
        if (s->socket_ || s->connected_)
            s->lost("disconnected (" +
                    (from_broker ? std::string(mosquitto_reason_string(rc))
                                 : describe(rc, s->settings_.keepalive_s)) +
                    ")");
    });
}

void MqttClient::on_publish(mosquitto*, void* self_ptr, int mid, int reason,
                            const mosquitto_property*) {
    auto* self = static_cast<MqttClient*>(self_ptr);
    if (self->handlers_.published)
        asio::post(self->io_, [s = self->shared_from_this(), mid, reason] {
            if (s->handlers_.published)
                s->handlers_.published(mid, reason < 0x80);
        });
}

}  // namespace rs::mqtt
