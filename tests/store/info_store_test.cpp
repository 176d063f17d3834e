// Information services store: who a notice reaches (ancestors and audience bound as parameters),
// unread counts and read receipts, the full-text search of notices, FAQ and directory in Chinese
// (FTS5 trigram on SQLite, LIKE on PostgreSQL), circular recipients and their confirmation, and
// the question scopes. SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "store/circular_store.h"
#include "store/directory_store.h"
#include "store/notice_store.h"
#include "store/question_store.h"
#include "store/user_store.h"
#include "store_fixture.h"

namespace duibiao {
namespace {

class InfoStoreTest : public StoreTest {
 protected:
  long long notice(const std::string& region, const std::string& audience, const std::string& title,
                   const std::string& status = "published") {
    Notice n;
    db_->read([&](Tx& tx) {
      auto r = find_region(tx, region);
      n.region_code = r->code;
      n.region_path = r->code == "000000" ? "/" : r->path;
    });
    n.office_name = "办公室";
    n.author_id = 1;
    n.author_name = "作者";
    n.audience = audience;
    n.title = title;
    n.body = "正文：对标达标提升专项行动";
    n.status = status;
    n.published_at = status == "published" ? 1700000000 : 0;
    n.created_at = n.updated_at = 1700000000;
    long long id = 0;
    db_->write([&](Tx& tx) { id = insert_notice(tx, n, notice_search_text(n)); });
    return id;
  }
  NoticeViewer viewer(const std::vector<std::string>& ancestors, bool office,
                      const std::string& own = "", long long user = 0) {
    NoticeViewer v;
    v.ancestors = ancestors;
    v.office = office;
    v.own_region = own;
    v.user_id = user;
    return v;
  }
  long long user(const std::string& name, const std::string& path) {
    User u;
    u.username = name;
    u.display_name = name;
    u.password_hash = "x";
    u.role = Role::kEnterprise;
    u.region_path = path;
    u.created_at = u.updated_at = 1;
    long long id = 0;
    db_->write([&](Tx& tx) { id = insert_user(tx, u); });
    return id;
  }
  std::vector<std::string> titles(const NoticeViewer& v, NoticeFilter f = {}) {
    std::vector<std::string> out;
    db_->read([&](Tx& tx) {
      for (auto& n : list_notices(tx, v, f, Page{1, 200}).items) out.push_back(n.title);
    });
    std::sort(out.begin(), out.end());
    return out;
  }
};

const std::vector<std::string> kHaishu = {"/", "/330000/", "/330000/330200/",
                                          "/330000/330200/330203/"};
const std::vector<std::string> kXihu = {"/", "/330000/", "/330000/330100/",
                                        "/330000/330100/330106/"};

TEST_P(InfoStoreTest, NoticesReachTheirAudienceOnly) {
  notice("330200", "subtree", "宁波辖区");
  notice("330200", "offices", "宁波监管");
  notice("000000", "public", "全国公开");
  notice("330200", "subtree", "宁波草稿", "draft");
  notice("330000", "subtree", "浙江辖区");
  struct V : std::vector<std::string> {  // compared sorted, like titles()
    V(std::initializer_list<std::string> xs) : std::vector<std::string>(xs) {
      std::sort(begin(), end());
    }
  };
  // an enterprise user of 海曙: the Ningbo and Zhejiang subtree notices and the public one
  EXPECT_EQ(titles(viewer(kHaishu, false)), (V{"全国公开", "宁波辖区", "浙江辖区"}));
  // the 海曙 office also the offices notice
  EXPECT_EQ(titles(viewer(kHaishu, true, "330203")),
            (V{"全国公开", "宁波监管", "宁波辖区", "浙江辖区"}));
  // 西湖: Zhejiang's and the public one
  EXPECT_EQ(titles(viewer(kXihu, true, "330106")), (V{"全国公开", "浙江辖区"}));
  // the Ningbo office: its draft too
  EXPECT_EQ(titles(viewer({"/", "/330000/", "/330000/330200/"}, true, "330200")),
            (V{"全国公开", "宁波草稿", "宁波监管", "宁波辖区", "浙江辖区"}));
  // anonymous: public only, and the public filter keeps to it whoever asks
  EXPECT_EQ(titles(viewer({}, false)), (V{"全国公开"}));
  NoticeFilter pub;
  pub.public_only = true;
  EXPECT_EQ(titles(viewer(kHaishu, true, "330203"), pub), (V{"全国公开"}));
  // a bound value that looks like SQL is only a value
  EXPECT_EQ(titles(viewer({"/' OR 1=1 --"}, true, "' OR '1'='1")), (V{"全国公开"}));
}

TEST_P(InfoStoreTest, UnreadCountsAndReceipts) {
  long long a = notice("330200", "subtree", "甲");
  notice("000000", "public", "乙");
  notice("330203", "subtree", "海曙自己的");
  long long reader_id = user("reader", "/330000/330200/330203/");
  long long office_id = user("office", "/330000/330200/330203/");
  auto office = viewer(kHaishu, true, "330203", office_id);
  long long n = 0;
  db_->read([&](Tx& tx) { n = count_unread_notices(tx, office); });
  EXPECT_EQ(n, 2) << "the office's own notice is not unread for it";
  db_->write([&](Tx& tx) {
    insert_notice_read(tx, a, reader_id, "/330000/330200/330203/", 1700000100);
    insert_notice_read(tx, a, reader_id, "/330000/330200/330203/", 1700000200);  // once only
  });
  auto reader = viewer(kHaishu, false, "", reader_id);
  db_->read([&](Tx& tx) {
    EXPECT_EQ(count_unread_notices(tx, reader), 2);  // 乙 and 海曙自己的
    auto rows = notice_readers_by_path(tx, a);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].first, "/330000/330200/330203/");
    EXPECT_EQ(rows[0].second, 1);
    auto found = find_notice(tx, reader, a);
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->read);
  });
}

