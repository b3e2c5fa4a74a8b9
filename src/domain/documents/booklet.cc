#include "domain/documents/booklet.h"

#include <algorithm>

namespace huji::domain {

using core::Error;

const char* booklet_kind_code(BookletKind k) {
  return k == BookletKind::kIssue ? "issue" : "replacement";
}

std::optional<BookletKind> booklet_kind_from_code(std::string_view code) {
  if (code == "issue") return BookletKind::kIssue;
  if (code == "replacement") return BookletKind::kReplacement;
  return std::nullopt;
}

const char* booklet_capacity_code(BookletCapacity c) {
  switch (c) {
    case BookletCapacity::kHead: return "head";
    case BookletCapacity::kMember: return "member";
    case BookletCapacity::kAgent: return "agent";
  }
  return "head";
}

core::Result<BookletCapacity> booklet_capacity(const Household& household,
                                               const std::vector<Person>& members,
                                               const BookletApplicant& applicant) {
  auto member = [&](const std::string& id) {
    return !id.empty() && std::any_of(members.begin(), members.end(), [&](const Person& p) {
      return p.id_number == id && p.status == PersonStatus::kActive;
    });
  };
  if (applicant.id_number == household.head_id && member(applicant.id_number)) {
    return BookletCapacity::kHead;
  }
  if (member(applicant.id_number)) return BookletCapacity::kMember;
  if (applicant.principal_id.empty() || !member(applicant.principal_id)) {
    return Error::denied("booklet.unrelated",
                         "申請人非戶長或戶內人口，亦非其受委託人，不得申請戶口名簿",
                         "the applicant is neither the head nor a member of the household, nor "
                         "their agent");
  }
  if (applicant.reason.empty()) {
    return Error::invalid("booklet.reason", "受委託人申請須敘明委託事由",
                          "an agent states the reason of the application");
  }
  return BookletCapacity::kAgent;
}

core::Status check_booklet_issue(BookletKind kind, bool has_booklet_in_force) {
  if (kind == BookletKind::kIssue && has_booklet_in_force) {
    return Error::unprocessable("booklet.already_issued", "此戶已有有效戶口名簿，請辦理補領",
                                "the household has a booklet in force; replace it");
  }
  if (kind == BookletKind::kReplacement && !has_booklet_in_force) {
    return Error::unprocessable("booklet.none", "此戶尚無有效戶口名簿，請辦理請領",
                                "the household has no booklet in force; issue one");
  }
  return {};
}

}  // namespace huji::domain
