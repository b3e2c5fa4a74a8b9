#ifndef HUJI_STORE_JOURNAL_AUDIT_CHECKPOINT_FILE_H_
#define HUJI_STORE_JOURNAL_AUDIT_CHECKPOINT_FILE_H_

// The files behind the audit trail's signed checkpoints (service/audit_checkpoint.h):
//
// The key file: the Ed25519 secret key as one line of hex (128 digits), mode 0600. It is
// refused when group or others may read it (as ssh refuses a private key).
//
// The checkpoint file: append-only, one JSON object per line, each line synced (fdatasync)
// before the checkpoint counts as written:
//   {"seq":1234,"hash":"…","at_ms":1732000000000,"server":"huji-1","journal":"…",
//    "public_key":"…","signature":"…"}
// A last line without its newline is a write that a crash cut short, and is ignored; any other
// line that does not parse is a damaged file.

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/audit_checkpoint.h"

namespace huji::store {

// Reads the key file. kNotFound "audit.key_missing" when there is none.
core::Result<service::AuditSigningKey> read_signing_key(const std::string& path);
// Writes a new key to `path` (mode 0600, synced); fails when the file exists.
core::Result<service::AuditSigningKey> create_signing_key(const std::string& path);

// Opens (creating, mode 0600) the checkpoint file for appending.
core::Result<std::unique_ptr<service::AuditCheckpointLog>> open_checkpoint_file(
    const std::string& path);
// The checkpoints in the file, oldest first; none when it does not exist.
core::Result<std::vector<service::AuditCheckpoint>> read_checkpoint_file(const std::string& path);

}  // namespace huji::store

#endif  // HUJI_STORE_JOURNAL_AUDIT_CHECKPOINT_FILE_H_
