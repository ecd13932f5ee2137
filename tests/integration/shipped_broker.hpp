// The broker as a facility runs it: mosquitto with a configuration shipped in config/mosquitto
// (made ready for this machine by scripts/broker-config: free loopback ports, the test's own
// password file), accounts made with mosquitto_passwd, and a client that signs in as one of
// them and reports the broker's verdict on each publish (MQTT 5 reason codes).
#pragma once

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "integration/broker.hpp"
#include "integration/support.hpp"

namespace rs::itest {

inline const std::filesystem::path kShippedConfigs =
    std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config/mosquitto";

// How many listeners a shipped configuration has: each gets a free port.
inline std::size_t listener_count(const std::filesystem::path& config) {
    std::ifstream in(config);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);)
        n += line.rfind("listener ", 0) == 0;
    return n;
}

// mosquitto running `config` (a file in config/mosquitto) with its ACL `acl`, each listener on
// a free loopback port, knowing the accounts `users` (name -> password); `settings` replace
// more of the configuration's values ("certfile=/path", ...).
class ShippedBroker {
  public:
    ShippedBroker(const TempDir& dir, const std::string& config, const std::string& acl,
                  const std::map<std::string, std::string>& users,
                  const std::vector<std::string>& settings = {}) {
        const auto passwords = dir / "passwords";
        std::ofstream(passwords).flush();
        for (const auto& [user, password] : users) {
            ChildProcess tool({kMosquittoPasswd, "-b", passwords.string(), user, password},
                              dir.path(), "mosquitto_passwd");
            REQUIRE(tool.wait_for_exit(kDeadline) == 0);
        }
        std::vector<std::string> adapt_args{
            "/bin/bash",
            (std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "scripts/broker-config").string(),
            (kShippedConfigs / config).string()};
        for (std::size_t i = listener_count(kShippedConfigs / config); i > 0; --i) {
            ports_.push_back(free_tcp_port());
            adapt_args.push_back(std::to_string(ports_.back()));
        }
        for (const std::string& s :
             {"password_file=" + passwords.string(), "acl_file=" + (kShippedConfigs / acl).string(),
              "http_dir=" + dir.path().string(), std::string("persistence=false"),
              std::string("log_dest=stderr")})
            adapt_args.push_back(s);
        adapt_args.insert(adapt_args.end(), settings.begin(), settings.end());
        ChildProcess adapt(adapt_args, dir.path(), "broker-config");
        INFO(adapt.describe());
        REQUIRE(adapt.wait_for_exit(kDeadline) == 0);
        const auto conf = dir / "shipped.conf";
        std::ofstream(conf) << adapt.out();
        process_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{kMosquitto, "-c", conf.string()}, dir.path(), "shipped");
        require_eventually("the shipped broker's listeners", [&] {
            return !process_->running() ||
                   std::all_of(ports_.begin(), ports_.end(), [](int p) { return tcp_accepts(p); });
        });
        INFO(process_->describe());
        REQUIRE(process_->running());
    }

    // The first listener's port (MQTT), and every listener's in the configuration's order.
    int port() const { return ports_.front(); }
    const std::vector<int>& ports() const { return ports_; }
    std::string log() const { return process_->err(); }

  private:
    std::vector<int> ports_;
    std::unique_ptr<ChildProcess> process_;
};

inline constexpr int kNotAuthorized = MQTT_RC_NOT_AUTHORIZED;  // 0x87

// The broker took the message: success, or "no matching subscribers" (0x10), not a refusal.
inline bool taken(int reason) {
    return reason >= 0 && reason < 0x80;
}

// An MQTT 5 client used step by step from the test's thread: each call waits for the broker's
// answer. Without a user it connects without an account.
class SignedInClient {
  public:
    SignedInClient(int port, const std::string& user = "", const std::string& password = "") {
        static std::once_flag once;
        std::call_once(once, [] { mosquitto_lib_init(); });
        mosq_ = mosquitto_new(nullptr, true, this);
        REQUIRE(mosq_);
        mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
        if (!user.empty())
            mosquitto_username_pw_set(mosq_, user.c_str(), password.c_str());
        mosquitto_connect_v5_callback_set(mosq_, &SignedInClient::on_connect);
        mosquitto_publish_v5_callback_set(mosq_, &SignedInClient::on_publish);
        REQUIRE(mosquitto_connect_bind_v5(mosq_, "127.0.0.1", port, 30, nullptr, nullptr) ==
                MOSQ_ERR_SUCCESS);
        // Refused clients are disconnected after the CONNACK: the loop's error ends the wait.
        pump_until("the broker's CONNACK", [&] { return connack_.has_value(); });
    }
    ~SignedInClient() {
        mosquitto_disconnect_v5(mosq_, 0, nullptr);
        mosquitto_loop(mosq_, 10, 1);
        mosquitto_destroy(mosq_);
    }
    SignedInClient(const SignedInClient&) = delete;
    SignedInClient& operator=(const SignedInClient&) = delete;

    // The CONNACK reason: 0 when the broker let the client in.
    int connack() const { return connack_.value_or(-1); }

    // Publishes at QoS 1 and returns the broker's PUBACK reason (see taken(); 0x87 not
    // authorized).
    int publish(const std::string& topic, const std::string& payload, bool retain = false) {
        REQUIRE(connack() == 0);
        int mid = 0;
        REQUIRE(mosquitto_publish_v5(mosq_, &mid, topic.c_str(), static_cast<int>(payload.size()),
                                     payload.data(), 1, retain, nullptr) == MOSQ_ERR_SUCCESS);
        pump_until("the broker's PUBACK for " + topic, [&] { return acks_.count(mid) > 0; });
        return acks_.at(mid);
    }

  private:
    template <typename Condition>
    void pump_until(const std::string& what, Condition&& done) {
        require_eventually(what, [&] {
            if (done())
                return true;
            const int rc = mosquitto_loop(mosq_, 10, 1);
            return done() || (rc != MOSQ_ERR_SUCCESS && connack_.has_value());
        });
    }
    static void on_connect(mosquitto*, void* self, int rc, int, const mosquitto_property*) {
        static_cast<SignedInClient*>(self)->connack_ = rc;
    }
    static void on_publish(mosquitto*, void* self, int mid, int reason, const mosquitto_property*) {
        static_cast<SignedInClient*>(self)->acks_[mid] = reason;
    }

    mosquitto* mosq_ = nullptr;
    std::optional<int> connack_;
    std::map<int, int> acks_;
};

// A subscriber signed in as `user`, following `topic`.
inline SubscriberOptions signed_in(const std::string& user, const std::string& password,
                                   const std::string& topic) {
    SubscriberOptions o = watching(topic);
    o.username = user;
    o.password = password;
    return o;
}

}  // namespace rs::itest
