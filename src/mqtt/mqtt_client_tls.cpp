// The client's TLS set-up: the files checked first (named when missing), and the broker's
// certificate checked against the configured host name although the client connects to the
// address it looked up.
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mqtt/mqtt_client.hpp"

namespace rs::mqtt {

bool MqttClient::set_up_tls() {
    if (settings_.ca_file.empty() || tls_ready_)
        return true;
    // Name the file that is missing: "invalid arguments" helps nobody on a ladder at a wall.
    for (const std::string* file :
         {&settings_.ca_file, &settings_.cert_file, &settings_.key_file}) {
        if (!file->empty() && ::access(file->c_str(), R_OK) != 0) {
            report("TLS: cannot read " + *file + " (" + std::strerror(errno) +
                   "); check mqtt.tls; retrying, events are kept");
            return false;
        }
    }
    if (!NameLookup::is_numeric(settings_.host) && !check_host_name_ourselves()) {
        report("TLS set-up failed (cannot prepare the check of " + settings_.host +
               "'s certificate); retrying, events are kept");
        return false;
    }
    const int rc = mosquitto_tls_set(
        mosq_.get(), settings_.ca_file.c_str(), nullptr,
        settings_.cert_file.empty() ? nullptr : settings_.cert_file.c_str(),
        settings_.key_file.empty() ? nullptr : settings_.key_file.c_str(), nullptr);
    if (rc != MOSQ_ERR_SUCCESS) {
        report("TLS set-up failed (" + std::string(mosquitto_strerror(rc)) +
               "); check mqtt.tls; retrying, events are kept");
        return false;
    }
    tls_ready_ = true;
    return true;
}

bool MqttClient::check_host_name_ourselves() {
    // libmosquitto checks the broker's certificate against the host it connects to, which is
    // now the number we looked up. So OpenSSL is told the configured name instead, in a context
    // of our own that libmosquitto fills with the authority and keys as usual, and libmosquitto's
    // own name check (it would compare the number) is switched off. The chain and the name are
    // both still checked during the handshake, before anything (a password) is sent.
    struct FreeContext {
        void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
    };
    const std::unique_ptr<SSL_CTX, FreeContext> context(SSL_CTX_new(TLS_client_method()));
    if (!context)
        return false;
    X509_VERIFY_PARAM* param = SSL_CTX_get0_param(context.get());
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (X509_VERIFY_PARAM_set1_host(param, settings_.host.c_str(), settings_.host.size()) != 1)
        return false;
    // libmosquitto takes its own reference; ours goes at the end of this scope.
    return mosquitto_int_option(mosq_.get(), MOSQ_OPT_SSL_CTX_WITH_DEFAULTS, 1) ==
               MOSQ_ERR_SUCCESS &&
           mosquitto_void_option(mosq_.get(), MOSQ_OPT_SSL_CTX, context.get()) ==
               MOSQ_ERR_SUCCESS &&
           mosquitto_tls_insecure_set(mosq_.get(), true) == MOSQ_ERR_SUCCESS;
}

}  // namespace rs::mqtt
