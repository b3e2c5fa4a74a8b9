#include "service/audit_journal.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "service/audit.h"

namespace huji::service {

core::Status move_into_trail(Store& store, const std::string& journal_id,
                             const std::vector<JournaledAudit>& records) {
  if (records.empty()) return {};
  HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(TxMode::kWrite));
  HUJI_ASSIGN_OR_RETURN(const auto stored, tx->audit_journal_mark(journal_id));
  const int64_t mark = stored.value_or(0);
  // Records at or below the mark are in the trail already (a commit whose answer was lost).
  auto from = std::find_if(records.begin(), records.end(),
                           [&](const JournaledAudit& r) { return r.jseq > mark; });
  if (from == records.end()) return {};
  if (from->jseq != mark + 1) {
    return core::Error::internal("audit.journal_gap", "稽核日誌暫存紀錄與稽核軌跡之間有缺漏",
                                 "audit journal records are missing between the trail's mark " +
                                     std::to_string(mark) + " and record " +
                                     std::to_string(from->jseq));
  }
  HUJI_ASSIGN_OR_RETURN(const auto newest, tx->last_audit());
  ChainEnd end = chain_end(newest);
  std::vector<AuditEntry> entries;
  entries.reserve(static_cast<size_t>(records.end() - from));
  for (auto it = from; it != records.end(); ++it) {
    entries.push_back(it->entry);
    chain_after(entries.back(), end);
  }
  HUJI_TRY(tx->append_audits(entries));
  HUJI_TRY(tx->set_audit_journal_mark(journal_id, records.back().jseq));
  return tx->commit();
}

core::Result<int64_t> move_journal_into_trail(Store& store, AuditJournal& journal, size_t chunk) {
  const std::string& id = journal.id();
  std::optional<int64_t> stored;
  {
    HUJI_ASSIGN_OR_RETURN(auto tx, store.begin(TxMode::kWrite));
    HUJI_ASSIGN_OR_RETURN(stored, tx->audit_journal_mark(id));
    if (!stored) {
      // A journal is bound to the first database it is used with: records it holds from
      // before belong to another database's trail.
      if (journal.last_jseq() > 0) {
        return core::Error::internal(
            "audit.journal_foreign",
            "此稽核日誌暫存檔屬於另一個資料庫（已有 " + std::to_string(journal.last_jseq()) +
                " 筆紀錄，本資料庫未曾使用）：請為本資料庫指定另一個目錄",
            "this audit journal belongs to another database (it holds " +
                std::to_string(journal.last_jseq()) +
                " records this database never took): give this database another directory");
      }
      HUJI_TRY(tx->set_audit_journal_mark(id, 0));
      HUJI_TRY(tx->commit());
      return int64_t{0};
    }
  }
  const int64_t mark = *stored;
  if (mark > journal.last_jseq()) {
    return core::Error::internal(
        "audit.journal_behind",
        "稽核軌跡記載已自此稽核日誌暫存檔移入第 " + std::to_string(mark) + " 筆，但暫存檔只到第 " +
            std::to_string(journal.last_jseq()) + " 筆：暫存檔是否被替換？",
        "the trail has moved records through " + std::to_string(mark) +
            " from this audit journal, which ends at " + std::to_string(journal.last_jseq()) +
            ": was the journal replaced?");
  }
  HUJI_ASSIGN_OR_RETURN(auto pending, journal.read_after(mark));
  const size_t step = std::max<size_t>(chunk, 1);
  for (size_t i = 0; i < pending.size(); i += step) {
    const size_t end = std::min(pending.size(), i + step);
    std::vector<JournaledAudit> part(
        std::make_move_iterator(pending.begin() + static_cast<std::ptrdiff_t>(i)),
        std::make_move_iterator(pending.begin() + static_cast<std::ptrdiff_t>(end)));
    HUJI_TRY(move_into_trail(store, id, part));
  }
  HUJI_TRY(journal.release(journal.last_jseq()));
  return static_cast<int64_t>(pending.size());
}

}  // namespace huji::service
