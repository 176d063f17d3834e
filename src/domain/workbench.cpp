#include "domain/workbench.h"

namespace duibiao {

std::string_view enterprise_next_step(const EnterpriseProgress& p) {
  if (p.returned > 0) return "fix_returned";
  if (p.products == 0) return "add_product";
  if (p.selected == 0) return "select_product";
  if (p.drafts > 0) return "finish_draft";
  if (p.results < p.selected) return "create_result";
  if (p.in_review > 0) return "wait_review";
  return "done";
}

std::string_view enterprise_next_step_label_zh(std::string_view step) {
  if (step == "fix_returned") return "有对标结果被退回：请按退回原因修改后重新提交";
  if (step == "add_product") return "第一步：在“我的产品”中登记产品及其执行标准";
  if (step == "select_product") return "选定 1–3 个产品参与对标";
  if (step == "finish_draft") return "完成对标结果草稿的填报并提交审核";
  if (step == "create_result") return "为选定的产品选择已发布的对标技术方案，开始填报对标结果";
  if (step == "wait_review") return "对标结果正在逐级审核，请留意通知";
  return "对标结果均已受理或发布：可申请“对标达标”标识、参与领跑者评价";
}

}  // namespace duibiao