TEST_P(InfoStoreTest, ChineseFullTextSearch) {
  notice("000000", "public", "关于开展家用电器能效对标的通知");
  notice("000000", "public", "关于报送半年进展的通知");
  auto anon = viewer({}, false);
  NoticeFilter f;
  f.q = "能效对标";  // three characters and more: the trigram index on SQLite
  EXPECT_EQ(titles(anon, f), (std::vector<std::string>{"关于开展家用电器能效对标的通知"}));
  f.q = "报送";  // two: a scan
  EXPECT_EQ(titles(anon, f), (std::vector<std::string>{"关于报送半年进展的通知"}));
  f.q = "通知";
  EXPECT_EQ(titles(anon, f).size(), 2u);
  f.q = "\") OR 1";
  EXPECT_TRUE(titles(anon, f).empty());

  DirectoryEntry e;
  e.kind = "lab";
  e.name = "宁波市产品质量检验研究院";
  e.region_code = "330200";
  e.region_path = "/330000/330200/";
  e.fields = {"38"};
  e.created_by = 1;
  db_->write([&](Tx& tx) {
    e.id = insert_directory_entry(tx, e, directory_search_text(e, {"电气机械和器材制造业"}));
  });
  DirectoryFilter d;
  d.q = "检验研究";
  db_->read([&](Tx& tx) {
    EXPECT_EQ(list_directory(tx, d, Page{1, 20}).total, 1);
    d.q = "电气机械";
    EXPECT_EQ(list_directory(tx, d, Page{1, 20}).total, 1) << "the field name is searchable";
    d.q = "";
    d.field = "38";
    EXPECT_EQ(list_directory(tx, d, Page{1, 20}).total, 1);
    d.field = "3";
    EXPECT_EQ(list_directory(tx, d, Page{1, 20}).total, 0) << "a field code matches whole";
    d.field = "";
    d.lo = "/330000/330100/";
    d.hi = "/330000/330100/\x7f";
    EXPECT_EQ(list_directory(tx, d, Page{1, 20}).total, 0);
  });
  // writes stay inside the maintenance scope
  db_->write([&](Tx& tx) {
    Scope hz{"/330000/330100/", "/330000/330100/\x7f", 0};
    EXPECT_FALSE(delete_directory_entry(tx, hz, e.id, 1));
    Scope nb{"/330000/330200/", "/330000/330200/\x7f", 0};
    EXPECT_FALSE(delete_directory_entry(tx, nb, e.id, 2)) << "stale version";
    EXPECT_TRUE(delete_directory_entry(tx, nb, e.id, 1));
  });
}

