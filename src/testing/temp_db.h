#ifndef HUJI_TESTING_TEMP_DB_H_
#define HUJI_TESTING_TEMP_DB_H_

// A fresh SQLite database file in a temporary directory, removed afterwards (tests only).

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.h"

namespace huji::testing {

class TempDb {
 public:
  TempDb() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "huji-test-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    path_ = dir_ + "/huji.db";
    store_ = store::sqlite::SqliteStore::open(path_).value();
  }
  ~TempDb() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  store::sqlite::SqliteStore& store() { return *store_; }
  const std::string& path() const { return path_; }
  // Closes and reopens the database (as after a restart).
  void reopen() {
    store_.reset();
    store_ = store::sqlite::SqliteStore::open(path_).value();
  }

 private:
  std::string dir_, path_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
};

}  // namespace huji::testing

#endif  // HUJI_TESTING_TEMP_DB_H_
