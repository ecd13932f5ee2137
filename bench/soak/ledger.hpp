// The soak's accounting of usage events: what the kiosk produced (its produced log), what it
// must have added at a restart (a power_loss closing for every session a stop cut short), and
// what arrived at the collector; and the checks between them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "soak/collector.hpp"

namespace rs::soak {

struct ProducedEvent {
    std::string event_id, type, session_id;
};

std::vector<ProducedEvent> read_produced(const std::filesystem::path& file);

struct Ledger {
    std::size_t produced = 0;  // by the kiosk's event sink, over every run
    std::size_t power_loss_expected = 0;
    std::size_t expected = 0;  // produced + power-loss closings
    std::size_t arrivals = 0;  // every message on the event topic, repeats included
    std::size_t distinct = 0;  // distinct event ids that arrived
    std::size_t repeats = 0;   // the same event again (at-least-once delivery)
    std::int64_t max_seq = 0;
    std::vector<std::int64_t> missing_seqs;  // gaps in 1..max_seq
    std::vector<std::string> lost;           // expected ids that never arrived
    std::vector<std::string> unexpected;     // ids that arrived but were never produced
    std::vector<std::string> twice;          // one event under two ids, or one id with two seqs
    std::map<std::string, int> by_type;      // distinct arrivals per type
    std::map<std::string, int> abandoned_by_reason;
    int class_sessions = 0;
    bool ok() const {
        return missing_seqs.empty() && lost.empty() && unexpected.empty() && twice.empty() &&
               distinct == expected;
    }
};

Ledger reconcile(const std::vector<ProducedEvent>& produced,
                 const std::vector<ArrivedEvent>& arrived);

}  // namespace rs::soak
