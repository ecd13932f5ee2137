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

#include "broker.hpp"
#include "support.hpp"

namespace rs::itest {

inline const std::filesystem::path kShippedConfigs =
    std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "config/mosquitto";

// mosquitto running `config` (a file in config/mosquitto) with its ACL `acl`, on free ports,
// knowing the accounts `users` (name -> password).
class ShippedBroker {
  public:
    ShippedBroker(const TempDir& dir, const std::string& config, const std::string& acl,
                  const std::map<std::string, std::string>& users)
        : mqtt_port_(free_tcp_port()), web_port_(free_tcp_port()) {
        const auto passwords = dir / "passwords";
        std::ofstream(passwords).flush();
        for (const auto& [user, password] : users) {
            ChildProcess tool({kMosquittoPasswd, "-b", passwords.string(), user, password},
                              dir.path(), "mosquitto_passwd");
            REQUIRE(tool.wait_for_exit(kDeadline) == 0);
        }
        const auto conf = dir / "shipped.conf";
        ChildProcess adapt(
            {"/bin/bash",
             (std::filesystem::path(ROLLSTATION_SOURCE_DIR) / "scripts/broker-config").string(),
             (kShippedConfigs / config).string(), std::to_string(mqtt_port_),
             std::to_string(web_port_), "password_file=" + passwords.string(),
             "acl_file=" + (kShippedConfigs / acl).string(), "http_dir=" + dir.path().string(),
             "persistence=false", "log_dest=stderr"},
            dir.path(), "broker-config");
        REQUIRE(adapt.wait_for_exit(kDeadline) == 0);
        std::ofstream(conf) << adapt.out();
        process_ = std::make_unique<ChildProcess>(
            std::vector<std::string>{kMosquitto, "-c", conf.string()}, dir.path(), "shipped");
        require_eventually("the shipped broker on port " + std::to_string(mqtt_port_), [&] {
            return !process_->running() || (tcp_accepts(mqtt_port_) && tcp_accepts(web_port_));
        });
        INFO(process_->describe());
        REQUIRE(process_->running());
    }

    int port() const { return mqtt_port_; }
    int web_port() const { return web_port_; }

  private:
    int mqtt_port_;
    int web_port_;
    std::unique_ptr<ChildProcess> process_;
};

inline constexpr int kNotAuthorized = MQTT_RC_NOT_AUTHORIZED;  // 0x87

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

    // Publishes at QoS 1 and returns the broker's PUBACK reason (0 taken, 0x87 not authorized).
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
