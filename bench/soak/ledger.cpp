#include "soak/ledger.hpp"

#include <fstream>
#include <sstream>

namespace rs::soak {

std::vector<ProducedEvent> read_produced(const std::filesystem::path& file) {
    std::vector<ProducedEvent> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        ProducedEvent e;
        if (fields >> e.event_id >> e.type >> e.session_id)
            out.push_back(std::move(e));
    }
    return out;
}

Ledger reconcile(const std::vector<ProducedEvent>& produced,
                 const std::vector<ArrivedEvent>& arrived) {
    Ledger l;
    l.produced = produced.size();

    // What must arrive: every produced event, and for each session the kiosk started but did
    // not end itself (a stop cut it short), its power_loss closing; or, when every step of it
    // had been stored (killed on the summary screen), its closing as completed instead.
    std::set<std::string> expected;
    std::map<std::string, std::string> instead;  // "-completed" id -> the closing it stands for
    std::map<std::string, bool> session_closed;
    for (const auto& p : produced) {
        expected.insert(p.event_id);
        if (p.type == "session_started")
            session_closed.emplace(p.session_id, false);
        if (p.type == "session_completed" || p.type == "session_abandoned")
            session_closed[p.session_id] = true;
    }
    for (const auto& [session, closed] : session_closed) {
        if (!closed) {
            expected.insert(session + "-power-loss");
            instead.emplace(session + "-completed", session + "-power-loss");
            ++l.power_loss_expected;
        }
    }
    l.expected = expected.size();

    std::map<std::string, std::int64_t> seq_of;
    std::map<std::int64_t, std::string> id_of;
    std::map<std::string, std::set<std::string>> starts, closings;  // session -> event ids
    for (const auto& e : arrived) {
        ++l.arrivals;
        const auto [it, fresh] = seq_of.emplace(e.event_id, e.seq);
        if (!fresh) {
            ++l.repeats;
            if (it->second != e.seq)
                l.twice.push_back("event " + e.event_id + " came with seq " +
                                  std::to_string(it->second) + " and " + std::to_string(e.seq));
            continue;
        }
        const auto [other, unused] = id_of.emplace(e.seq, e.event_id);
        if (other->second != e.event_id)
            l.twice.push_back("seq " + std::to_string(e.seq) + " names " + other->second + " and " +
                              e.event_id);
        ++l.by_type[e.type];
        if (e.type == "session_started") {
            starts[e.session_id].insert(e.event_id);
            l.class_sessions += e.source == "class";
        }
        if (e.type == "session_completed" || e.type == "session_abandoned")
            closings[e.session_id].insert(e.event_id);
        if (e.type == "session_abandoned")
            ++l.abandoned_by_reason[e.reason];
        if (!expected.count(e.event_id) && !instead.count(e.event_id))
            l.unexpected.push_back(e.event_id + " (" + e.type + ", seq " + std::to_string(e.seq) +
                                   ")");
    }
    l.distinct = seq_of.size();
    std::set<std::string> stood_for;
    for (const auto& [id, closing] : instead)
        if (seq_of.count(id))
            stood_for.insert(closing);
    for (const auto& id : expected) {
        if (!seq_of.count(id) && !stood_for.count(id))
            l.lost.push_back(id);
    }
    for (const auto* group : {&starts, &closings}) {
        for (const auto& [session, ids] : *group) {
            if (ids.size() > 1) {
                std::string all;
                for (const auto& id : ids)
                    all += " " + id;
                l.twice.push_back("session " + session + " " +
                                  (group == &starts ? "started" : "ended") + " under" + all);
            }
        }
    }
    if (!id_of.empty())
        l.max_seq = id_of.rbegin()->first;
    for (std::int64_t s = 1; s <= l.max_seq; ++s) {
        if (!id_of.count(s))
            l.missing_seqs.push_back(s);
    }
    return l;
}

}  // namespace rs::soak
