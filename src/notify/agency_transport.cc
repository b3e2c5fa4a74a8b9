#include "notify/agency_transport.h"

#include "notify/file_drop.h"

namespace huji::notify {

service::DeliveryAnswer AgencyTransport::deliver(const domain::notify::Agency& agency,
                                                 const service::OutgoingMessage& m) {
  if (agency.channel == domain::notify::Channel::kFileDrop) return drop_file(agency.url, m);
  return webhook_.post(agency.url, m);
}

}  // namespace huji::notify
