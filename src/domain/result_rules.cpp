#include "domain/result_rules.h"

#include <nlohmann/json.hpp>

#include <array>

#include "domain/requirement.h"
#include "domain/text.h"

namespace duibiao {

namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kStatusLabels{{
    {"draft", "草稿"},
    {"returned", "已退回"},
    {"submitted", "已提交（待县级审核）"},
    {"county_reviewed", "县级已审核"},
    {"city_recommended", "市级已推荐"},
    {"province_recommended", "省级已推荐"},
    {"accepted", "已受理（待发布）"},
    {"published", "已发布"},
}};

bool has_level(const std::vector<RegionLevel>& a, std::string_view level, std::string* code) {
  for (const auto& r : a)
    if (r.level == level) {
      *code = r.code;
      return true;
    }
  return false;
}

Move refused(std::string message) {
  Move m;
  m.error = std::move(message);
  return m;
}
}  // namespace

std::vector<ChainStep> review_chain(const std::vector<RegionLevel>& ancestors,
                                    std::string_view top) {
  std::vector<ChainStep> chain;
  std::string code;
  if (has_level(ancestors, "county", &code) || has_level(ancestors, "zone", &code))
    chain.push_back({"county", code});
  if (has_level(ancestors, "city", &code)) chain.push_back({"city", code});
  if (has_level(ancestors, "province", &code)) chain.push_back({"province", code});
  if (top != "province" || chain.empty() || chain.back().level != "province")
    chain.push_back({"national", ""});
  return chain;
}

std::string_view passed_status(std::string_view level) {
  if (level == "county") return "county_reviewed";
  if (level == "city") return "city_recommended";
  if (level == "province") return "province_recommended";
  return "accepted";
}

std::string_view result_status_label_zh(std::string_view status) {
  for (const auto& [name, label] : kStatusLabels)
    if (name == status) return label;
  return status;
}

bool is_result_status(std::string_view status) {
  for (const auto& [name, label] : kStatusLabels)
    if (name == status) return true;
  return false;
}

bool is_under_review(std::string_view s) {
  return s == "submitted" || s == "county_reviewed" || s == "city_recommended" ||
         s == "province_recommended" || s == "accepted";
}

bool is_editable(std::string_view s) {
  return s == "draft" || s == "returned";
}

std::optional<ReviewAction> parse_review_action(std::string_view s) {
  if (s == "pass") return ReviewAction::kPass;
  if (s == "return") return ReviewAction::kReturn;
  if (s == "publish") return ReviewAction::kPublish;
  return std::nullopt;
}

std::string_view review_action_name(ReviewAction a) {
  switch (a) {
    case ReviewAction::kPass:
      return "pass";
    case ReviewAction::kReturn:
      return "return";
    case ReviewAction::kPublish:
      return "publish";
  }
  return "";
}

Move submit_move(const EnterpriseResult& r, const std::vector<ChainStep>& chain) {
  if (!is_editable(r.status))
    return refused("当前状态（" + std::string(result_status_label_zh(r.status)) + "）不能提交");
  Move m;
  m.status = "submitted";
  m.stage = chain.front().level;
  m.stage_region = chain.front().region_code;
  return m;
}

Move review_move(const EnterpriseResult& r, const std::vector<ChainStep>& chain, ReviewAction a) {
  std::string label(result_status_label_zh(r.status));
  if (!is_under_review(r.status)) return refused("当前状态（" + label + "）不在审核中");
  if (a == ReviewAction::kReturn) {
    Move m;
    m.status = "returned";
    return m;
  }
  if (a == ReviewAction::kPublish) {
    if (r.status != "accepted") return refused("只有已受理的结果才能发布（当前：" + label + "）");
    Move m;
    m.status = "published";
    return m;
  }
  if (r.status == "accepted") return refused("该结果已受理，待发布");
  // The chain may have changed since the result got here (a new top-of-chain setting): find
  // the current step by level; a result waiting above the new top is accepted at its level.
  size_t i = 0;
  while (i < chain.size() && chain[i].level != r.stage) ++i;
  Move m;
  if (i + 1 >= chain.size()) {
    m.status = "accepted";
    m.stage = r.stage;
    m.stage_region = r.stage_region;
  } else {
    m.status = std::string(passed_status(r.stage));
    m.stage = chain[i + 1].level;
    m.stage_region = chain[i + 1].region_code;
  }
  return m;
}

