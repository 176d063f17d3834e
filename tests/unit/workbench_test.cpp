// The next step an enterprise's workbench suggests.
#include "domain/workbench.h"

#include <gtest/gtest.h>

namespace duibiao {
namespace {

TEST(EnterpriseNextStep, FollowsTheCampaignOrder) {
  EnterpriseProgress p;
  EXPECT_EQ(enterprise_next_step(p), "add_product");
  p.products = 2;
  EXPECT_EQ(enterprise_next_step(p), "select_product");
  p.selected = 2;
  EXPECT_EQ(enterprise_next_step(p), "create_result");
  p.results = 1;
  p.drafts = 1;
  EXPECT_EQ(enterprise_next_step(p), "finish_draft");
  p.drafts = 0;
  p.in_review = 1;
  EXPECT_EQ(enterprise_next_step(p), "create_result") << "one selected product has no result yet";
  p.results = 2;
  p.in_review = 2;
  EXPECT_EQ(enterprise_next_step(p), "wait_review");
  p.in_review = 0;
  p.accepted = 2;
  EXPECT_EQ(enterprise_next_step(p), "done");
}

TEST(EnterpriseNextStep, AReturnedResultComesFirst) {
  EnterpriseProgress p;
  p.products = 1;
  p.selected = 1;
  p.results = 1;
  p.returned = 1;
  EXPECT_EQ(enterprise_next_step(p), "fix_returned");
  p.drafts = 1;
  EXPECT_EQ(enterprise_next_step(p), "fix_returned") << "a reviewer waits for it";
}

TEST(EnterpriseNextStep, EveryStepHasAChineseLabel) {
  for (const char* s : {"fix_returned", "add_product", "select_product", "finish_draft",
                        "create_result", "wait_review", "done"})
    EXPECT_FALSE(enterprise_next_step_label_zh(s).empty()) << s;
}

}  // namespace
}  // namespace duibiao
