#ifndef HUJI_STORE_SQL_RULE_ROWS_H_
#define HUJI_STORE_SQL_RULE_ROWS_H_

// service::RulesTx over table rule_versions.

#include <vector>

#include "service/transaction.h"
#include "store/rows.h"
#include "store/sql/common.h"
#include "store/sql/rule_versions.h"

namespace huji::store::sql {

template <class Core>
class RuleRows : public Core {
 public:
  using Core::Core;
  using Statement = typename Core::Statement;

  core::Status put_rule_version(const service::RuleVersionRecord& r) override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(rule_versions::kPut));
    return st.bind(1, r.effective_from.to_iso())
        .bind(2, r.text)
        .bind(3, r.loaded_by)
        .bind(4, r.loaded_ms)
        .run();
  }

  core::Result<std::vector<service::RuleVersionRecord>> list_rule_versions() override {
    HUJI_ASSIGN_OR_RETURN(auto st, this->prep(rule_versions::kList));
    return collect_rows<service::RuleVersionRecord>(st, rule_versions::read<Statement>);
  }
};

}  // namespace huji::store::sql

#endif  // HUJI_STORE_SQL_RULE_ROWS_H_
