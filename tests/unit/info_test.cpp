// Information services, the pure rules: notice, circular, question and directory validation, the
// child region a reader counts under, durations, the search query check.
#include <gtest/gtest.h>

#include "domain/circular.h"
#include "domain/directory.h"
#include "domain/notice.h"
#include "domain/question.h"
#include "domain/search.h"

namespace duibiao {
namespace {

TEST(Notice, Validation) {
  Notice n;
  n.title = "  关于开展对标工作的通知  ";
  n.body = "正文\n第二行";
  n.audience = "subtree";
  EXPECT_TRUE(validate_notice(n).empty());
  EXPECT_EQ(n.title, "关于开展对标工作的通知");
  n.audience = "everyone";
  n.title = std::string(201 * 3, 'a').substr(0, 201);
  auto f = validate_notice(n);
  EXPECT_EQ(f.count("audience"), 1u);
  EXPECT_EQ(f.count("title"), 1u);
  n.title = "标";
  for (int i = 0; i < 199; ++i) n.title += "题";  // 200 characters, 600 bytes: fine
  n.audience = "public";
  EXPECT_TRUE(validate_notice(n).empty());
  n.body = " ";
  EXPECT_EQ(validate_notice(n).count("body"), 1u);
}

TEST(Notice, ChildRegionOfAReader) {
  EXPECT_EQ(child_code_under("/330000/", "/330000/330200/330203/"), "330200");
  EXPECT_EQ(child_code_under("/330000/330200/", "/330000/330200/330203/"), "330203");
  EXPECT_EQ(child_code_under("/330000/330200/", "/330000/330200/330200Z01/"), "330200Z01");
  EXPECT_EQ(child_code_under("/", "/330000/330200/"), "330000");
  EXPECT_EQ(child_code_under("/330000/330200/", "/330000/330200/"), "") << "the office's own level";
  EXPECT_EQ(child_code_under("/330000/330200/", "/330000/330100/330106/"), "") << "outside";
  EXPECT_EQ(child_code_under("/330000/", "/"), "");
}

TEST(Circular, RecipientsAreCheckedAndFolded) {
  Circular c;
  c.title = "通报";
  c.body = "正文";
  std::vector<std::string> codes = {"330203", " 330205 ", "330203", "330200Z01"};
  EXPECT_TRUE(validate_circular(c, codes).empty());
  EXPECT_EQ(codes, (std::vector<std::string>{"330203", "330205", "330200Z01"}));
  std::vector<std::string> bad = {"33", "abc'; --"};
  auto f = validate_circular(c, bad);
  EXPECT_EQ(f.count("recipients[0]"), 1u);
  EXPECT_EQ(f.count("recipients[1]"), 1u);
  c.source = "gossip";
  std::vector<std::string> none;
  EXPECT_EQ(validate_circular(c, none).count("source"), 1u);
  EXPECT_EQ(circular_table({{"海曙区", "1家"}, {"江北区", "0家"}}),
            "1. 海曙区：1家\n2. 江北区：0家\n");
}

TEST(Question, ValidationAndTimeToAnswer) {
  Question q;
  q.title = "如何对标";
  q.body = "内容";
  q.target = "oracle";
  EXPECT_EQ(validate_question(q).count("target"), 1u);
  q.target = "expert";
  EXPECT_TRUE(validate_question(q).empty());
  q.created_at = 1000;
  EXPECT_EQ(answer_seconds(q), -1);
  q.answered_at = 1000 + 2 * 86400 + 3 * 3600 + 5;
  EXPECT_EQ(answer_seconds(q), 2 * 86400 + 3 * 3600 + 5);
  EXPECT_EQ(duration_label_zh(answer_seconds(q)), "2天3小时");
  EXPECT_EQ(duration_label_zh(59), "不到1分钟");
  EXPECT_EQ(duration_label_zh(3600 + 120), "1小时2分钟");
  EXPECT_EQ(duration_label_zh(86400), "1天");
  EXPECT_EQ(duration_label_zh(-1), "");
  q.answered_at = 10;  // a clock that went back never gives a negative time
  EXPECT_EQ(answer_seconds(q), 0);
}

TEST(Question, FaqTextOnlyOncePublished) {
  Question q;
  q.faq_question = "Noise 噪声";
  q.faq_answer = "按 GB/T 4214.1";
  EXPECT_EQ(faq_search_text(q), "");
  q.faq = true;
  EXPECT_EQ(faq_search_text(q), "noise 噪声 按 gb/t 4214.1");
}

TEST(Directory, KindsAndValidation) {
  EXPECT_EQ(directory_kind_from_text("专家"), "expert");
  EXPECT_EQ(directory_kind_from_text(" 检测实验室 "), "lab");
  EXPECT_EQ(directory_kind_from_text("standard_body"), "standard_body");
  EXPECT_EQ(directory_kind_from_text("大师"), "");
  DirectoryEntry e;
  e.kind = "expert";
  e.name = "李明";
  auto f = validate_directory_entry(e);
  EXPECT_EQ(f.count("organization"), 1u) << "an expert needs an organisation";
  e.organization = "中国标准化研究院";
  e.email = "li at example";
  EXPECT_EQ(validate_directory_entry(e).count("email"), 1u);
  e.email = "li@example.com";
  EXPECT_TRUE(validate_directory_entry(e).empty());
  e.region_name = "北京市";
  e.fields = {"C"};
  EXPECT_EQ(directory_search_text(e, {"Manufacturing 制造业"}),
            "李明 中国标准化研究院   北京市 专家 manufacturing 制造业 c");
}

TEST(Search, Query) {
  EXPECT_NE(check_search_query("  "), "");
  EXPECT_EQ(check_search_query("对标"), "");
  std::string long_q;
  for (int i = 0; i < 101; ++i) long_q += "字";
  EXPECT_NE(check_search_query(long_q), "");
  EXPECT_EQ(search_kinds().size(), 6u);
  for (const auto& k : search_kinds()) EXPECT_STRNE(search_kind_label(k), "");
}

}  // namespace
}  // namespace duibiao
