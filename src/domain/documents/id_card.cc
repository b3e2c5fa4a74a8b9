#include "domain/documents/id_card.h"

#include <string>

namespace huji::domain {

using core::Error;

const char* card_issue_kind_code(CardIssueKind k) {
  switch (k) {
    case CardIssueKind::kFirst: return "first";
    case CardIssueKind::kRenewal: return "renewal";
    case CardIssueKind::kReplacement: return "replacement";
  }
  return "first";
}

const char* card_issue_kind_zh(CardIssueKind k) {
  switch (k) {
    case CardIssueKind::kFirst: return "初領";
    case CardIssueKind::kRenewal: return "換領";
    case CardIssueKind::kReplacement: return "補領";
  }
  return "初領";
}

std::optional<CardIssueKind> card_issue_kind_from_code(std::string_view code) {
  for (auto k : {CardIssueKind::kFirst, CardIssueKind::kRenewal, CardIssueKind::kReplacement}) {
    if (code == card_issue_kind_code(k)) return k;
  }
  return std::nullopt;
}

const char* card_fee_item(CardIssueKind k) {
  switch (k) {
    case CardIssueKind::kFirst: return "id_card_first";
    case CardIssueKind::kRenewal: return "id_card_renewal";
    case CardIssueKind::kReplacement: return "id_card_replacement";
  }
  return "id_card_first";
}

const char* card_status_code(CardStatus s) {
  switch (s) {
    case CardStatus::kValid: return "valid";
    case CardStatus::kLost: return "lost";
    case CardStatus::kSuperseded: return "superseded";
    case CardStatus::kCancelled: return "cancelled";
  }
  return "valid";
}

std::optional<CardStatus> card_status_from_code(std::string_view code) {
  for (auto s :
       {CardStatus::kValid, CardStatus::kLost, CardStatus::kSuperseded, CardStatus::kCancelled}) {
    if (code == card_status_code(s)) return s;
  }
  return std::nullopt;
}

core::Status check_card_issue(CardIssueKind kind, core::Date birth, bool active, core::Date on,
                              std::optional<CardStatus> current) {
  if (!active) {
    return Error::unprocessable("id_card.person_removed", "當事人已除戶，不得核發國民身分證",
                                "the person is removed from the register; no card is issued");
  }
  switch (kind) {
    case CardIssueKind::kFirst:
      if (birth.years_until(on) < kCardFirstIssueAge) {
        return Error::unprocessable(
            "id_card.under_age",
            "初領國民身分證須年滿 " + std::to_string(kCardFirstIssueAge) + " 歲（戶籍法第 57 條）",
            "a first card is issued from the age of " + std::to_string(kCardFirstIssueAge));
      }
      if (current) {
        return Error::unprocessable("id_card.already_issued",
                                    "當事人已領有國民身分證，請辦理換領或補領",
                                    "the person already has a card; renew or replace it");
      }
      return {};
    case CardIssueKind::kRenewal:
      if (!current) {
        return Error::unprocessable("id_card.no_card", "當事人未曾領證，請辦理初領",
                                    "the person has no card; issue a first card");
      }
      if (*current == CardStatus::kLost) {
        return Error::unprocessable("id_card.lost", "原證已掛失，請辦理補領",
                                    "the card in force is reported lost; replace it");
      }
      return {};
    case CardIssueKind::kReplacement:
      if (!current) {
        return Error::unprocessable("id_card.no_card", "當事人未曾領證，請辦理初領",
                                    "the person has no card; issue a first card");
      }
      if (*current != CardStatus::kLost) {
        return Error::unprocessable("id_card.not_lost", "補領前須先辦理原證掛失",
                                    "report the card in force lost before replacing it");
      }
      return {};
  }
  return {};
}

core::Status check_loss_report(CardStatus s) {
  if (s != CardStatus::kValid) {
    return Error::unprocessable("id_card.not_valid", "僅有效的國民身分證可掛失",
                                "only a card in force can be reported lost");
  }
  return {};
}

core::Status check_loss_revocation(CardStatus s, bool was_lost) {
  if (s == CardStatus::kSuperseded && was_lost) {
    return Error::unprocessable("id_card.replaced", "原證已補領新證，不得撤銷掛失",
                                "a replacement has been issued; the loss cannot be revoked");
  }
  if (s != CardStatus::kLost) {
    return Error::unprocessable("id_card.not_lost", "此證未掛失，無從撤銷掛失",
                                "the card is not reported lost");
  }
  return {};
}

}  // namespace huji::domain