ResultEvaluation evaluate_result(const std::vector<PlanIndicator>& plan,
                                 const ResultContent& content) {
  ResultEvaluation out;
  std::vector<IndicatorVerdict> verdicts;
  for (size_t i = 0; i < plan.size(); ++i) {
    const PlanIndicator& row = plan[i];
    RowEvaluation ev;
    ResultEntry entry = i < content.entries.size() ? content.entries[i] : ResultEntry{};
    ev.effective_requirement = !entry.revised_requirement.empty() ? entry.revised_requirement
                                                                  : entry.enterprise_requirement;
    ParseOptions options;
    options.default_unit = row.unit;
    auto benchmark = parse_requirement(row.benchmark_requirement, options);
    if (!ev.effective_requirement.empty()) {
      auto mine = parse_requirement(ev.effective_requirement, options);
      auto c = compare_requirements(mine, benchmark);
      ev.verdict = std::string(verdict_name(c.verdict));
      ev.verdict_reason = std::string(c.reason);
      if (!mine.ok())
        ev.verdict_reason = "企业标准要求无法解析：" + std::string(mine.reason);
      else if (!benchmark.ok())
        ev.verdict_reason = "对标标准要求无法解析：" + std::string(benchmark.reason);
      verdicts.push_back({row.name, c.verdict, row.core});
      if (c.verdict == Verdict::kWorse)
        out.gaps.push_back({static_cast<int>(i), row.name,
                            "企业标准要求“" + ev.effective_requirement + "”低于对标要求“" +
                                row.benchmark_requirement + "”"});
    }
    if (!entry.measured_value.empty()) {
      auto judged = judge_value(benchmark, entry.measured_value);
      ev.measured_verdict = !judged.decided ? "undecided" : judged.pass ? "pass" : "fail";
      ev.measured_reason = judged.reason;
      if (judged.decided && !judged.pass)
        out.gaps.push_back({static_cast<int>(i), row.name,
                            "实测值“" + entry.measured_value + "”不满足对标要求“" +
                                row.benchmark_requirement + "”"});
    }
    out.rows.push_back(std::move(ev));
  }
  if (!verdicts.empty()) {
    RollUp r = roll_up(verdicts);
    out.rollup = std::string(roll_up_name(r.kind));
    out.compliant = r.compliant;
    out.summary = r.summary;
  }
  // A measured value below the benchmark on a core row is a gap against 达标 as well.
  bool any_core = false;
  for (const auto& row : plan) any_core = any_core || row.core;
  for (const auto& g : out.gaps)
    if ((!any_core || plan[g.index].core) && out.rows[g.index].measured_verdict == "fail")
      out.compliant = false;
  return out;
}

std::vector<std::pair<std::string, std::string>> submission_gaps(
    const std::vector<PlanIndicator>& plan, const ResultContent& content,
    const ResultEvaluation& evaluation) {
  std::vector<std::pair<std::string, std::string>> out;
  if (content.enterprise_standard.empty())
    out.emplace_back("enterprise_standard", "请填写产品执行的企业标准（或所执行标准）编号");
  for (size_t i = 0; i < plan.size(); ++i) {
    ResultEntry e = i < content.entries.size() ? content.entries[i] : ResultEntry{};
    std::string key = "indicators[" + std::to_string(i) + "].";
    if (e.enterprise_requirement.empty())
      out.emplace_back(key + "enterprise_requirement",
                       "请填写企业标准对“" + plan[i].name + "”的要求");
    if (e.measured_value.empty())
      out.emplace_back(key + "measured_value", "请填写“" + plan[i].name + "”的实测值");
    if (e.report_number.empty()) out.emplace_back(key + "report_number", "请填写检测报告编号");
    if (e.lab.empty()) out.emplace_back(key + "lab", "请填写检测机构");
    if (e.report_date.empty()) out.emplace_back(key + "report_date", "请填写报告日期");
  }
  if (content.conclusion.empty()) out.emplace_back("conclusion", "请填写对标结论");
  for (const auto& gap : evaluation.gaps) {
    bool planned = false;
    for (const auto& imp : content.improvements)
      planned = planned || (imp.indicator == gap.name && !imp.action.empty());
    if (!planned) {
      out.emplace_back("improvements",
                       "指标“" + gap.name + "”未达到对标要求，请在达标提升计划中填写措施");
      break;
    }
  }
  for (size_t i = 0; i < content.improvements.size(); ++i) {
    const auto& imp = content.improvements[i];
    std::string key = "improvements[" + std::to_string(i) + "].";
    if (imp.action.empty()) out.emplace_back(key + "action", "请填写提升措施");
    if (imp.responsible.empty()) out.emplace_back(key + "responsible", "请填写责任人");
    if (imp.target_date.empty()) out.emplace_back(key + "target_date", "请填写完成时限");
  }
  return out;
}

