// An MQTT client (libmosquitto) driven from the Asio I/O thread through its socket: our own
// reconnect with capped exponential backoff, keepalive from a timer, and every failure reported
// once with a reason. Never mosquitto_loop_start: its thread dies silently on DNS, TLS and auth
// errors in 2.0.11.
#pragma once

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "io/asio.hpp"
#include "mqtt/loss_summary.hpp"
#include "mqtt/name_lookup.hpp"

namespace rs::mqtt {

struct ClientSettings {
    std::string host = "127.0.0.1";
    int port = 1883;
    std::string client_id;
    std::string username;
    std::string password;
    std::string ca_file, cert_file, key_file;  // TLS when ca_file is set
    int keepalive_s = 30;
    // How long a name lookup of `host` may take before the attempt counts as failed (it runs
    // off the I/O thread either way; this only decides when to say so and try again).
    std::chrono::milliseconds lookup_timeout{8000};
    bool v5 = true;
    std::string will_topic, will_payload;  // retained, QoS 1
    // Above 0 (MQTT 5): a persistent session the broker keeps this long after a disconnect, with
    // its subscriptions and the QoS 1 messages queued for it (clean start off).
    std::uint32_t session_expiry_s = 0;
    // After another client with the same id took this one's session: how long to wait before
    // connecting again (each connect takes it back from the other, for a moment).
    std::chrono::milliseconds taken_over_retry{std::chrono::minutes(5)};
};

// A message that arrived on a subscription.
struct Incoming {
    std::string topic;
    std::string payload;
    bool retained = false;
    std::string response_topic;    // MQTT 5: where the sender wants the answer
    std::string correlation_data;  // MQTT 5: to echo with it
};

struct ClientHandlers {
    std::function<void(const Incoming&)> message;
    std::function<void()> connected;
    std::function<void()> disconnected;
    std::function<void(int mid, bool accepted)> published;  // QoS 1: the broker's PUBACK
    std::function<void(const std::string&)> problem;        // once per distinct problem
    // The broker gave this client's session to another client with the same id (MQTT 5
    // "Session taken over", which mosquitto sends from 2.0.15 on). Set: it is not reported as a
    // problem; the client waits taken_over_retry before it connects again.
    std::function<void()> taken_over;
};

class MqttClient : public std::enable_shared_from_this<MqttClient> {
  public:
    static std::shared_ptr<MqttClient> create(
        boost::asio::io_context& io, ClientSettings settings, ClientHandlers handlers,
        NameLookup::Resolve resolve = NameLookup::system_resolve);
    ~MqttClient();

    void start();
    // Publishes `last_words` (retained, QoS 1) if connected, waits up to `grace` for the broker
    // to take it, then disconnects cleanly (so the will is not sent) and calls `done`.
    void shutdown(const std::string& topic, const std::string& last_words,
                  std::chrono::milliseconds grace, std::function<void()> done);

    bool connected() const { return connected_; }
    // Connections made so far, the current one included.
    int connections() const { return connections_; }
    // Disconnects cleanly (so the will is not sent) and connects again only after `wait`.
    void pause_for(std::chrono::milliseconds wait);
    // Set: every reconnect waits this long instead of the backoff. Unset: the backoff again.
    void hold_reconnects(std::optional<std::chrono::milliseconds> wait) { hold_ = wait; }
    // Whether the connections from the next one on carry the will (on by default when set).
    void use_will(bool on);
    // A message id, or nothing when not connected (nothing is queued while disconnected: the
    // outbox is the queue).
    std::optional<int> publish(const std::string& topic, const std::string& payload, int qos,
                               bool retain);
    // A reply to an MQTT 5 request: to its response topic, with its correlation data.
    std::optional<int> respond(const Incoming& request, const std::string& payload);
    // An MQTT 5 request (QoS 1): the answer is to come on `response_topic`, with `correlation`.
    std::optional<int> request(const std::string& topic, const std::string& payload,
                               const std::string& response_topic, const std::string& correlation);
    void subscribe(const std::string& topic, int qos);

    static constexpr std::chrono::milliseconds kFirstRetry{500};
    static constexpr std::chrono::milliseconds kLastRetry{30'000};

  private:
    MqttClient(boost::asio::io_context& io, ClientSettings settings, ClientHandlers handlers,
               NameLookup::Resolve resolve);
    void connect();
    std::optional<int> publish_v5(const std::string& topic, const std::string& payload,
                                  const std::string& response_topic,
                                  const std::string& correlation);
    void connect_to(const LookupResult& found);
    int start_connecting(const std::string& address);
    bool set_up_tls();
    bool check_host_name_ourselves();
    void watch_socket();
    void arm_read();
    void arm_write();
    void lost(const std::string& why);
    void stop_watching();
    // After `after`, or after the backoff (which then doubles).
    void schedule_reconnect(std::optional<std::chrono::milliseconds> after = std::nullopt);
    void tick();
    void report(const std::string& problem);

    static void on_connect(mosquitto*, void* self, int rc, int flags, const mosquitto_property*);
    static void on_disconnect(mosquitto*, void* self, int rc, const mosquitto_property*);
    static void on_publish(mosquitto*, void* self, int mid, int reason, const mosquitto_property*);
    static void on_message(mosquitto*, void* self, const mosquitto_message*,
                           const mosquitto_property*);

    boost::asio::io_context& io_;
    ClientSettings settings_;
    ClientHandlers handlers_;
    struct Free {
        void operator()(mosquitto* m) const { mosquitto_destroy(m); }
    };
    std::unique_ptr<mosquitto, Free> mosq_;
    NameLookup lookup_;
    // A duplicate of libmosquitto's socket for Asio to wait on; ours, closed by stop_watching.
    std::optional<boost::asio::posix::stream_descriptor> socket_;
    boost::asio::steady_timer retry_;
    boost::asio::steady_timer misc_;
    std::chrono::milliseconds backoff_ = kFirstRetry;
    std::mt19937 jitter_{std::random_device{}()};
    bool connected_ = false;
    bool tried_ = false;  // connect once, then reconnect
    bool tls_ready_ = false;
    std::string refusal_;        // why the broker said no, for the next lost()
    int disconnect_reason_ = 0;  // what the last DISCONNECT said, for the next lost()
    int connections_ = 0;
    std::optional<std::chrono::milliseconds> pause_;  // set: the next loss is ours, wait this
    std::optional<std::chrono::milliseconds> hold_;
    LossSummary losses_;
    bool reading_ = false, writing_ = false;
    bool stopping_ = false;
    std::string last_problem_;
    std::optional<int> last_words_mid_;
    std::function<void()> shutdown_done_;
};

}  // namespace rs::mqtt