TEST_P(InfoStoreTest, CircularsAndConfirmations) {
  Circular c;
  c.region_code = "330200";
  c.region_path = "/330000/330200/";
  c.office_name = "宁波";
  c.author_id = 1;
  c.author_name = "甲";
  c.title = "通报";
  c.body = "正文";
  c.status = "sent";
  c.created_at = c.updated_at = 1;
  db_->write([&](Tx& tx) {
    c.id = insert_circular(tx, c);
    replace_circular_recipients(tx, c.id,
                                {{"330203", "", "/330000/330200/330203/", 0, 0, ""},
                                 {"330205", "", "/330000/330200/330205/", 0, 0, ""}});
  });
  db_->read([&](Tx& tx) {
    EXPECT_TRUE(find_circular(tx, {false, "330203"}, c.id));
    EXPECT_FALSE(find_circular(tx, {false, "330106"}, c.id));
    EXPECT_TRUE(find_circular(tx, {true, ""}, c.id));
    EXPECT_EQ(list_circulars(tx, {false, "330205"}, {"received"}, Page{1, 20}).total, 1);
    EXPECT_EQ(list_circulars(tx, {false, "330205"}, {"sent"}, Page{1, 20}).total, 0);
    EXPECT_EQ(list_circulars(tx, {false, "330200"}, {"sent"}, Page{1, 20}).total, 1);
  });
  db_->write([&](Tx& tx) {
    EXPECT_TRUE(confirm_circular(tx, c.id, "330203", 7, "海曙", 100));
    EXPECT_FALSE(confirm_circular(tx, c.id, "330203", 7, "海曙", 200)) << "once";
    EXPECT_FALSE(confirm_circular(tx, c.id, "330106", 8, "西湖", 200)) << "not a recipient";
  });
  db_->read([&](Tx& tx) {
    auto rs = list_circular_recipients(tx, c.id);
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(rs[0].region_name, "海曙区");
    EXPECT_EQ(rs[0].confirmed_at, 100);
    EXPECT_EQ(rs[1].confirmed_at, 0);
  });
}

TEST_P(InfoStoreTest, QuestionScopes) {
  auto hs = make_enterprise("91330203MA2AAAAA1X", "330203");
  auto xh = make_enterprise("91330106MA2AAAAA2X", "330106");
  auto ask = [&](const Enterprise& e) {
    Question q;
    q.enterprise_id = e.id;
    q.region_code = e.region_code;
    q.region_path = e.region_path;
    q.asker_id = 1;
    q.asker_name = "王工";
    q.target = "expert";
    q.title = "问题" + e.region_code;
    q.body = "内容";
    q.status = "open";
    q.created_at = q.updated_at = 1;
    db_->write([&](Tx& tx) { q.id = insert_question(tx, q); });
    return q;
  };
  auto q1 = ask(hs);
  ask(xh);
  auto count = [&](QuestionViewer v) {
    long long n = 0;
    db_->read([&](Tx& tx) { n = list_questions(tx, v, {}, Page{1, 20}).total; });
    return n;
  };
  QuestionViewer ent;
  ent.enterprise_id = hs.id;
  EXPECT_EQ(count(ent), 1);
  QuestionViewer city;
  city.lo = "/330000/330200/";
  city.hi = "/330000/330200/\x7f";
  EXPECT_EQ(count(city), 1);
  QuestionViewer prov;
  prov.lo = "/330000/";
  prov.hi = "/330000/\x7f";
  EXPECT_EQ(count(prov), 2);
  QuestionViewer expert;
  expert.assignee_id = 99;
  EXPECT_EQ(count(expert), 0);
  q1.assignee_id = 99;
  q1.status = "assigned";
  db_->write([&](Tx& tx) {
    EXPECT_TRUE(update_question(tx, q1, 1, ""));
    EXPECT_FALSE(update_question(tx, q1, 1, "")) << "stale version";
  });
  EXPECT_EQ(count(expert), 1);
  // the FAQ holds published entries only
  db_->read([&](Tx& tx) { EXPECT_EQ(list_faq(tx, "", Page{1, 20}).total, 0); });
  q1.faq = true;
  q1.faq_question = "滚筒洗衣机噪声如何对标";
  q1.faq_answer = "按声功率级比对";
  db_->write([&](Tx& tx) { EXPECT_TRUE(update_question(tx, q1, 2, faq_search_text(q1))); });
  db_->read([&](Tx& tx) {
    EXPECT_EQ(list_faq(tx, "声功率级", Page{1, 20}).total, 1);
    EXPECT_EQ(list_faq(tx, "冰箱", Page{1, 20}).total, 0);
    EXPECT_TRUE(find_faq(tx, q1.id));
  });
}

INSTANTIATE_TEST_SUITE_P(Backends, InfoStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace duibiao
