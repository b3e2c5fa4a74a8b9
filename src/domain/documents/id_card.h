#ifndef HUJI_DOMAIN_DOCUMENTS_ID_CARD_H_
#define HUJI_DOMAIN_DOCUMENTS_ID_CARD_H_

// 國民身分證: the rules of issuing a card and of reporting one lost, as the counter applies
// them (docs/DOMAIN.md "ID cards"). A person holds at most one card in force: the newest issue
// that was not cancelled. Issuing a new card supersedes it; a card reported lost (掛失) stays
// lost until the loss is revoked (撤銷掛失) or a replacement (補領) supersedes it, after which
// the loss can no longer be revoked.

#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace huji::domain {

// 戶籍法 §57: a national of 14 or over applies for a card; first issues at this counter are
// made from that age (the optional issue under 14 is not offered here).
inline constexpr int kCardFirstIssueAge = 14;

enum class CardIssueKind {
  kFirst,        // 初領
  kRenewal,      // 換領: the card in force is handed in
  kReplacement,  // 補領: the card in force was reported lost
};
const char* card_issue_kind_code(CardIssueKind k);  // first | renewal | replacement
const char* card_issue_kind_zh(CardIssueKind k);    // 初領 | 換領 | 補領
std::optional<CardIssueKind> card_issue_kind_from_code(std::string_view code);
// The fee schedule's item (data/fees/schedule.txt): id_card_first, id_card_renewal,
// id_card_replacement.
const char* card_fee_item(CardIssueKind k);

enum class CardStatus {
  kValid,       // 有效: in the holder's hands
  kLost,        // 掛失
  kSuperseded,  // 已換發: a later issue replaced it
  kCancelled,   // 誤辦註銷 or otherwise cancelled: as if never issued
};
const char* card_status_code(CardStatus s);  // valid | lost | superseded | cancelled
std::optional<CardStatus> card_status_from_code(std::string_view code);

// Whether a card of `kind` may be issued on `on` to a person born on `birth` (`active`: in the
// register, not removed) whose card in force has status `current` (nullopt: none ever, or
// every one cancelled). Errors are kUnprocessable with codes id_card.under_age,
// id_card.person_removed, id_card.already_issued, id_card.no_card, id_card.not_lost,
// id_card.lost (a lost card is replaced, not renewed).
core::Status check_card_issue(CardIssueKind kind, core::Date birth, bool active, core::Date on,
                              std::optional<CardStatus> current);

// 掛失 of a card with status `s` (only a valid card: id_card.not_valid).
core::Status check_loss_report(CardStatus s);
// 撤銷掛失 of a card with status `s`: only a lost card not yet replaced (id_card.not_lost;
// id_card.replaced once a replacement superseded it).
core::Status check_loss_revocation(CardStatus s, bool was_lost);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_DOCUMENTS_ID_CARD_H_
