// The broker's host name turned into an address away from the I/O thread. getaddrinfo blocks
// for as long as the name server takes (glibc: 5 s a try, two tries, by default), and the I/O
// thread also reads the sensors: a server that never answers must not starve them. So the
// lookup runs on a thread of its own, and the answer (or a timeout) comes back to the I/O
// thread as a posted handler.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "io/asio.hpp"

namespace rs::mqtt {

struct LookupResult {
    std::string address;  // numeric (IPv4 or IPv6); empty when the lookup failed
    std::string error;    // why it failed, for the log
};

class NameLookup {
  public:
    // Blocks until it has an answer; runs on the lookup thread. The default is getaddrinfo
    // (tests pass one that hangs, to show the timeout).
    using Resolve = std::function<LookupResult(const std::string& host)>;
    using Done = std::function<void(const LookupResult&)>;

    explicit NameLookup(boost::asio::io_context& io, Resolve resolve = system_resolve);
    // On the I/O thread (as its owner, the MQTT client, is). Does not wait for a lookup in
    // progress: its thread ends when getaddrinfo returns, and its answer is dropped.
    ~NameLookup();
    NameLookup(const NameLookup&) = delete;
    NameLookup& operator=(const NameLookup&) = delete;

    // `done` runs once on the I/O thread: with the address, with the error, or with a timeout
    // after `timeout`. A numeric host is its own answer. One lookup at a time: a name asked for
    // while an earlier lookup still hangs waits behind it (no thread per attempt piles up).
    void resolve(const std::string& host, std::chrono::milliseconds timeout, Done done);
    // Drops the pending `done` without calling it.
    void cancel();

    static LookupResult system_resolve(const std::string& host);
    static bool is_numeric(const std::string& host);

  private:
    struct Shared;
    static void serve(const std::shared_ptr<Shared>& shared);
    void finished(std::uint64_t ticket, const LookupResult& result);

    boost::asio::io_context& io_;
    std::shared_ptr<Shared> shared_;
    boost::asio::steady_timer timeout_;
    Done done_;
    std::uint64_t ticket_ = 0;  // which request done_ waits for
};

}  // namespace rs::mqtt
