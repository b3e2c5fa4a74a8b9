// huji verify-qr: checks a document's QR text offline against the office's published public
// key (GET /api/v1/verify/keys), without a database or a network: prints what the QR says as
// JSON and exits 0 when its signature holds, else prints why and exits 1.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "service/document_registry.h"

namespace huji::cli {

namespace {

struct VerifyQrOptions {
  std::string public_key, text;
};

int verify_qr(const VerifyQrOptions& o) {
  auto content = service::verify_qr(o.text, o.public_key);
  if (!content.ok()) {
    fail(content.error());
    return 1;
  }
  nlohmann::json out = {{"valid", true},
                        {"check_code", service::group_check_code(content->check_code)},
                        {"document", content->kind},
                        {"office_code", content->office_code},
                        {"issued_on", content->issued_on.to_iso()},
                        {"digest", content->digest}};
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

Command add_verify_qr_command(CLI::App& app) {
  auto o = std::make_shared<VerifyQrOptions>();
  auto* cmd = app.add_subcommand("verify-qr",
                                 "check a document's QR text offline with the office's public key");
  cmd->add_option("--public-key", o->public_key,
                  "the office's Ed25519 public key, hex (GET /api/v1/verify/keys)")
      ->required();
  cmd->add_option("text", o->text, "the QR code's text (HJ1:…)")->required();
  return {cmd, [o](CommandContext&) { return verify_qr(*o); }, false};
}

}  // namespace huji::cli