namespace {
using Json = nlohmann::json;

void put(Json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

std::string get(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}
}  // namespace

std::string content_to_json(const ResultContent& c) {
  Json j = Json::object();
  put(j, "enterprise_standard", c.enterprise_standard);
  Json rows = Json::array();
  for (const auto& e : c.entries) {
    Json r = Json::object();
    put(r, "enterprise_requirement", e.enterprise_requirement);
    put(r, "measured_value", e.measured_value);
    put(r, "report_number", e.report_number);
    put(r, "lab", e.lab);
    put(r, "report_date", e.report_date);
    put(r, "file_hash", e.file_hash);
    put(r, "file_name", e.file_name);
    put(r, "revised_requirement", e.revised_requirement);
    rows.push_back(std::move(r));
  }
  j["indicators"] = std::move(rows);
  put(j, "conclusion", c.conclusion);
  Json imps = Json::array();
  for (const auto& i : c.improvements) {
    Json r = Json::object();
    put(r, "indicator", i.indicator);
    put(r, "action", i.action);
    put(r, "responsible", i.responsible);
    put(r, "target_date", i.target_date);
    imps.push_back(std::move(r));
  }
  j["improvements"] = std::move(imps);
  put(j, "revised_standard", c.revised_standard);
  return j.dump();
}

std::optional<ResultContent> content_from_json(std::string_view text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  ResultContent c;
  c.enterprise_standard = get(j, "enterprise_standard");
  c.conclusion = get(j, "conclusion");
  c.revised_standard = get(j, "revised_standard");
  if (auto it = j.find("indicators"); it != j.end() && it->is_array())
    for (const auto& r : *it) {
      if (!r.is_object()) return std::nullopt;
      c.entries.push_back({get(r, "enterprise_requirement"), get(r, "measured_value"),
                           get(r, "report_number"), get(r, "lab"), get(r, "report_date"),
                           get(r, "file_hash"), get(r, "file_name"),
                           get(r, "revised_requirement")});
    }
  if (auto it = j.find("improvements"); it != j.end() && it->is_array())
    for (const auto& r : *it) {
      if (!r.is_object()) return std::nullopt;
      c.improvements.push_back(
          {get(r, "indicator"), get(r, "action"), get(r, "responsible"), get(r, "target_date")});
    }
  return c;
}

std::vector<ContentChange> content_changes(const std::vector<PlanIndicator>& plan,
                                           const ResultContent& before,
                                           const ResultContent& after) {
  std::vector<ContentChange> out;
  auto compare = [&](std::string field, std::string label, const std::string& a,
                     const std::string& b) {
    if (a != b) out.push_back({std::move(field), std::move(label), a, b});
  };
  compare("enterprise_standard", "企业标准编号", before.enterprise_standard,
          after.enterprise_standard);
  static const std::array<std::pair<const char*, const char*>, 8> kFields{{
      {"enterprise_requirement", "企业标准要求"},
      {"measured_value", "实测值"},
      {"report_number", "检测报告编号"},
      {"lab", "检测机构"},
      {"report_date", "报告日期"},
      {"file_hash", "检测报告文件"},
      {"file_name", "检测报告文件名"},
      {"revised_requirement", "修订后要求"},
  }};
  size_t n = std::max(before.entries.size(), after.entries.size());
  for (size_t i = 0; i < n; ++i) {
    ResultEntry a = i < before.entries.size() ? before.entries[i] : ResultEntry{};
    ResultEntry b = i < after.entries.size() ? after.entries[i] : ResultEntry{};
    std::string name = i < plan.size() ? plan[i].name : std::to_string(i + 1);
    std::array<std::pair<const std::string*, const std::string*>, 8> values{{
        {&a.enterprise_requirement, &b.enterprise_requirement},
        {&a.measured_value, &b.measured_value},
        {&a.report_number, &b.report_number},
        {&a.lab, &b.lab},
        {&a.report_date, &b.report_date},
        {&a.file_hash, &b.file_hash},
        {&a.file_name, &b.file_name},
        {&a.revised_requirement, &b.revised_requirement},
    }};
    for (size_t f = 0; f < kFields.size(); ++f)
      compare("indicators[" + std::to_string(i) + "]." + kFields[f].first,
              "指标“" + name + "”" + kFields[f].second, *values[f].first, *values[f].second);
  }
  compare("conclusion", "对标结论", before.conclusion, after.conclusion);
  auto improvements_text = [](const ResultContent& c) {
    std::string s;
    for (const auto& i : c.improvements)
      s += i.indicator + "：" + i.action + "（" + i.responsible + "，" + i.target_date + "）\n";
    return s;
  };
  compare("improvements", "达标提升计划", improvements_text(before), improvements_text(after));
  compare("revised_standard", "修订后的企业标准", before.revised_standard, after.revised_standard);
  return out;
}

std::string changes_to_json(const std::vector<ContentChange>& changes) {
  Json a = Json::array();
  for (const auto& c : changes)
    a.push_back({{"field", c.field}, {"label", c.label}, {"before", c.before}, {"after", c.after}});
  return a.dump();
}

namespace {
constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string make_verification_code(std::string_view random_bytes) {
  std::string out;
  for (size_t i = 0; i < 10 && i < random_bytes.size(); ++i)
    out += kCodeAlphabet[static_cast<unsigned char>(random_bytes[i]) % 32];
  return out;
}

std::string normalize_verification_code(std::string_view text) {
  std::string out;
  for (char ch : text) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (c == ' ' || c == '-') continue;
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kCodeAlphabet.find(c) == std::string_view::npos) return "";
    out += c;
  }
  return out.size() == 10 ? out : "";
}

}  // namespace duibiao
