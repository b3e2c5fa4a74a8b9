#ifndef HUJI_STORE_SQL_APPLICATION_DOCUMENTS_H_
#define HUJI_STORE_SQL_APPLICATION_DOCUMENTS_H_

// Table application_documents: the documents attached to an application.

#include <string>

#include "service/records.h"
#include "store/sql/common.h"

namespace huji::store::sql::application_documents {

inline const std::string kInsert =
    "INSERT INTO application_documents (application_id, filename, mime, sha256, size, "
    "content, uploaded_by, uploaded_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id";
inline constexpr const char* kColumns =
    "id, application_id, filename, mime, sha256, size, uploaded_by, uploaded_ms";
inline const std::string kOfApplication = join(
    {"SELECT ", kColumns, " FROM application_documents WHERE application_id = $1 ORDER BY id"});
inline const std::string kOfApplicationWithContent =
    join({"SELECT ", kColumns,
          ", content FROM application_documents WHERE "
          "application_id = $1 ORDER BY id"});

// Reads kColumns, and the content after them when `with_content`.
template <typename Statement>
service::DocumentRecord read(const Statement& st, bool with_content) {
  service::DocumentRecord d;
  d.id = st.int64(0);
  d.application_id = st.int64(1);
  d.filename = st.text(2);
  d.mime = st.text(3);
  d.sha256 = st.text(4);
  d.size = st.int64(5);
  d.uploaded_by = st.text(6);
  d.uploaded_ms = st.int64(7);
  if (with_content) d.content = st.blob(8);
  return d;
}

}  // namespace huji::store::sql::application_documents

#endif  // HUJI_STORE_SQL_APPLICATION_DOCUMENTS_H_
