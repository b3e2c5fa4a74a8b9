#ifndef HUJI_NOTIFY_AGENCY_TRANSPORT_H_
#define HUJI_NOTIFY_AGENCY_TRANSPORT_H_

// The worker's transport in `huji serve`: each agency by its channel, a webhook POST
// (webhook_transport.h) or a file in its drop directory (file_drop.h).

#include "notify/webhook_transport.h"
#include "service/notification_worker.h"

namespace huji::notify {

class AgencyTransport final : public service::NotificationTransport {
 public:
  explicit AgencyTransport(WebhookSettings settings = {}) : webhook_(settings) {}
  service::DeliveryAnswer deliver(const domain::notify::Agency& agency,
                                  const service::OutgoingMessage& m) override;

 private:
  WebhookTransport webhook_;
};

}  // namespace huji::notify

#endif  // HUJI_NOTIFY_AGENCY_TRANSPORT_H_
