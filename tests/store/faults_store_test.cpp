// Shared throttles and connection recovery on both backends (issue 11 §3): the code-guessing
// throttle counts every miss exactly once however many writers race (the count each miss gets
// back is what the service answers by), login attempts reserved before the password check count
// each other, and a pooled PostgreSQL connection whose server end went away is replaced on its
// next use instead of failing every later request.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>

#include "store/session_store.h"
#include "store/throttle_store.h"
#include "store_fixture.h"

namespace duibiao {
namespace {

class FaultsStoreTest : public StoreTest {};

TEST_P(FaultsStoreTest, CodeMissesAreCountedPerWindow) {
  const long long window = 600;
  db_->read([&](Tx& tx) { EXPECT_FALSE(find_code_misses(tx, "10.0.0.1")); });
  for (long long i = 1; i <= 3; ++i)
    db_->write([&](Tx& tx) {
      EXPECT_EQ(record_code_miss(tx, "10.0.0.1", 1000 + i, 1000 + i - window), i);
    });
  db_->write([&](Tx& tx) { EXPECT_EQ(record_code_miss(tx, "10.0.0.2", 1010, 1010 - window), 1); });
  db_->read([&](Tx& tx) {
    auto m = find_code_misses(tx, "10.0.0.1");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->window_start, 1001);  // the window starts at its first miss
    EXPECT_EQ(m->misses, 3);
  });
  // A miss after the window ended starts a new one.
  db_->write([&](Tx& tx) { EXPECT_EQ(record_code_miss(tx, "10.0.0.1", 1601, 1601 - window), 1); });
  db_->read([&](Tx& tx) {
    auto m = find_code_misses(tx, "10.0.0.1");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->window_start, 1601);
    EXPECT_EQ(m->misses, 1);
  });
  db_->write([&](Tx& tx) { prune_code_misses(tx, 1500); });
  db_->read([&](Tx& tx) {
    EXPECT_FALSE(find_code_misses(tx, "10.0.0.2"));
    EXPECT_TRUE(find_code_misses(tx, "10.0.0.1"));
  });
}

TEST_P(FaultsStoreTest, ConcurrentCodeMissesEachGetTheirOwnCount) {
  // 8 threads over a pool of 4 connections (on PostgreSQL: 4 concurrent transactions on one row).
  std::mutex m;
  std::vector<long long> counts;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        long long n = 0;
        db_->write([&](Tx& tx) { n = record_code_miss(tx, "10.0.0.9", 5000, 4400); });
        std::lock_guard lock(m);
        counts.push_back(n);
      }
    });
  for (auto& th : threads) th.join();
  std::sort(counts.begin(), counts.end());
  std::vector<long long> expected(80);
  for (int i = 0; i < 80; ++i) expected[i] = i + 1;
  EXPECT_EQ(counts, expected) << "every miss counted once, each with its own count";
}

TEST_P(FaultsStoreTest, ReservedLoginAttemptsCountEachOther) {
  long long a = 0, b = 0, c = 0;
  db_->write([&](Tx& tx) {
    a = reserve_login_attempt(tx, "zhang", "10.1.1.1", 100);
    b = reserve_login_attempt(tx, "zhang", "10.1.1.2", 101);
    c = reserve_login_attempt(tx, "li", "10.1.1.1", 102);
  });
  db_->read([&](Tx& tx) {
    EXPECT_EQ(count_failed_logins_for_user(tx, "zhang", 0, a), 1);  // b, not itself
    EXPECT_EQ(count_failed_logins_for_user(tx, "zhang", 0), 2);
    EXPECT_EQ(count_failed_logins_for_addr(tx, "10.1.1.1", 0, c), 1);
    EXPECT_EQ(last_failed_login_for_user(tx, "zhang", 0, b), 100);
  });
  db_->write([&](Tx& tx) {
    finish_login_attempt(tx, a);  // a success no longer counts
    delete_login_attempt(tx, b);  // a refused attempt is taken back
  });
  db_->read([&](Tx& tx) {
    EXPECT_EQ(count_failed_logins_for_user(tx, "zhang", 0), 0);
    EXPECT_EQ(count_failed_logins_for_addr(tx, "10.1.1.1", 0), 1);
  });
}

TEST_P(FaultsStoreTest, BrokenPostgresConnectionsAreReplaced) {
  if (db_->kind() != DbKind::kPostgresql) GTEST_SKIP() << "PostgreSQL connections only";
  auto warm = [&] {
    // Touch every pooled connection (more concurrent readers than connections).
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&] {
        try {
          db_->read([&](Tx& tx) {
            int one = 0;
            tx.sql << "SELECT 1", soci::into(one);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          });
        } catch (const std::exception&) {
          ++failures;
        }
      });
    for (auto& th : threads) th.join();
    return failures.load();
  };
  ASSERT_EQ(warm(), 0);
  // What a restart does to the pool: the server ends every session.
  {
    auto other = Database::open(pg_url(), 1);
    long long ended = 0;
    other->read([&](Tx& tx) {
      tx.sql << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                "current_database() AND pid <> pg_backend_pid() AND backend_type = 'client "
                "backend'",
          soci::into(ended);
    });
    EXPECT_GE(ended, 4);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(warm(), 0) << "idle connections whose server end went away are reopened before use";
  db_->write([&](Tx& tx) { record_code_miss(tx, "10.0.0.3", 1, 0); });
  db_->read([&](Tx& tx) { EXPECT_TRUE(find_code_misses(tx, "10.0.0.3")); });
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, FaultsStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace duibiao
