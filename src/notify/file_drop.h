#ifndef HUJI_NOTIFY_FILE_DROP_H_
#define HUJI_NOTIFY_FILE_DROP_H_

// The file channel of cross-agency notification: an agency that collects files instead of
// taking webhooks gets each message as a signed file in its drop directory (the agency's url),
// named <webhook-id>.json and holding a JSON envelope
//   {"webhook-id": …, "webhook-timestamp": …, "webhook-signature": …, "payload": "<body>"}
// where "payload" is the body as a JSON string (its bytes exactly as they were signed).
//
// Written atomically: a hidden temporary file (".<id>.<pid>.tmp") is written and fsync'ed,
// renamed to its name, and the directory fsync'ed; the message is delivered (status 200) only
// when the rename is durable. A retry after a crash writes the same name again (the receiver
// de-duplicates by webhook-id). Failures (a missing directory, a full disk) answer status 0
// with the error, as a webhook that cannot be reached.

#include <string>

#include "service/notification_worker.h"

namespace huji::notify {

service::DeliveryAnswer drop_file(const std::string& dir, const service::OutgoingMessage& m);

// The envelope's text for `m`.
std::string drop_envelope(const service::OutgoingMessage& m);

}  // namespace huji::notify

#endif  // HUJI_NOTIFY_FILE_DROP_H_
