#include "mqtt/name_lookup.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace rs::mqtt {
namespace asio = boost::asio;

// What the lookup thread and the I/O thread share. The thread holds it by shared_ptr, so it
// outlives a NameLookup whose lookup still hangs; `owner` is cleared (under the lock) when the
// NameLookup goes, and then nothing is posted any more.
struct NameLookup::Shared {
    std::mutex mutex;
    std::condition_variable wake;
    Resolve resolve;
    NameLookup* owner = nullptr;     // set, cleared and read on the I/O thread only
    asio::io_context* io = nullptr;  // null once the owner is gone
    std::optional<std::pair<std::uint64_t, std::string>> request;  // the next name to look up
    bool thread_started = false;
};

namespace {

std::string seconds(std::chrono::milliseconds t) {
    if (t.count() % 1000 == 0)
        return std::to_string(t.count() / 1000) + " s";
    return std::to_string(t.count()) + " ms";
}

}  // namespace

NameLookup::NameLookup(asio::io_context& io, Resolve resolve)
    : io_(io), shared_(std::make_shared<Shared>()), timeout_(io) {
    shared_->resolve = std::move(resolve);
    shared_->owner = this;
    shared_->io = &io;
}

NameLookup::~NameLookup() {
    std::lock_guard lock(shared_->mutex);
    shared_->owner = nullptr;
    shared_->io = nullptr;
    shared_->request.reset();
    shared_->wake.notify_all();  // an idle thread ends now, a busy one after its lookup
}

bool NameLookup::is_numeric(const std::string& host) {
    unsigned char buffer[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
           ::inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

LookupResult NameLookup::system_resolve(const std::string& host) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG;
    addrinfo* found = nullptr;
    const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
    if (rc != 0)
        return {{}, gai_strerror(rc)};
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owned(found, &::freeaddrinfo);
    // IPv4 first where there is one: what libmosquitto's own lookup would most likely pick.
    const addrinfo* best = found;
    for (const addrinfo* a = found; a; a = a->ai_next) {
        if (a->ai_family == AF_INET) {
            best = a;
            break;
        }
    }
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw = best->ai_family == AF_INET
                          ? static_cast<const void*>(
                                &reinterpret_cast<const sockaddr_in*>(best->ai_addr)->sin_addr)
                          : static_cast<const void*>(
                                &reinterpret_cast<const sockaddr_in6*>(best->ai_addr)->sin6_addr);
    if (!::inet_ntop(best->ai_family, raw, text, sizeof text))
        return {{}, "the address found cannot be written out"};
    return {text, {}};
}

void NameLookup::resolve(const std::string& host, std::chrono::milliseconds timeout, Done done) {
    const std::uint64_t ticket = ++ticket_;
    done_ = std::move(done);
    if (is_numeric(host)) {
        asio::post(io_, [shared = shared_, ticket, host] {
            if (shared->owner)
                shared->owner->finished(ticket, {host, {}});
        });
        return;
    }
    timeout_.expires_after(timeout);
    timeout_.async_wait([shared = shared_, ticket, timeout](const boost::system::error_code& ec) {
        if (ec || !shared->owner)
            return;
        shared->owner->finished(ticket,
                                {{}, "no answer from the name server within " + seconds(timeout)});
    });
    std::lock_guard lock(shared_->mutex);
    shared_->request.emplace(ticket, host);  // replaces one not yet started: only the newest counts
    if (!shared_->thread_started) {
        shared_->thread_started = true;
        std::thread([shared = shared_] { serve(shared); }).detach();
    }
    shared_->wake.notify_all();
}

void NameLookup::cancel() {
    ++ticket_;
    done_ = nullptr;
    timeout_.cancel();
}

void NameLookup::finished(std::uint64_t ticket, const LookupResult& result) {
    if (ticket != ticket_ || !done_)
        return;  // a late answer to a request that timed out or was replaced
    timeout_.cancel();
    std::exchange(done_, nullptr)(result);
}

// The lookup thread: one name at a time, for as long as its NameLookup lives. Detached, so a
// getaddrinfo that hangs never holds up the station's shutdown.
void NameLookup::serve(const std::shared_ptr<Shared>& shared) {
    std::unique_lock lock(shared->mutex);
    for (;;) {
        shared->wake.wait(lock, [&] { return shared->request || !shared->io; });
        if (!shared->io)
            return;
        const auto [ticket, host] = *std::exchange(shared->request, std::nullopt);
        lock.unlock();
        const LookupResult result = shared->resolve(host);
        lock.lock();
        if (!shared->io)
            return;
        asio::post(*shared->io, [shared, ticket = ticket, result] {
            if (shared->owner)
                shared->owner->finished(ticket, result);
        });
    }
}

}  // namespace rs::mqtt
