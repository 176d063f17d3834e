// The fixture every store test uses: a fresh SQLite database per test and, when DUIBIAO_TEST_PG
// names a PostgreSQL database (scripts/test starts one), the same test on PostgreSQL.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/region.h"
#include "store/database.h"
#include "store/enterprise_store.h"
#include "store/migrations.h"
#include "store/reference_data.h"
#include "store/reference_store.h"

namespace duibiao {

namespace fs = std::filesystem;

inline std::string pg_url() {
  const char* v = std::getenv("DUIBIAO_TEST_PG");
  return v ? v : "";
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      if (pg_url().empty()) {
        if (std::getenv("DUIBIAO_REQUIRE_PG")) FAIL() << "DUIBIAO_TEST_PG is not set";
        GTEST_SKIP() << "DUIBIAO_TEST_PG not set";
      }
      {
        auto admin = Database::open(pg_url(), 1);
        admin->read([](Tx& tx) {
          tx.sql << "DROP SCHEMA IF EXISTS public CASCADE";
          tx.sql << "CREATE SCHEMA public";
        });
      }
      db_ = Database::open(pg_url(), 4);
    } else {
      dir_ = fs::temp_directory_path() /
             ("duibiao-store-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      fs::remove_all(dir_);
      fs::create_directories(dir_);
      db_ = Database::open("sqlite:" + (dir_ / "t.db").string(), 4);
    }
    migrate(*db_);
    load_reference_data(*db_);
  }
  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  Enterprise make_enterprise(const std::string& code, const std::string& region) {
    Enterprise e;
    e.name = "企业" + code;
    e.credit_code = code;
    e.credit_code_status = "valid";
    db_->read([&](Tx& tx) {
      auto r = find_region(tx, region);
      e.region_code = r->code;
      e.region_path = r->path;
    });
    e.industry_code = "38";
    e.contact_name = "张三";
    e.contact_phone = "0574-87654321";
    e.flags = {"little_giant", "gazelle"};
    e.created_at = e.updated_at = 1700000000;
    db_->write([&](Tx& tx) { e.id = insert_enterprise(tx, e); });
    return e;
  }

  Scope scope_of(const std::string& region) {
    std::string path;
    db_->read([&](Tx& tx) { path = find_region(tx, region)->path; });
    auto r = subtree_range(path);
    return Scope{r.lo, r.hi, 0};
  }

  std::unique_ptr<Database> db_;
  fs::path dir_;
};

}  // namespace duibiao
