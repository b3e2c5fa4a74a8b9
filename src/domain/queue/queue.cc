#include "domain/queue/queue.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

namespace huji::domain::queue {

const char* reason_code(Reason r) {
  switch (r) {
    case Reason::kCap: return "cap";
    case Reason::kOvertaken: return "overtaken";
    case Reason::kAppointment: return "appointment";
    case Reason::kPriority: return "priority";
    case Reason::kOrdinary: return "ordinary";
  }
  return "ordinary";
}

bool serves(const Counter& counter, const std::string& service) {
  return std::find(counter.services.begin(), counter.services.end(), service) !=
         counter.services.end();
}

namespace {

// Earlier arrival first; the same millisecond: the smaller id.
bool earlier(const Ticket& a, const Ticket& b) {
  return a.arrived_ms != b.arrived_ms ? a.arrived_ms < b.arrived_ms : a.id < b.id;
}

}  // namespace

std::optional<Choice> choose_next(const std::vector<Ticket>& waiting, const Counter& counter,
                                  const Policy& policy, const CallState& state, int64_t now_ms) {
  const int64_t cap_ms = int64_t{policy.cap_min} * 60'000;
  std::optional<size_t> past_cap, overtaken, appointment, priority, ordinary;
  auto better = [&](std::optional<size_t>& best, size_t i) {
    if (!best || earlier(waiting[i], waiting[*best])) best = i;
  };
  for (size_t i = 0; i < waiting.size(); ++i) {
    const Ticket& t = waiting[i];
    if (t.status != kWaiting || !serves(counter, t.service) || t.ready_ms > now_ms) continue;
    if (now_ms - t.arrived_ms >= cap_ms) better(past_cap, i);
    if (!t.priority && t.overtaken >= policy.max_overtaken) better(overtaken, i);
    if (t.appointment_id != 0) {
      if (!appointment || t.ready_ms < waiting[*appointment].ready_ms ||
          (t.ready_ms == waiting[*appointment].ready_ms && earlier(t, waiting[*appointment]))) {
        appointment = i;
      }
    } else if (t.priority) {
      better(priority, i);
    } else {
      better(ordinary, i);
    }
  }
  if (past_cap) return Choice{*past_cap, Reason::kCap};
  if (overtaken) return Choice{*overtaken, Reason::kOvertaken};
  if (appointment) return Choice{*appointment, Reason::kAppointment};
  if (priority && (!ordinary || state.priority_streak < policy.priority_ratio)) {
    return Choice{*priority, Reason::kPriority};
  }
  if (ordinary) return Choice{*ordinary, Reason::kOrdinary};
  return std::nullopt;
}

std::vector<size_t> overtaken_by(const std::vector<Ticket>& waiting, const Ticket& called,
                                 const Counter& counter) {
  std::vector<size_t> out;
  for (size_t i = 0; i < waiting.size(); ++i) {
    const Ticket& t = waiting[i];
    if (t.id == called.id || t.status != kWaiting || t.priority) continue;
    if (!serves(counter, t.service) || !earlier(t, called)) continue;
    // An appointment's ticket checked in before its slot cannot be called yet: later arrivals
    // called meanwhile do not overtake it (else it would pass the bound before it is ready).
    if (t.ready_ms > called.called_ms) continue;
    out.push_back(i);
  }
  return out;
}

CallState after_call(CallState state, bool priority) {
  state.priority_streak = priority ? state.priority_streak + 1 : 0;
  return state;
}

int ticket_number(const Service& service, int daily_no) {
  return service.number_base + ((std::max(daily_no, 1) - 1) % 999) + 1;
}

std::vector<Service> default_services() {
  return {
      {"registration", "戶籍登記", "Household registration", 1000, 1, true},
      {"transcript", "謄本申請（謄得快）", "Transcripts (quick counter)", 2000, 2, true},
      {"id_card", "國民身分證", "National ID card", 3000, 3, true},
      {"seal", "印鑑登記與證明", "Seal registration and certificates", 4000, 4, true},
      {"nationality", "國籍業務", "Nationality", 5000, 5, true},
      {"certificate", "自然人憑證", "Citizen digital certificate", 6000, 6, true},
      {"english", "英語服務", "Service in English", 7000, 7, true},
  };
}

std::vector<Counter> default_counters() {
  const std::vector<std::string> all = {"registration", "transcript", "id_card", "seal"};
  return {
      {"1", "全功能櫃台 1", "Full-service counter 1", all, true, 1},
      {"2", "全功能櫃台 2", "Full-service counter 2", all, true, 2},
      {"3", "全功能櫃台 3", "Full-service counter 3", all, true, 3},
      {"4", "博愛窗口", "Priority counter", all, true, 4},
      {"5", "謄得快", "Quick transcripts", {"transcript"}, true, 5},
      {"6", "國籍專櫃", "Nationality counter", {"nationality", "registration"}, true, 6},
      {"7", "自然人憑證", "Digital certificates", {"certificate", "id_card"}, true, 7},
      {"8", "英語櫃台", "English counter", {"english", "transcript", "registration"}, true, 8},
  };
}

namespace {

bool code_ok(const std::string& s) {
  return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool counter_id_ok(const std::string& s) {
  return !s.empty() && s.size() <= 8 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

bool name_ok(const std::string& s) { return !s.empty() && s.size() <= 120; }

}  // namespace

std::optional<Problem> check_service(const Service& s) {
  if (!code_ok(s.code)) {
    return Problem{"queue.service_code", "服務代碼須為 1–32 個小寫英數字或底線",
                   "a service code is 1–32 lower-case letters, digits or underscores"};
  }
  if (!name_ok(s.name_zh) || !name_ok(s.name_en)) {
    return Problem{"queue.service_name", "服務名稱（中文、英文）必填，至多 120 位元組",
                   "a service needs a Chinese and an English name (at most 120 bytes)"};
  }
  if (s.number_base < 1000 || s.number_base > 9000 || s.number_base % 1000 != 0) {
    return Problem{"queue.number_base", "號碼起點須為 1000–9000 之千位數",
                   "number_base must be a multiple of 1000 from 1000 to 9000"};
  }
  return std::nullopt;
}

std::optional<Problem> check_counter(const Counter& c, const std::vector<Service>& services) {
  if (!counter_id_ok(c.id)) {
    return Problem{"queue.counter_id", "櫃台代號須為 1–8 個英數字",
                   "a counter id is 1–8 letters or digits"};
  }
  if (!name_ok(c.name_zh) || !name_ok(c.name_en)) {
    return Problem{"queue.counter_name", "櫃台名稱（中文、英文）必填，至多 120 位元組",
                   "a counter needs a Chinese and an English name (at most 120 bytes)"};
  }
  if (c.services.empty()) {
    return Problem{"queue.counter_services", "櫃台至少須服務一項業務",
                   "a counter serves at least one service"};
  }
  std::set<std::string> seen;
  for (const auto& code : c.services) {
    const bool known = std::any_of(services.begin(), services.end(),
                                   [&](const Service& s) { return s.code == code; });
    if (!known) {
      return Problem{"queue.unknown_service", "無此服務：" + code, "no such service: " + code};
    }
    if (!seen.insert(code).second) {
      return Problem{"queue.counter_services", "服務重複：" + code,
                     "service listed twice: " + code};
    }
  }
  return std::nullopt;
}

std::optional<Problem> check_policy(const Policy& p) {
  auto bad = [](const char* key, int lo, int hi) {
    return Problem{
        "queue.policy",
        std::string(key) + " 須介於 " + std::to_string(lo) + " 與 " + std::to_string(hi) + " 之間",
        std::string(key) + " must be from " + std::to_string(lo) + " to " + std::to_string(hi)};
  };
  if (p.priority_ratio < 1 || p.priority_ratio > 10) return bad("priority_ratio", 1, 10);
  if (p.max_overtaken < 1 || p.max_overtaken > 200) return bad("max_overtaken", 1, 200);
  if (p.cap_min < 5 || p.cap_min > 240) return bad("cap_min", 5, 240);
  if (p.recall_pause_s < 0 || p.recall_pause_s > 600) return bad("recall_pause_s", 0, 600);
  if (p.no_show_grace_min < 0 || p.no_show_grace_min > 120) return bad("no_show_grace_min", 0, 120);
  if (p.target_wait_min < 1 || p.target_wait_min > 240) return bad("target_wait_min", 1, 240);
  if (p.target_share_pct < 1 || p.target_share_pct > 100) return bad("target_share_pct", 1, 100);
  return std::nullopt;
}

namespace {

struct Field {
  const char* key;
  int Policy::*member;
};
constexpr Field kFields[] = {
    {"priority_ratio", &Policy::priority_ratio},
    {"max_overtaken", &Policy::max_overtaken},
    {"cap_min", &Policy::cap_min},
    {"recall_pause_s", &Policy::recall_pause_s},
    {"no_show_grace_min", &Policy::no_show_grace_min},
    {"target_wait_min", &Policy::target_wait_min},
    {"target_share_pct", &Policy::target_share_pct},
};

}  // namespace

std::string policy_text(const Policy& p) {
  std::string out;
  for (const auto& f : kFields) {
    out.append(f.key).append("=").append(std::to_string(p.*(f.member))).append("\n");
  }
  return out;
}

std::optional<Policy> parse_policy(const std::string& text) {
  Policy p;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = line.substr(0, eq);
    const auto* f = std::find_if(std::begin(kFields), std::end(kFields),
                                 [&](const Field& x) { return key == x.key; });
    if (f == std::end(kFields)) return std::nullopt;
    int v = 0;
    const char* b = line.data() + eq + 1;
    const char* e = line.data() + line.size();
    auto [ptr, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || ptr != e) return std::nullopt;
    p.*(f->member) = v;
  }
  return p;
}

}  // namespace huji::domain::queue
