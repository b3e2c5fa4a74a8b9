#ifndef HUJI_DOMAIN_NOTIFY_AGENCY_H_
#define HUJI_DOMAIN_NOTIFY_AGENCY_H_

// Partner agencies of the cross-agency notification service (跨機關通報, 戶政 N 合一;
// DOMAIN §5): who receives which registrations, which fields each may see (data
// minimisation: the land office does not get the spouse's name), and how it is reached.
//
// An agency is configuration kept in the database (admin API). A registration notifies only
// the agencies the citizen agreed to (a consent recorded at the counter), only when the
// agency receives that registration type, and sends only the agency's fields.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace huji::domain::notify {

// How a notification reaches the agency: a webhook following the Standard Webhooks
// specification (HTTP POST, signed), or a signed file batch written to a drop directory.
enum class Channel { kWebhook, kFileDrop };
const char* channel_code(Channel c);  // "webhook" | "file"
std::optional<Channel> channel_from_code(const std::string& code);

struct Agency {
  std::string code;  // [a-z0-9_]{2,32}, e.g. "tax", "land_daan", "nhi"
  std::string name_zh;
  std::string name_en;
  // Agencies of one group count as one in the notification rate (seed 002: several land
  // offices are one agency); "" = the agency's own code.
  std::string group;
  Channel channel = Channel::kWebhook;
  std::string url;     // webhook: http(s)://…; file: the drop directory
  std::string secret;  // whsec_<base64>: the v1 HMAC-SHA256 key
  // During a rotation the previous secret still signs (two v1 signatures at once) until
  // the admin ends the rotation.
  std::string previous_secret;
  // v1a Ed25519 (per agency): the signing key in the specification's whsk_<base64> form
  // (libsodium's 64-byte secret key), "" = no asymmetric signature. Its public key
  // (whpk_<base64>) is what the agency verifies with.
  std::string signing_key;
  std::vector<std::string> types;   // registration type codes it receives
  std::vector<std::string> fields;  // person fields it may see (kPayloadFields)
  bool active = true;
  std::string disabled_reason;  // why inactive: "gone" (the endpoint answered 410), "admin"
  // The delivery worker does not call the agency before this instant (429/502/504 slow it
  // down; Retry-After is honoured).
  int64_t paused_until_ms = 0;
  int64_t version = 1;
  int64_t updated_ms = 0;
  std::string updated_by;

  bool receives(const std::string& type) const;
  const std::string& count_group() const { return group.empty() ? code : group; }
};

// The registration types a citizen may have notified (DOMAIN §5, seed 002 §7: 遷入、住址變更
// (不含逕為)、出生日期更正、統一編號變更、姓名變更、出生、死亡、初設戶籍、結婚; and the loss of
// both ID and NHI card, which is not a registration). Their count is the denominator of the
// 北斗 notification rate.
const std::vector<std::string>& notifiable_types();
bool is_notifiable(const std::string& type);

// The person fields an agency may be given, named as in the person JSON.
const std::vector<std::string>& payload_fields();

// Checks an agency's configuration: code, names, channel target, whsec_ secret (at least
// 24 bytes of key), known types and fields. Error codes agency.*.
core::Status validate(const Agency& a);

// The part of `all` (field → value, as the register gives it) the agency may see, in
// payload_fields() order.
std::map<std::string, std::string> minimise(const Agency& a,
                                            const std::map<std::string, std::string>& all);

}  // namespace huji::domain::notify

#endif  // HUJI_DOMAIN_NOTIFY_AGENCY_H_
