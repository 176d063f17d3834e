#include "service/analysis_report_service.h"

#include <algorithm>
#include <map>

#include "domain/analysis_report.h"
#include "domain/requirement.h"
#include "domain/result_rules.h"
#include "domain/text.h"
#include "io/docx.h"
#include "service/caches.h"
#include "service/campaign_stats_service.h"
#include "service/result_service.h"
#include "store/campaign_stats_store.h"
#include "store/product_store.h"

namespace duibiao {
namespace {

std::string verdict_zh(const std::string& v) {
  if (v == "better") return "优于";
  if (v == "equal") return "达到";
  if (v == "worse") return "低于";
  if (v == "incomparable") return "不可比";
  return "未填写";
}

std::string measured_zh(const std::string& v) {
  if (v == "pass") return "合格";
  if (v == "fail") return "不合格";
  if (v == "undecided") return "待判定";
  return "—";
}

std::string rollup_zh(const std::string& name) {
  auto k = parse_roll_up_kind(name);
  return k ? std::string(roll_up_label_zh(*k)) : name;
}

std::string date_of(long long t) {
  return t ? format_time_utc(t + 8 * 3600).substr(0, 10) : "";
}

std::string num(long long n) {
  return std::to_string(n);
}

std::string num(double v) {
  return chart_number(v);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// One result

Result<ReportFile> result_analysis_report(App& app, const Caller& caller, long long result_id) {
  auto view = get_result(app, caller, result_id);
  if (!view) return fail(view.error());
  const ResultView& v = *view;
  const EnterpriseResult& r = v.result;
  const Plan* plan = v.plan.get();
  std::optional<Product> product;
  // The caller may see the result (checked above); its product is read within that enterprise.
  app.db.read([&](Tx& tx) {
    product = find_product(tx, Scope{"/", "/\x7f", r.enterprise_id}, r.product_id);
  });

  DocxBuilder doc;
  doc.title(r.product_name + " 对标达标分析报告");
  doc.paragraph("报告生成时间：" + format_time_utc(now_unix() + 8 * 3600).substr(0, 16) +
                "（北京时间），数据取自平台中该对标结果的当前内容。");

  doc.heading("一、基本情况");
  doc.table({{"企业名称", r.enterprise_name, "统一社会信用代码", r.credit_code},
             {"所在地区", v.region_name, "结果状态", std::string(result_status_label_zh(r.status))},
             {"产品名称", r.product_name, "型号规格", r.product_model},
             {"对标技术方案",
              r.plan_number + (plan ? "（第" + std::to_string(plan->version) + "版）" : ""),
              "方案产品类别", plan ? plan->product : r.plan_product},
             {"提交时间", date_of(r.submitted_at), "核验码",
              r.status == "published" ? r.code : "（发布后公开）"}},
            {2000, 4900, 2200, 4900});

  doc.heading("二、比对的标准");
  std::vector<std::vector<std::string>> standards = {{"类别", "标准编号", "说明"}};
  if (product)
    for (const auto& s : product->standards)
      standards.push_back({"企业执行标准", s, "产品执行的标准"});
  if (!r.content.enterprise_standard.empty())
    standards.push_back({"企业标准", r.content.enterprise_standard, "对标时的企业标准"});
  if (!r.content.revised_standard.empty())
    standards.push_back({"修订后的企业标准", r.content.revised_standard, "达标提升后"});
  if (plan)
    for (const auto& s : plan->standards)
      standards.push_back({s.role == "benchmark" ? "对标标准（国际/国外先进）" : "国内标准（方案）",
                           s.number, s.title});
  if (standards.size() == 1) standards.push_back({"—", "未登记标准", ""});
  doc.table(standards, {3200, 4200, 6600});

  doc.heading("三、关键技术指标对比");
  std::vector<std::vector<std::string>> rows = {{"序号", "指标名称", "单位", "企业标准要求",
                                                 "对标标准要求", "比对结论", "实测值", "实测判定",
                                                 "检测报告"}};
  std::map<std::string, long long> counts;
  const size_t n = plan ? plan->indicators.size() : 0;
  for (size_t i = 0; i < n; ++i) {
    const auto& ind = plan->indicators[i];
    RowEvaluation ev = i < v.evaluation.rows.size() ? v.evaluation.rows[i] : RowEvaluation{};
    ResultEntry e = i < r.content.entries.size() ? r.content.entries[i] : ResultEntry{};
    std::string name = ind.name + (ind.core ? "（核心）" : "");
    std::string report = e.report_number;
    if (!e.lab.empty()) report += (report.empty() ? "" : "，") + e.lab;
    if (!e.report_date.empty()) report += (report.empty() ? "" : "，") + e.report_date;
    rows.push_back({std::to_string(i + 1), name, ind.unit, ev.effective_requirement,
                    ind.benchmark_requirement, verdict_zh(ev.verdict),
                    e.measured_value.empty() ? "—" : e.measured_value,
                    measured_zh(ev.measured_verdict), report.empty() ? "—" : report});
    ++counts[ev.verdict.empty() ? "none" : ev.verdict];
  }
  if (n == 0) rows.push_back({"—", "方案没有指标", "", "", "", "", "", "", ""});
  doc.table(rows, {600, 2000, 800, 2000, 2000, 1100, 1300, 1100, 3100});
  doc.paragraph("共 " + num(static_cast<long long>(n)) + " 项指标：优于 " + num(counts["better"]) +
                " 项，达到 " + num(counts["equal"]) + " 项，低于 " + num(counts["worse"]) +
                " 项，不可比 " + num(counts["incomparable"]) + " 项，未填写 " +
                num(counts["none"]) + " 项。");

  doc.heading("四、差距分析");
  std::vector<std::vector<std::string>> gaps = {{"序号", "指标名称", "情况", "原因"}};
  for (size_t i = 0; i < n; ++i) {
    RowEvaluation ev = i < v.evaluation.rows.size() ? v.evaluation.rows[i] : RowEvaluation{};
    const auto& ind = plan->indicators[i];
    if (ev.verdict == "worse")
      gaps.push_back({std::to_string(i + 1), ind.name, "未达到对标标准",
                      ev.verdict_reason.empty() ? "企业标准要求低于对标标准" : ev.verdict_reason});
    else if (ev.verdict == "incomparable")
      gaps.push_back({std::to_string(i + 1), ind.name, "不可比（需人工判定）", ev.verdict_reason});
    else if (ev.measured_verdict == "fail")
      gaps.push_back({std::to_string(i + 1), ind.name, "实测值不符合要求", ev.measured_reason});
  }
  if (gaps.size() == 1)
    doc.paragraph(n == 0 ? "没有可比较的指标。" : "没有未达到或不可比的指标。");
  else
    doc.table(gaps, {600, 3000, 2600, 7800});

  doc.heading("五、达标提升计划");
  if (!r.content.improvements.empty()) {
    std::vector<std::vector<std::string>> plan_rows = {
        {"序号", "指标", "提升措施", "责任人", "完成时限"}};
    int k = 0;
    for (const auto& im : r.content.improvements)
      plan_rows.push_back(
          {std::to_string(++k), im.indicator, im.action, im.responsible, im.target_date});
    doc.table(plan_rows, {600, 2600, 6400, 2000, 2400});
  } else if (v.evaluation.gaps.empty() && n > 0) {
    doc.paragraph("各项指标均未低于对标标准，无需达标提升措施。");
  } else {
    doc.paragraph("企业尚未填写达标提升计划。");
  }
  if (!r.content.revised_standard.empty())
    doc.paragraph("修订后的企业标准：" + r.content.revised_standard);

  doc.heading("六、结论");
  doc.paragraph("对标结论：" + rollup_zh(v.evaluation.rollup) + "；" +
                    (v.evaluation.compliant ? "达标（没有关键指标低于对标标准）。"
                                            : "未达标（存在低于对标标准或尚待判定的关键指标）。"),
                true);
  if (!v.evaluation.summary.empty()) doc.paragraph(v.evaluation.summary);
  if (!r.content.conclusion.empty()) doc.paragraph("企业结论：" + r.content.conclusion);
  doc.paragraph("");
  doc.paragraph("报告单位（盖章）：                    日期：        年    月    日");

  std::string name =
      "analysis-result-" + (r.code.empty() ? std::to_string(r.id) : r.code) + ".docx";
  return ReportFile{doc.build(), name};
}

// ---------------------------------------------------------------------------------------------
// A region in a campaign

std::string campaign_analysis_docx(App& app, const Campaign& c, const Scope& scope,
                                   const std::function<void(int, const std::string&)>& progress) {
  progress(10, "统计数据");
  CampaignStats s = campaign_stats_in(app, c, scope);
  progress(35, "未达标情况");
  StatsRange range{c.id, s.scope_code, scope.lo, scope.hi, false};
  std::vector<ResultGroup> groups;
  PageResult<CampaignResultRow> not_met;
  app.db.read([&](Tx& tx) {
    groups = result_groups(tx, range);
    CampaignResultFilter f;
    f.status = "reported";
    f.compliant = 0;
    not_met = list_campaign_results(tx, range, f, Page{1, 50});
  });
  progress(55, "绘制图表");

  DocxBuilder doc;
  doc.portrait();
  std::string where = s.scope_name.empty() ? s.scope_code : s.scope_name;
  doc.title(c.name + " 综合分析报告");
  doc.paragraph("统计范围：" + where + "（" + s.scope_code + "）；生成时间：" +
                format_time_utc(s.generated_at + 8 * 3600).substr(0, 16) +
                "（北京时间）。数据取自平台的专项行动统计（随每次写入实时更新的计数），图表为可编辑"
                "的 Word 图表，"
                "每张图后附其数据表。");

  // 一、总体情况
  doc.heading("一、总体情况");
  doc.table(
      {{"项目", "数量", "说明"},
       {"参与企业", num(s.enterprises), "纳入专项行动的企业"},
       {"选定产品", num(s.products), "企业选定参与对标的产品"},
       {"使用技术方案", num(s.plans), "对标结果和附件2名单使用的方案（去重）"},
       {"对标结果", num(s.results), "含草稿"},
       {"已上报结果", num(s.submitted), "已提交审核及以后各状态"},
       {"已发布结果", num(s.published), ""},
       {"达标结果", num(s.compliant), "已上报结果中没有关键指标低于对标标准的"},
       {"达标率", percent_text(s.compliant, s.submitted), "达标结果 ÷ 已上报结果"},
       {"企业数指标", num(s.quota), s.quota > 0 ? "完成 " + num(s.quota_share) + "%" : "未下达"}},
      {3000, 2000, 4600});

  // 二、参与情况
  doc.heading("二、参与情况（按下级地区）");
  {
    ChartSpec chart{ChartKind::kColumn,
                    "各地区参与企业数与企业数指标",
                    {},
                    {{"参与企业数", {}}, {"企业数指标", {}}}};
    std::vector<std::vector<std::string>> t = {
        {"地区", "参与企业数", "企业数指标", "完成率", "对标结果", "已上报", "已发布", "达标"}};
    for (const auto& r : s.regions) {
      chart.categories.push_back(r.region_name);
      chart.series[0].values.push_back(static_cast<double>(r.enterprises));
      chart.series[1].values.push_back(static_cast<double>(r.quota));
      t.push_back({r.region_name, num(r.enterprises), r.quota > 0 ? num(r.quota) : "—",
                   r.quota > 0 ? percent_text(r.enterprises, r.quota) : "—", num(r.results),
                   num(r.submitted), num(r.published), num(r.compliant)});
    }
    if (!chart.categories.empty()) doc.chart(chart);
    doc.paragraph("表 1  各地区参与情况", true);
    doc.table(t, {2000, 1100, 1100, 1000, 1100, 1100, 1100, 1000});
  }

  // 三、对标结论分布
  doc.heading("三、对标结论分布");
  {
    ChartSpec pie{ChartKind::kPie, "已上报结果的对标结论", {}, {{"结果数", {}}}};
    std::vector<std::vector<std::string>> t = {{"对标结论", "结果数", "占已上报结果"}};
    for (const auto& x : s.results_by_rollup) {
      pie.categories.push_back(x.label);
      pie.series[0].values.push_back(static_cast<double>(x.count));
      t.push_back({x.label, num(x.count), percent_text(x.count, s.submitted)});
    }
    doc.chart(pie, 15.5, 8);
    doc.paragraph("表 2  对标结论分布", true);
    doc.table(t, {3600, 2000, 2400});
    ChartSpec status{ChartKind::kBar, "对标结果的审核状态", {}, {{"结果数", {}}}};
    std::vector<std::vector<std::string>> st = {{"状态", "结果数"}};
    for (const auto& x : s.results_by_status) {
      status.categories.push_back(x.label);
      status.series[0].values.push_back(static_cast<double>(x.count));
      st.push_back({x.label, num(x.count)});
    }
    doc.chart(status, 15.5, 8);
    doc.paragraph("表 3  审核状态", true);
    doc.table(st, {3600, 2000});
  }

  // 四、排名
  doc.heading("四、下级地区排名");
  {
    ChartSpec chart{ChartKind::kBar,
                    "各地区已发布与已上报结果数（按排名）",
                    {},
                    {{"已发布", {}}, {"已上报", {}}}};
    std::vector<std::vector<std::string>> t = {{"排名", "地区", "已发布", "已上报", "参与企业数"}};
    for (const auto& r : s.regions) {
      chart.categories.push_back(r.region_name);
      chart.series[0].values.push_back(static_cast<double>(r.published));
      chart.series[1].values.push_back(static_cast<double>(r.submitted));
      t.push_back({num(static_cast<long long>(r.rank)), r.region_name, num(r.published),
                   num(r.submitted), num(r.enterprises)});
    }
    if (!chart.categories.empty())
      doc.chart(chart, 15.5, std::max(6.0, 1.0 + 0.6 * chart.categories.size()));
    doc.paragraph("表 4  排名（先比已发布结果数，再比已上报结果数，再比参与企业数）", true);
    doc.table(t, {1000, 3000, 1600, 1600, 1600});
  }

  // 五、指标与目标进度
  progress(70, "指标与目标");
  doc.heading("五、企业数指标与目标进度");
  {
    std::vector<std::vector<std::string>> q = {{"地区", "企业数指标", "参与企业数", "完成率"}};
    for (const auto& r : s.quotas)
      q.push_back(
          {r.region_name, num(r.quota), num(r.enterprises), percent_text(r.enterprises, r.quota)});
    doc.paragraph("表 5  企业数指标（附件1）完成情况", true);
    if (q.size() == 1)
      doc.paragraph("本范围内没有下达企业数指标。");
    else
      doc.table(q, {3000, 1800, 1800, 1600});
    ChartSpec chart{ChartKind::kBar, "目标完成率（%）", {}, {{"完成率", {}}}, "0.0"};
    std::vector<std::vector<std::string>> t = {
        {"目标", "目标值", "实际", "完成率", "截止日期", "状态"}};
    for (const auto& x : s.targets) {
      chart.categories.push_back(x.label);
      chart.series[0].values.push_back(x.share);
      std::string state = x.actual >= x.value ? "已完成" : (x.overdue ? "逾期未完成" : "进行中");
      t.push_back({x.label, num(x.value) + x.unit, num(x.actual) + x.unit, num(x.share) + "%",
                   x.due_date.empty() ? "—" : x.due_date,
                   state + (x.computed ? "" : "（填报值）")});
    }
    if (!chart.categories.empty())
      doc.chart(chart, 15.5, std::max(6.0, 1.0 + 0.7 * chart.categories.size()));
    doc.paragraph("表 6  目标进度", true);
    if (t.size() == 1)
      doc.paragraph("专项行动没有设定目标。");
    else
      doc.table(t, {3000, 1400, 1400, 1200, 1400, 1800});
  }

  // 六、未达标情况（按行业）
  progress(80, "未达标情况");
  doc.heading("六、尚存差距（按行业）");
  {
    struct Row {
      long long reported = 0, compliant = 0;
    };
    std::map<std::string, Row> by;
    for (const auto& g : groups) {
      if (g.status == "draft" || g.status == "returned") continue;
      auto& r = by[g.industry_code];
      r.reported += g.count;
      if (g.compliant) r.compliant += g.count;
    }
    std::vector<std::pair<std::string, Row>> rows(by.begin(), by.end());
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      long long ga = a.second.reported - a.second.compliant,
                gb = b.second.reported - b.second.compliant;
      return ga > gb || (ga == gb && a.first < b.first);
    });
    ChartSpec chart{ChartKind::kColumn, "各行业未达标结果数", {}, {{"未达标", {}}, {"达标", {}}}};
    std::vector<std::vector<std::string>> t = {
        {"行业代码", "行业", "已上报", "达标", "未达标", "未达标占比"}};
    for (const auto& [code, r] : rows) {
      auto ind = cached_industry(app, code);
      std::string name = ind ? ind->name : (code.empty() ? "未填行业" : code);
      long long open = r.reported - r.compliant;
      if (chart.categories.size() < 15) {
        chart.categories.push_back(name);
        chart.series[0].values.push_back(static_cast<double>(open));
        chart.series[1].values.push_back(static_cast<double>(r.compliant));
      }
      t.push_back({code.empty() ? "—" : code, name, num(r.reported), num(r.compliant), num(open),
                   percent_text(open, r.reported)});
    }
    if (!chart.categories.empty()) doc.chart(chart);
    doc.paragraph("表 7  各行业已上报结果的达标情况（图中为未达标最多的 15 个行业）", true);
    if (t.size() == 1)
      doc.paragraph("本范围内还没有已上报的对标结果。");
    else
      doc.table(t, {1300, 3400, 1300, 1300, 1300, 1400});
    std::vector<std::vector<std::string>> list = {
        {"序号", "企业", "产品", "技术方案", "对标结论", "状态"}};
    int k = 0;
    for (const auto& r : not_met.items)
      list.push_back({std::to_string(++k), r.enterprise_name, r.product_name, r.plan_number,
                      rollup_zh(r.rollup), std::string(result_status_label_zh(r.status))});
    doc.paragraph("表 8  未达标的已上报结果（共 " + num(not_met.total) + " 项" +
                      (not_met.total > 50 ? "，列出前 50 项" : "") + "）",
                  true);
    if (list.size() == 1)
      doc.paragraph("没有未达标的已上报结果。");
    else
      doc.table(list, {700, 3200, 2200, 2000, 1300, 1400});
  }

