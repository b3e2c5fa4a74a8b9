#ifndef HUJI_DOMAIN_DOCUMENTS_BOOKLET_H_
#define HUJI_DOMAIN_DOCUMENTS_BOOKLET_H_

// 戶口名簿: the household's certificate booklet. A household holds at most one booklet in
// force; a replacement (補領/換領) supersedes it. Who applies: the head (戶長) or a member of
// the household; anyone else only as the agent (受委託人) of the head or a member, with a
// stated reason. Refusals name no person.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/register/model.h"

namespace huji::domain {

enum class BookletKind {
  kIssue,        // 請領: the household has none in force
  kReplacement,  // 補領/換領: supersedes the one in force
};
const char* booklet_kind_code(BookletKind k);  // issue | replacement
std::optional<BookletKind> booklet_kind_from_code(std::string_view code);

enum class BookletCapacity { kHead, kMember, kAgent };
const char* booklet_capacity_code(BookletCapacity c);  // head | member | agent

// The applicant as the clerk records them; principal_id and reason for an agent only.
struct BookletApplicant {
  std::string id_number;
  std::string principal_id;
  std::string reason;
};

// The applicant's capacity towards `household` (its current `members`), or 403
// booklet.unrelated (not head, member nor a stated agent of one), 400 booklet.reason (an
// agent without a reason).
core::Result<BookletCapacity> booklet_capacity(const Household& household,
                                               const std::vector<Person>& members,
                                               const BookletApplicant& applicant);

// 422 booklet.already_issued (an issue while one is in force) or booklet.none (a replacement
// with none in force).
core::Status check_booklet_issue(BookletKind kind, bool has_booklet_in_force);

}  // namespace huji::domain

#endif  // HUJI_DOMAIN_DOCUMENTS_BOOKLET_H_
