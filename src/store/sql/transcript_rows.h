#ifndef HUJI_STORE_SQL_TRANSCRIPT_ROWS_H_
#define HUJI_STORE_SQL_TRANSCRIPT_ROWS_H_

// service::TranscriptTx over table transcripts, and a household's entries from events.

#include <optional>
#include <string>
#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/events.h"
#include "store/sql/transcripts.h"

namespace huji::store::sql {

template <class Core>
class TranscriptRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Result<int64_t> insert_transcript(const service::TranscriptRecord& t) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(transcripts::kInsert));
    transcripts::bind(st, t);
    return returned_id(st);
  }

  core::Result<std::optional<service::TranscriptRecord>> find_transcript(int64_t id) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(transcripts::kFind));
    st.bind(1, id);
    return first_row<service::TranscriptRecord>(st, transcripts::read<Statement>);
  }

  core::Result<std::vector<domain::Event>> events_of_household(const std::string& no) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(transcripts::kEventsOfHousehold));
    st.bind(1, no);
    return collect_rows<domain::Event>(st, events::read<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_TRANSCRIPT_ROWS_H_