  // 七、阶段进展与标准化水平
  progress(88, "阶段与转化率");
  doc.heading("七、阶段进展");
  {
    std::vector<std::vector<std::string>> t = {{"阶段", "截止日期", "完成地区", "逾期地区"}};
    for (const auto& p : s.phases) {
      std::string late;
      for (const auto& [code, name] : p.overdue_regions) late += (late.empty() ? "" : "、") + name;
      t.push_back({p.name, p.due_date.empty() ? "—" : p.due_date,
                   num(p.regions_reached) + " / " + num(p.regions_total),
                   late.empty() ? "无" : late});
    }
    if (t.size() == 1)
      doc.paragraph("专项行动没有设定阶段。");
    else
      doc.table(t, {2400, 1600, 1600, 4000});
  }
  doc.heading("八、国际标准转化率与一致性程度");
  doc.table(
      {{"指标", "分子", "分母", "数值", "口径"},
       {"国际标准转化率", num(s.conversion.figure.numerator), num(s.conversion.figure.denominator),
        num(s.conversion.figure.rate) + "%", s.conversion.definition},
       {"一致性程度", num(s.consistency.figure.numerator), num(s.consistency.figure.denominator),
        num(s.consistency.figure.rate) + "%", s.consistency.definition}},
      {1800, 900, 900, 1000, 5000});
  doc.paragraph("");
  doc.paragraph("编制单位（盖章）：                    日期：        年    月    日");
  progress(92, "写出文档");
  return doc.build();
}

}  // namespace duibiao
