// Writes committed together on SQLite (group commit, issue 11 §1): a write that throws inside a
// group undoes only its own part and its caller gets its own error, the others are kept; each
// grouped write runs with its caller's thread context; on both backends every acknowledged
// write of many concurrent writers is in the database exactly once.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store_fixture.h"

namespace duibiao {
namespace {

thread_local std::string t_context;

struct Refused : std::runtime_error {
  Refused() : std::runtime_error("refused") {}
};

class GroupCommitTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    db_->write([](Tx& tx) {
      tx.sql << "CREATE TABLE IF NOT EXISTS group_probe (who TEXT NOT NULL)";
      tx.sql << "DELETE FROM group_probe";
    });
  }
  std::set<std::string> rows() {
    std::set<std::string> out;
    db_->read([&](Tx& tx) {
      soci::rowset<std::string> rs = (tx.sql.prepare << "SELECT who FROM group_probe");
      for (const auto& w : rs) out.insert(w);
    });
    return out;
  }
  static void insert(Tx& tx, const std::string& who) {
    tx.sql << "INSERT INTO group_probe (who) VALUES (:w)", soci::use(who);
  }
};

TEST_P(GroupCommitTest, AFailingWriteInAGroupUndoesOnlyItsOwnPart) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "group commit is SQLite's (one writer)";
  db_->carry_thread_context([] { return t_context; }, [](const std::string& c) { t_context = c; });
  auto before = db_->group_commit_stats();
  // A holds the writer for a while, so that B…F queue up behind it and commit as one group.
  std::promise<void> a_started;
  auto a_started_f = a_started.get_future();
  std::thread a([&] {
    t_context = "A";
    db_->write([&](Tx& tx) {
      insert(tx, "A");
      a_started.set_value();
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    });
  });
  a_started_f.wait();
  std::mutex m;
  std::vector<std::string> failures, contexts_seen;
  std::vector<std::thread> others;
  for (std::string who : {"B", "C", "D", "E", "F"}) {
    others.emplace_back([&, who] {
      t_context = "ctx-" + who;
      try {
        db_->write([&](Tx& tx) {
          {
            std::lock_guard lock(m);
            contexts_seen.push_back(who + "=" + t_context);
          }
          insert(tx, who);
          if (who == "C") throw std::invalid_argument("C refuses after its insert");
        });
      } catch (const std::invalid_argument& e) {
        std::lock_guard lock(m);
        failures.push_back(who + ": " + e.what());
      } catch (const std::exception& e) {
        std::lock_guard lock(m);
        failures.push_back(who + " (wrong error): " + e.what());
      }
      EXPECT_EQ(t_context, "ctx-" + who) << "the caller's context is its own after the write";
    });
  }
  a.join();
  for (auto& t : others) t.join();
  EXPECT_EQ(failures, std::vector<std::string>{"C: C refuses after its insert"});
  EXPECT_EQ(rows(), (std::set<std::string>{"A", "B", "D", "E", "F"}));
  for (const auto& seen : contexts_seen) {
    auto who = seen.substr(0, seen.find('='));
    EXPECT_EQ(seen, who + "=ctx-" + who) << "a grouped write runs with its caller's context";
  }
  auto after = db_->group_commit_stats();
  EXPECT_EQ(after.writes - before.writes, 6) << "every write went through a group";
  EXPECT_LT(after.groups - before.groups, 6) << "B…F queued behind A were grouped";
  EXPECT_GE(after.largest, 2);
}

TEST_P(GroupCommitTest, ConcurrentWritersEachKeptOnce) {
  const int threads = 12, per_thread = 40;
  std::atomic<int> acknowledged{0}, refused{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        std::string who = std::to_string(t) + "-" + std::to_string(i);
        try {
          db_->write([&](Tx& tx) {
            insert(tx, who);
            if (i % 9 == 4) throw Refused();
          });
          ++acknowledged;
        } catch (const Refused&) {
          ++refused;
        }
      }
    });
  for (auto& t : ts) t.join();
  auto kept = rows();
  std::set<std::string> expected;
  for (int t = 0; t < threads; ++t)
    for (int i = 0; i < per_thread; ++i)
      if (i % 9 != 4) expected.insert(std::to_string(t) + "-" + std::to_string(i));
  EXPECT_EQ(kept, expected);
  EXPECT_EQ(acknowledged.load(), static_cast<int>(expected.size()));
  EXPECT_EQ(refused.load(), threads * per_thread - static_cast<int>(expected.size()));
  long long count = 0;
  db_->read([&](Tx& tx) { tx.sql << "SELECT COUNT(*) FROM group_probe", soci::into(count); });
  EXPECT_EQ(count, static_cast<long long>(expected.size())) << "no row twice";
}

