// The change signal (store/change_signal.h): the token of a set of tables moves when, and only
// when, any process commits a change to one of them, and reads nullopt while such a commit is
// under way; the caches of sessions and enterprises stand on it.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>

#include "store/change_signal.h"
#include "store/session_store.h"
#include "store/user_store.h"
#include "store_fixture.h"

namespace duibiao {
namespace {

class ChangeSignalTest : public StoreTest {
 protected:
  std::string url() const { return "sqlite:" + (dir_ / "t.db").string(); }
  std::uint64_t token(Database& db, std::uint64_t bits) {
    auto t = db.change_token(bits);
    EXPECT_TRUE(t.has_value()) << "no commit is under way, the token must be readable";
    return t.value_or(0);
  }
  long long make_user() {
    User u;
    u.username = "u" + std::to_string(++users_);
    u.display_name = "用户";
    u.password_hash = "x";
    u.role = Role::kExpert;
    u.created_at = u.updated_at = 1700000000;
    long long id = 0;
    db_->write([&](Tx& tx) { id = insert_user(tx, u); });
    return id;
  }
  int users_ = 0;
};

TEST_P(ChangeSignalTest, MovesForTheWatchedTablesOnlyAndInEveryProcess) {
  auto other = Database::open(url(), 2);  // a second process's view: its own mapping of the file
  ASSERT_TRUE(db_->has_change_signal());
  const std::uint64_t ent = kEnterpriseChanges, id = kIdentityChanges, reg = kRegionChanges;
  Enterprise e = make_enterprise("91330203MA2AAAAA1X", "330203");
  long long user = make_user();

  auto e0 = token(*db_, ent), i0 = token(*db_, id), r0 = token(*db_, reg);
  EXPECT_EQ(token(*other, ent), e0);
  // Other tables, a new session (it changes no one else's), a read: nothing moves.
  db_->write([](Tx& tx) { tx.sql << "CREATE TABLE probe_other (x INTEGER)"; });
  e0 = token(*db_, ent), i0 = token(*db_, id), r0 = token(*db_, reg);
  other->write([&](Tx& tx) {
    tx.sql << "INSERT INTO probe_other (x) VALUES (1)";
    insert_session(tx, SessionRow{"hash-1", user, "csrf", 1, 4000000000}, "127.0.0.1");
  });
  other->read([&](Tx& tx) { (void)find_enterprise(tx, Scope{}, e.id); });
  EXPECT_EQ(token(*db_, ent), e0);
  EXPECT_EQ(token(*db_, id), i0);
  EXPECT_EQ(token(*db_, reg), r0);

  // An enterprise changed through the other database: this one's token moves, the others stay.
  other->write([&](Tx& tx) {
    tx.sql << "UPDATE enterprises SET contact_name = '李四' WHERE id = :id", soci::use(e.id);
  });
  auto e1 = token(*db_, ent);
  EXPECT_NE(e1, e0);
  EXPECT_EQ(token(*db_, id), i0);
  EXPECT_NE(token(*db_, ent | reg), e0 + r0) << "a combined token moves with any of its tables";

  // A session deleted, a user changed: identity moves.
  other->write([&](Tx& tx) { delete_session(tx, "hash-1"); });
  auto i1 = token(*db_, id);
  EXPECT_NE(i1, i0);
  other->write([&](Tx& tx) { update_user_profile(tx, user, "新名字", false, 2); });
  EXPECT_NE(token(*db_, id), i1);
  EXPECT_EQ(token(*db_, ent), e1);
}

TEST_P(ChangeSignalTest, SeesChangesMadeByTriggersAndIgnoresRolledBackWrites) {
  long long user = make_user();
  db_->write([](Tx& tx) {
    tx.sql << "CREATE TABLE probe_trigger (user_id INTEGER)";
    tx.sql << "CREATE TRIGGER probe_touches_user AFTER INSERT ON probe_trigger BEGIN "
              "UPDATE users SET updated_at = updated_at + 1 WHERE id = new.user_id; END";
  });
  auto i0 = token(*db_, kIdentityChanges);
  db_->write([&](Tx& tx) {
    tx.sql << "INSERT INTO probe_trigger (user_id) VALUES (:u)", soci::use(user);
  });
  auto i1 = token(*db_, kIdentityChanges);
  EXPECT_NE(i1, i0) << "the update hook sees a trigger's rows";

  EXPECT_THROW(db_->write([&](Tx& tx) {
    update_user_profile(tx, user, "回滚", false, 3);
    throw std::runtime_error("refused");
  }),
               std::runtime_error);
  EXPECT_EQ(token(*db_, kIdentityChanges), i1) << "nothing was committed";
}

TEST_P(ChangeSignalTest, MovesWhenAnotherProcessCommits) {
  Enterprise e = make_enterprise("91330203MA2AAAAA1X", "330203");
  auto before = token(*db_, kEnterpriseChanges);
  std::string u = url();
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int rc = 1;
    try {
      auto db = Database::open(u, 1);
      db->write([&](Tx& tx) {
        tx.sql << "UPDATE enterprises SET address = '宁波' WHERE id = :id", soci::use(e.id);
      });
      rc = 0;
    } catch (...) {
    }
    ::_exit(rc);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_NE(token(*db_, kEnterpriseChanges), before);
}

TEST_P(ChangeSignalTest, ReadsNothingWhileACommitIsUnderWayAndRecoversFromAKilledWriter) {
  auto signal = ChangeSignal::open((dir_ / "probe-signal").string());
  auto t0 = signal->token(kEnterpriseChanges);
  ASSERT_TRUE(t0);
  auto raised = signal->begin(kEnterpriseChanges);
  EXPECT_FALSE(signal->token(kEnterpriseChanges)) << "a commit is under way";
  EXPECT_FALSE(signal->token(kEnterpriseChanges | kRegionChanges));
  EXPECT_TRUE(signal->token(kRegionChanges)) << "other tables are not held up";
  signal->end(raised);
  auto t1 = signal->token(kEnterpriseChanges);
  ASSERT_TRUE(t1);
  EXPECT_NE(*t1, *t0);

  // A writer killed between begin and end: nothing is served until the next commit to the table
  // brings it level, and the token then differs from every earlier one.
  (void)signal->begin(kEnterpriseChanges);
  EXPECT_FALSE(signal->token(kEnterpriseChanges));
  auto second = ChangeSignal::open((dir_ / "probe-signal").string());  // the next process
  auto next = second->begin(kEnterpriseChanges);
  second->end(next);
  auto t2 = signal->token(kEnterpriseChanges);
  ASSERT_TRUE(t2);
  EXPECT_NE(*t2, *t1);

  // Two writers ending out of order (the second's end lands first): never moved back.
  auto a = signal->begin(kEnterpriseChanges);
  signal->end(signal->begin(kEnterpriseChanges));  // impossible while `a` holds the lock, but
  signal->end(a);                                  // end() must still not move `ended` back
  EXPECT_TRUE(signal->token(kEnterpriseChanges));
}

TEST_P(ChangeSignalTest, RefusesAFileThatIsNotASignal) {
  auto path = dir_ / "not-a-signal";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("something else entirely", f);
    std::fclose(f);
  }
  EXPECT_THROW(ChangeSignal::open(path.string()), std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ChangeSignalTest, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duibiao
