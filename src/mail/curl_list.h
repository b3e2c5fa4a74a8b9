#ifndef HUJI_MAIL_CURL_LIST_H_
#define HUJI_MAIL_CURL_LIST_H_

// libcurl's string lists (headers, recipients) owned by a unique_ptr: SMTP (smtp_transport.h)
// and webhooks (notify/webhook_transport.h).

#include <curl/curl.h>

#include <memory>
#include <string>

namespace huji::mail {

struct CurlListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlList = std::unique_ptr<curl_slist, CurlListDeleter>;

// Appends a copy of `line` (left unchanged when curl is out of memory).
inline void append(CurlList& list, const std::string& line) {
  curl_slist* next = curl_slist_append(list.get(), line.c_str());
  if (next != nullptr) {
    (void)list.release();
    list.reset(next);
  }
}

}  // namespace huji::mail

#endif  // HUJI_MAIL_CURL_LIST_H_