// Each SQLite process commits on a writer connection of its own that keeps its pages between its
// commits: two of them on one file (two processes) increment one row by reading it first, and
// not one increment is lost to a page one writer kept from before the other's commit.
TEST_P(GroupCommitTest, TwoWritersOnOneFileLoseNoIncrement) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the dedicated writer is SQLite's";
  db_->write([](Tx& tx) {
    tx.sql << "CREATE TABLE IF NOT EXISTS tally (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)";
    tx.sql << "INSERT INTO tally (id, n) VALUES (1, 0)";
  });
  auto other = Database::open("sqlite:" + (dir_ / "t.db").string(), 2);
  const int per_writer = 150;
  auto increments = [&](Database& db) {
    for (int i = 0; i < per_writer; ++i)
      db.write([](Tx& tx) {
        long long n = 0;
        tx.sql << "SELECT n FROM tally WHERE id = 1", soci::into(n);
        tx.sql << "UPDATE tally SET n = :n WHERE id = 1", soci::use(n + 1);
      });
  };
  std::thread a([&] { increments(*db_); });
  std::thread b([&] { increments(*other); });
  a.join();
  b.join();
  for (Database* db : {db_.get(), other.get()}) {
    long long n = 0;
    db->read([&](Tx& tx) { tx.sql << "SELECT n FROM tally WHERE id = 1", soci::into(n); });
    EXPECT_EQ(n, 2 * per_writer);
  }
}

// The log is copied into the file beside the writes (WalCheckpointer) while readers read: the
// log stays bounded (the writer's own checkpoint still lets it start again), every row reads
// back whole, and the file passes SQLite's integrity check.
TEST_P(GroupCommitTest, TheLogIsCopiedBesideTheWritesAndStaysBounded) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "the log is SQLite's";
  db_->write([](Tx& tx) {
    tx.sql << "CREATE TABLE IF NOT EXISTS bulk (id INTEGER PRIMARY KEY, body BLOB NOT NULL)";
  });
  auto before = db_->group_commit_stats();
  // 24,000 pages of 4 KiB in all: past the background's threshold (2,000) many times and the
  // writer's (10,000) twice.
  const int writes = 1500, bytes = 64 * 1024;
  std::atomic<bool> done{false};
  std::atomic<long long> reads{0}, wrong{0};
  std::thread reader([&] {
    // Short reads with pauses, as requests make them (a reader that never pauses keeps an old
    // snapshot of the log in use, and no checkpoint can then finish: SQLite's rule).
    while (!done.load()) {
      db_->read([&](Tx& tx) {
        long long n = 0, length = 0;
        tx.sql << "SELECT COUNT(*), COALESCE(MAX(length(body)), 0) FROM bulk WHERE id = (SELECT "
                  "MAX(id) FROM bulk)",
            soci::into(n), soci::into(length);
        if (length != n * bytes) ++wrong;
      });
      ++reads;
      std::this_thread::sleep_for(std::chrono::microseconds(300));
    }
  });
  fs::path wal = dir_ / "t.db-wal";
  long long largest_log = 0;
  for (int i = 0; i < writes; ++i) {
    std::string body(bytes, static_cast<char>('a' + i % 26));
    db_->write([&](Tx& tx) {
      tx.sql << "INSERT INTO bulk (id, body) VALUES (:i, :b)", soci::use(i), soci::use(body);
    });
    std::error_code ec;
    largest_log = std::max<long long>(largest_log, static_cast<long long>(fs::file_size(wal, ec)));
  }
  done = true;
  reader.join();
  auto after = db_->group_commit_stats();
  EXPECT_GT(after.background_checkpoints - before.background_checkpoints, 5);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
  // Restarted from its beginning at about 10,000 pages: never near the 24,000 written.
  EXPECT_LT(largest_log, 14000LL * 4096) << "log of " << largest_log << " bytes";
  std::string check;
  long long n = 0, distinct = 0;
  db_->read([&](Tx& tx) {
    tx.sql << "PRAGMA integrity_check", soci::into(check);
    tx.sql << "SELECT COUNT(*), COUNT(DISTINCT substr(body, 1, 1)) FROM bulk", soci::into(n),
        soci::into(distinct);
  });
  EXPECT_EQ(check, "ok");
  EXPECT_EQ(n, writes);
  EXPECT_EQ(distinct, 26);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupCommitTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duibiao
