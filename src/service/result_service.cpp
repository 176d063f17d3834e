#include "service/result_service.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include "domain/standard_number.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/audit_service.h"
#include "service/caches.h"
#include "service/file_store.h"
#include "store/campaign_store.h"
#include "store/plan_store.h"
#include "store/product_store.h"
#include "store/reference_store.h"
#include "store/result_store.h"

namespace duibiao {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxText = 200;
constexpr size_t kMaxConclusion = 2000;
constexpr size_t kMaxComment = 1000;
constexpr size_t kMaxImprovements = 50;
constexpr size_t kMaxBulk = 200;

ReviewSettings read_settings(Tx& tx);

// Views read the settings through a short-lived per-process copy (they only show overdue flags
// and the chain); moves along the chain always read the database.
ReviewSettings view_settings(App& app, Tx& tx) {
  ServiceCaches& c = *app.caches;
  long long now = now_unix();
  {
    std::lock_guard lock(c.mutex);
    if (c.settings_read_at != 0 && now - c.settings_read_at < 5)
      return {c.review_top, c.review_days};
  }
  ReviewSettings s = read_settings(tx);
  std::lock_guard lock(c.mutex);
  c.review_top = s.review_top;
  c.review_days = s.review_days;
  c.settings_read_at = now;
  return s;
}

ReviewSettings read_settings(Tx& tx) {
  ReviewSettings s;
  if (auto top = get_setting(tx, "review_top"); top && (*top == "province" || *top == "national"))
    s.review_top = *top;
  if (auto days = get_setting(tx, "review_days")) {
    try {
      s.review_days = std::stoi(*days);
    } catch (const std::exception&) {
    }
  }
  return s;
}

std::string level_label(std::string_view level) {
  if (level == "county") return "县级";
  if (level == "city") return "市级";
  if (level == "province") return "省级";
  if (level == "national") return "国家";
  return std::string(level);
}

// The level a reviewer acts at, or "" for roles that do not review.
std::string review_level(const User& u) {
  if (u.role == Role::kNationalOffice) return "national";
  return std::string(regulator_level(u.role));
}

std::string office_role(std::string_view level) {
  if (level == "county") return "county_regulator";
  if (level == "city") return "city_regulator";
  if (level == "province") return "province_regulator";
  return "national_office";
}

// The platform's settings with the top of the chain set by the enterprise's campaign, when the
// deepest campaign it takes part in sets one.
ReviewSettings with_campaign_top(Tx& tx, ReviewSettings s, long long enterprise_id) {
  if (auto top = campaign_review_top_for(tx, enterprise_id); !top.empty()) s.review_top = top;
  return s;
}

bool is_overdue(const EnterpriseResult& r, const ReviewSettings& s) {
  return !r.stage.empty() && r.status != "accepted" &&
         now_unix() - r.stage_since > static_cast<long long>(s.review_days) * 86400;
}

// A view from what is already known (no database): names, chain and overdue flag.
ResultView assemble_view(App& app, EnterpriseResult r, std::shared_ptr<const Plan> plan,
                         ResultEvaluation evaluation, const ReviewSettings& settings) {
  ResultView v;
  v.plan = std::move(plan);
  v.evaluation = std::move(evaluation);
  v.region_code = region_code_of_path(r.region_path);
  if (auto reg = cached_region(app, v.region_code)) v.region_name = reg->name;
  if (!r.stage_region.empty()) {
    if (auto reg = cached_region(app, r.stage_region)) v.stage_region_name = reg->name;
  } else if (r.stage == "national") {
    v.stage_region_name = "全国";
  }
  v.chain = review_chain(region_levels(app, r.region_path), settings.review_top);
  v.overdue = is_overdue(r, settings);
  v.result = std::move(r);
  return v;
}

const std::vector<PlanIndicator>& rows_of(const std::shared_ptr<const Plan>& plan) {
  static const std::vector<PlanIndicator> kNoRows;
  return plan ? plan->indicators : kNoRows;
}

// detail: the whole result with its verdicts and what changed; otherwise a list row, whose
// roll-up is the one stored at the last save (the content is not even read for lists).
ResultView build_view(App& app, Tx& tx, EnterpriseResult r, const ReviewSettings& settings,
                      bool detail) {
  auto plan = plan_version(app, tx, r.plan_id);
  ResultEvaluation evaluation;
  std::string changes;
  if (detail) {
    evaluation = evaluate_result(rows_of(plan), r.content);
    if (r.submitted_at > 0) changes = latest_submission_changes(tx, r.id);
  } else {
    evaluation.rollup = r.rollup;
    evaluation.compliant = r.compliant;
  }
  if (!detail) {
    ResultView v =
        assemble_view(app, std::move(r), std::move(plan), std::move(evaluation), settings);
    v.changes_json = std::move(changes);
    return v;
  }
  // The page of one result shows the chain it really climbs: its campaign may set the top.
  ReviewSettings own = with_campaign_top(tx, settings, r.enterprise_id);
  ResultView v = assemble_view(app, std::move(r), std::move(plan), std::move(evaluation), own);
  v.changes_json = std::move(changes);
  return v;
}

// A move found stale at the end of its write: thrown so that what the write did before it
// (the event, the notifications, the audit entry) is rolled back with it.
struct StaleMove : std::runtime_error {
  StaleMove() : std::runtime_error("stale result version") {}
};

// The result's UPDATE comes last in its write: on PostgreSQL it moves the statistics epoch, whose
// row lock every counting write queues for until commit (migration 19); taken last, it is held
// for the UPDATE and the COMMIT only, not for the round trips of the event, notification and
// audit inserts before it.
void move_last(Tx& tx, const Scope& scope, const EnterpriseResult& r, int version) {
  if (!move_result(tx, scope, r, version)) throw StaleMove();
}

Error stale(const EnterpriseResult& r) {
  return Error::conflict("该结果已被更新（当前版本 " + std::to_string(r.version) +
                         "），请刷新后再操作");
}

std::string audit_state(const EnterpriseResult& r) {
  return nlohmann::json{{"id", r.id},
                        {"status", r.status},
                        {"stage", r.stage},
                        {"stage_region", r.stage_region},
                        {"version", r.version}}
      .dump();
}

void notify_users(Tx& tx, const std::vector<long long>& users, long long result_id,
                  const std::string& kind, const std::string& text, long long now) {
  for (long long u : users) insert_notification(tx, {0, u, now, result_id, kind, text, 0});
}

void notify_office(Tx& tx, const EnterpriseResult& r, const std::string& text, long long now) {
  if (r.stage.empty()) return;
  notify_users(tx, office_user_ids(tx, office_role(r.stage), r.stage_region), r.id, "review", text,
               now);
}

std::string describe(const EnterpriseResult& r) {
  return r.enterprise_name + "“" + r.product_name + "”（" + r.plan_number + "）";
}

// Trims and checks what the enterprise typed; normalizes standard numbers. Field errors name
// the row (indicators[i].x) as the web editor shows them.
Result<ResultContent> validate_content(App& app, Tx& tx, const Scope& scope, const Plan& plan,
                                       const ResultContent& in) {
  std::map<std::string, std::string> fields;
  ResultContent c;
  auto text = [&](const std::string& key, const std::string& value, size_t max) {
    std::string t(trim(value));
    if (!is_valid_utf8(t))
      fields[key] = "含有无效的 UTF-8 字符";
    else if (utf8_length(t) > max)
      fields[key] = "最多" + std::to_string(max) + "个字";
    return t;
  };
  c.enterprise_standard = text("enterprise_standard", in.enterprise_standard, 100);
  if (!c.enterprise_standard.empty() && !fields.count("enterprise_standard")) {
    auto parsed = parse_standard_number(c.enterprise_standard);
    if (!parsed)
      fields["enterprise_standard"] = parsed.error;
    else
      c.enterprise_standard = parsed.value.normalized;
  }
  c.revised_standard = text("revised_standard", in.revised_standard, 100);
  if (!c.revised_standard.empty() && !fields.count("revised_standard")) {
    auto parsed = parse_standard_number(c.revised_standard);
    if (!parsed)
      fields["revised_standard"] = parsed.error;
    else if (parsed.value.kind != StandardKind::kEnterprise)
      fields["revised_standard"] = "修订后的企业标准编号应以 Q/ 开头，例如 Q/NBXX 001-2026";
    else
      c.revised_standard = parsed.value.normalized;
  }
  c.conclusion = text("conclusion", in.conclusion, kMaxConclusion);
  if (in.entries.size() != plan.indicators.size()) {
    fields["indicators"] = "应有" + std::to_string(plan.indicators.size()) +
                           "行，与对标方案的指标一一对应（收到" +
                           std::to_string(in.entries.size()) + "行）";
  } else {
    for (size_t i = 0; i < in.entries.size(); ++i) {
      const ResultEntry& e = in.entries[i];
      std::string key = "indicators[" + std::to_string(i) + "].";
      ResultEntry out;
      out.enterprise_requirement =
          text(key + "enterprise_requirement", e.enterprise_requirement, kMaxText);
      out.measured_value = text(key + "measured_value", e.measured_value, kMaxText);
      out.report_number = text(key + "report_number", e.report_number, 100);
      out.lab = text(key + "lab", e.lab, 100);
      out.report_date = text(key + "report_date", e.report_date, 10);
      if (!out.report_date.empty() && !is_iso_date(out.report_date))
        fields[key + "report_date"] = "日期应为 YYYY-MM-DD，例如 2026-05-12";
      out.file_name = text(key + "file_name", e.file_name, 100);
      out.revised_requirement = text(key + "revised_requirement", e.revised_requirement, kMaxText);
      out.file_hash = to_lower_ascii(trim(e.file_hash));
      if (!out.file_hash.empty() && !find_upload(tx, scope, out.file_hash))
        fields[key + "file_hash"] = "检测报告文件不存在，请重新上传";
      c.entries.push_back(std::move(out));
    }
  }
  if (in.improvements.size() > kMaxImprovements)
    fields["improvements"] = "达标提升措施最多" + std::to_string(kMaxImprovements) + "条";
  for (size_t i = 0; i < in.improvements.size() && i < kMaxImprovements; ++i) {
    const Improvement& imp = in.improvements[i];
    std::string key = "improvements[" + std::to_string(i) + "].";
    Improvement out{text(key + "indicator", imp.indicator, 100),
                    text(key + "action", imp.action, 500),
                    text(key + "responsible", imp.responsible, 50),
                    text(key + "target_date", imp.target_date, 10)};
    bool known = false;
    for (const auto& row : plan.indicators) known = known || row.name == out.indicator;
    if (!known) fields[key + "indicator"] = "请选择对标方案中的一项指标";
    if (!out.target_date.empty() && !is_iso_date(out.target_date))
      fields[key + "target_date"] = "日期应为 YYYY-MM-DD";
    c.improvements.push_back(std::move(out));
  }
  (void)app;
  if (!fields.empty()) return fail(Error::validation(fields));
  return c;
}

constexpr const char* kEnterpriseOnly = "对标结果由企业自己填报";

// A result the caller may read: regulators never see drafts that were never submitted.
std::optional<EnterpriseResult> find_visible(Tx& tx, const User& me, const Scope& scope,
                                             long long id) {
  auto r = find_result(tx, scope, id);
  if (r && me.role != Role::kEnterprise && r->submitted_at == 0) return std::nullopt;
  return r;
}

std::string random_code_bytes() {
  std::string b(10, '\0');
  randombytes_buf(b.data(), b.size());
  return b;
}

std::string search_text_for(const EnterpriseResult& r, const Plan& plan) {
  std::string s = r.enterprise_name + " " + r.credit_code + " " + r.product_name + " " +
                  r.product_model + " " + r.plan_number;
  for (const auto& st : plan.standards) s += " " + st.number;
  return to_lower_ascii(s);
}

}  // namespace

Result<PageResult<ResultView>> list_results_for(App& app, const Caller& caller,
                                                const ResultQuery& q, const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& user = **me;
  auto scope = data_scope(user);
  if (!scope) return fail(Error::forbidden("当前角色无权查看对标结果"));
  ResultFilter f;
  if (!q.status.empty() && !is_result_status(q.status))
    return fail(Error::field("status", "未知的状态“" + q.status + "”"));
  if (!q.stage.empty() && q.stage != "county" && q.stage != "city" && q.stage != "province" &&
      q.stage != "national")
    return fail(Error::field("stage", "stage 应为 county、city、province 或 national"));
  f.status = q.status;
  f.stage = q.stage;
  f.q = to_lower_ascii(trim(q.q));
  f.plan_number = std::string(trim(q.plan_number));
  if (!q.region_code.empty()) {
    auto reg = cached_region(app, q.region_code);
    if (!reg) return fail(Error::field("region_code", "行政区划代码“" + q.region_code + "”不存在"));
    f.region_lo = reg->path;
    f.region_hi = reg->path + "\x7f";
  }
  // Regulators never see drafts that were never submitted; in the queue every row has been
  // submitted already (it waits at a level), and leaving the condition out spares a table read
  // per waiting row.
  f.submitted_only = user.role != Role::kEnterprise && !q.queue;
  if (q.queue) {
    std::string level = review_level(user);
    if (level.empty()) return fail(Error::forbidden("当前角色没有审核队列"));
    f.queue = true;
    f.queue_stage = level;
    f.queue_region = level == "national" ? "" : user.region_code;
    f.queue_region_path = level == "national" ? "/" : user.region_path;
  }
  PageResult<ResultView> out;
  app.db.read([&](Tx& tx) {
    ReviewSettings settings = view_settings(app, tx);
    if (q.overdue)
      f.overdue_before = now_unix() - static_cast<long long>(settings.review_days) * 86400;
    auto rows = list_results(tx, *scope, f, page);
    out.total = rows.total;
    for (auto& r : rows.items)
      out.items.push_back(build_view(app, tx, std::move(r), settings, false));
  });
  return out;
}

Result<ResultView> get_result(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = data_scope(**me);
  if (!scope) return fail(Error::not_found("对标结果不存在"));
  std::optional<ResultView> v;
  app.db.read([&](Tx& tx) {
    auto r = find_visible(tx, **me, *scope, id);
    if (r) v = build_view(app, tx, std::move(*r), view_settings(app, tx), true);
  });
  if (!v) return fail(Error::not_found("对标结果不存在"));
  return std::move(*v);
}

namespace {

// Everything of the row a detail page shows besides what its version covers (content, verdicts,
// status, stage, what the last submission changed) and what never changes (a published plan
// version, region names): the joined names, the chain's top and the overdue flag. The code and
// creation time tell a new row apart from a deleted one whose id SQLite gave out again.
std::string page_fingerprint(const EnterpriseResult& r, const ReviewSettings& own, bool overdue) {
  std::string f;
  f.reserve(160);
  auto add = [&f](std::string_view part) {
    f.append(part);
    f.push_back('\x1f');
  };
  for (long long n : {static_cast<long long>(r.version), r.updated_at, r.created_at, r.stage_since,
                      r.plan_id, static_cast<long long>(own.review_days), overdue ? 1LL : 0LL})
    add(std::to_string(n));
  for (const std::string* text : {&r.code, &r.status, &r.stage, &r.region_path, &r.enterprise_name,
                                  &r.credit_code, &r.product_name, &r.product_model,
                                  &r.plan_product, &r.content.enterprise_standard, &own.review_top})
    add(*text);
  return f;
}

}  // namespace

Result<std::shared_ptr<const std::string>> result_page(
    App& app, const Caller& caller, long long id,
    const std::function<std::string(const ResultView&)>& render) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = data_scope(**me);
  if (!scope) return fail(Error::not_found("对标结果不存在"));
  std::shared_ptr<const std::string> page;
  std::optional<ResultView> v;
  std::string fingerprint;
  app.db.read([&](Tx& tx) {
    // The row without its content first: a page kept from the same row is answered as it is,
    // without reading, parsing and judging the content again.
    auto head = find_result_head(tx, *scope, id);
    if (!head || ((*me)->role != Role::kEnterprise && head->submitted_at == 0)) return;
    ReviewSettings settings = view_settings(app, tx);
    ReviewSettings own = with_campaign_top(tx, settings, head->enterprise_id);
    fingerprint = page_fingerprint(*head, own, is_overdue(*head, own));
    if ((page = cached_result_page(app, id, fingerprint))) return;
    auto r = find_visible(tx, **me, *scope, id);
    if (!r) return;
    v = build_view(app, tx, std::move(*r), settings, true);
    // Kept under what it was rendered from (its overdue flag may have turned meanwhile).
    fingerprint = page_fingerprint(v->result, own, v->overdue);
  });
  if (page) return page;
  if (!v) return fail(Error::not_found("对标结果不存在"));
  page = std::make_shared<const std::string>(render(*v));
  keep_result_page(app, id, std::move(fingerprint), page);
  return page;
}

Result<ResultView> create_result(App& app, const Caller& caller, const NewResult& in) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const auto& [user, scope] = *who;
  std::optional<Error> error;
  long long id = 0;
  app.db.write([&](Tx& tx) {
    auto product = find_product(tx, scope, in.product_id);
    if (!product) {
      error = Error::field("product_id", "产品不存在");
      return;
    }
    if (!product->selected) {
      error = Error::field("product_id", "请先在“我的产品”中选定该产品参与对标（最多3个）");
      return;
    }
    std::shared_ptr<const Plan> plan;
    if (in.plan_id != 0) {
      plan = plan_version(app, tx, in.plan_id);
      if (!plan || plan->status != "published") {
        error = Error::field("plan_id", plan && plan->status == "superseded"
                                            ? "该方案版本已被新版本取代，请选用最新发布的版本"
                                            : "对标方案不存在或未发布");
        return;
      }
    } else {
      std::string number(trim(in.plan_number));
      auto found = number.empty() ? std::nullopt : find_published_plan(tx, number);
      if (!found) {
        error = Error::field("plan_number", "方案编号“" + number + "”不存在或未发布");
        return;
      }
      plan = plan_version(app, tx, found->id);
    }
    if (result_exists_for(tx, product->id, plan->plan_number)) {
      error = Error::conflict("该产品已有按方案 " + plan->plan_number + " 的对标结果");
      return;
    }
    EnterpriseResult r;
    r.enterprise_id = user->enterprise_id;
    r.region_path = product->region_path;
    r.product_id = product->id;
    r.product_name = product->name;
    r.product_model = product->model;
    r.enterprise_name = product->enterprise_name;
    r.plan_id = plan->id;
    r.plan_number = plan->plan_number;
    r.status = "draft";
    r.content.enterprise_standard =
        !product->enterprise_standard.empty()
            ? product->enterprise_standard
            : (product->standards.empty() ? "" : product->standards.front());
    r.content.entries.resize(plan->indicators.size());
    r.created_at = r.updated_at = now_unix();
    do {
      r.code = make_verification_code(random_code_bytes());
    } while (result_code_taken(tx, r.code));
    r.search_text = search_text_for(r, *plan);
    id = insert_result(tx, r);
    record_audit(tx, caller, "create", "result", std::to_string(id), r.region_path, r.enterprise_id,
                 "新建对标结果 " + r.product_name + "（" + r.plan_number + "）", "",
                 audit_state(r));
  });
  if (error) return fail(*error);
  return get_result(app, caller, id);
}

Result<ResultView> save_result(App& app, const Caller& caller, long long id, int version,
                               const ResultContent& content) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const auto& [user, scope] = *who;
  std::optional<Error> error;
  app.db.write([&](Tx& tx) {
    auto r = find_result(tx, scope, id);
    if (!r) {
      error = Error::not_found("对标结果不存在");
      return;
    }
    if (!is_editable(r->status)) {
      error = Error::conflict("该结果已提交（" + std::string(result_status_label_zh(r->status)) +
                              "），不能再修改；被退回后可修改");
      return;
    }
    if (r->version != version) {
      error = stale(*r);
      return;
    }
    auto plan = plan_version(app, tx, r->plan_id);
    auto valid = validate_content(app, tx, scope, *plan, content);
    if (!valid) {
      error = valid.error();
      return;
    }
    r->content = std::move(*valid);
    auto ev = evaluate_result(plan->indicators, r->content);
    r->rollup = ev.rollup;
    r->compliant = ev.compliant;
    r->updated_at = now_unix();
    if (!update_result_content(tx, scope, *r, version)) error = stale(*r);
    // Drafts are saved as typed: no audit row per keystroke save (the history records
    // submissions, each with a snapshot and what changed).
  });
  if (error) return fail(*error);
  return get_result(app, caller, id);
}

Result<void> delete_result(App& app, const Caller& caller, long long id) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const auto& [user, scope] = *who;
  std::optional<Error> error;
  app.db.write([&](Tx& tx) {
    auto r = find_result(tx, scope, id);
    if (!r) {
      error = Error::not_found("对标结果不存在");
      return;
    }
    if (r->status != "draft" || r->submitted_at != 0 || !delete_draft_result(tx, scope, id)) {
      error = Error::conflict("只有从未提交过的草稿可以删除");
      return;
    }
    record_audit(tx, caller, "delete", "result", std::to_string(id), r->region_path,
                 r->enterprise_id, "删除对标结果草稿 " + r->product_name, audit_state(*r), "");
  });
  if (error) return fail(*error);
  return {};
}

// Submissions and reviews are prepared in a read transaction (checks, verdicts, the chain, what
// changed) and written in a short one guarded by the version: a concurrent change makes the
// guarded UPDATE miss and the caller gets 409. The write lock is held only for the writes.
Result<ResultView> submit_result(App& app, const Caller& caller, long long id, int version) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const auto& [user, scope] = *who;
  std::optional<Error> error;
  EnterpriseResult r;
  std::shared_ptr<const Plan> plan;
  ResultEvaluation ev;
  ReviewSettings settings;
  Move move;
  std::string changes = "[]";
  app.db.read([&](Tx& tx) {
    auto found = find_result(tx, scope, id);
    if (!found) {
      error = Error::not_found("对标结果不存在");
      return;
    }
    r = std::move(*found);
    if (!is_editable(r.status)) {
      error = Error::conflict("该结果已提交（" + std::string(result_status_label_zh(r.status)) +
                              "），不能重复提交");
      return;
    }
    if (r.version != version) {
      error = stale(r);
      return;
    }
    plan = plan_version(app, tx, r.plan_id);
    ev = evaluate_result(rows_of(plan), r.content);
    auto missing = submission_gaps(rows_of(plan), r.content, ev);
    if (!missing.empty()) {
      std::map<std::string, std::string> fields(missing.begin(), missing.end());
      error = Error::validation(fields,
                                "还有" + std::to_string(fields.size()) + "项未填写完整，不能提交");
      return;
    }
    settings = with_campaign_top(tx, read_settings(tx), r.enterprise_id);
    move = submit_move(r, review_chain(region_levels(app, r.region_path), settings.review_top));
    if (!move.error.empty()) {
      error = Error::conflict(move.error);
      return;
    }
    // A resubmission after a return records what changed since the previous submission.
    if (r.status == "returned")
      for (const auto& previous : latest_submission_snapshots(tx, r.id, 1))
        if (auto before = content_from_json(previous))
          changes = changes_to_json(content_changes(rows_of(plan), *before, r.content));
  });
  if (error) return fail(*error);
  long long now = now_unix();
  EnterpriseResult before = r;
  r.status = move.status;
  r.stage = move.stage;
  r.stage_region = move.stage_region;
  r.stage_since = now;
  r.submitted_at = now;
  r.rollup = ev.rollup;
  r.compliant = ev.compliant;
  r.updated_at = now;
  // Everything but the statements is made before the write: SQLite has one writer, and what it
  // spends per write bounds how many submissions a second the platform takes.
  ResultEvent event{0,
                    r.id,
                    now,
                    user->id,
                    user->display_name,
                    std::string(role_name(user->role)),
                    "",
                    "submit",
                    before.status,
                    r.status,
                    r.stage,
                    "",
                    changes,
                    content_to_json(r.content)};
  std::string notice =
      describe(r) + (before.status == "returned" ? " 修改后重新提交，" : " 已提交，") + "待您审核";
  std::string audit_before = audit_state(before), audit_after = audit_state(r);
  std::string audit_id = std::to_string(r.id), audit_summary = "提交对标结果 " + r.product_name;
  try {
    app.db.write([&](Tx& tx) {
      insert_result_event(tx, event);
      notify_office(tx, r, notice, now);
      record_audit(tx, caller, "submit", "result", audit_id, r.region_path, r.enterprise_id,
                   audit_summary, audit_before, audit_after);
      move_last(tx, scope, r, version);
    });
  } catch (const StaleMove&) {
    return fail(stale(before));
  }
  r.version = version + 1;
  ResultView v = assemble_view(app, std::move(r), std::move(plan), std::move(ev), settings);
  v.changes_json = std::move(changes);
  return v;
}

Result<ResultView> review_result(App& app, const Caller& caller, long long id, int version,
                                 const std::string& action_name, const std::string& comment_in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& user = **me;
  std::string level = review_level(user);
  if (level.empty()) return fail(Error::forbidden("只有各级市场监管部门和国家对标办可以审核"));
  auto action = parse_review_action(action_name);
  if (!action) return fail(Error::field("action", "action 应为 pass、return 或 publish"));
  std::string comment(trim(comment_in));
  if (utf8_length(comment) > kMaxComment)
    return fail(Error::field("comment", "意见最多" + std::to_string(kMaxComment) + "个字"));
  if (*action == ReviewAction::kReturn && comment.empty())
    return fail(Error::field("comment", "退回时请写明理由"));
  auto scope = *data_scope(user);
  std::optional<Error> error;
  EnterpriseResult r;
  std::shared_ptr<const Plan> plan;
  ResultEvaluation ev;
  ReviewSettings settings;
  Move move;
  std::string changes;
  app.db.read([&](Tx& tx) {
    auto found = find_visible(tx, user, scope, id);
    if (!found) {
      error = Error::not_found("对标结果不存在");
      return;
    }
    r = std::move(*found);
    // A stale version first: the caller acted on an outdated page (someone else moved it).
    if (r.version != version) {
      error = stale(r);
      return;
    }
    std::string my_region = level == "national" ? "" : user.region_code;
    if (is_under_review(r.status) && (r.stage != level || r.stage_region != my_region)) {
      error = Error::forbidden("该结果当前由" + level_label(r.stage) + "审核，不在您的审核环节");
      return;
    }
    settings = with_campaign_top(tx, read_settings(tx), r.enterprise_id);
    move = review_move(r, review_chain(region_levels(app, r.region_path), settings.review_top),
                       *action);
    if (!move.error.empty()) {
      error = Error::conflict(move.error);
      return;
    }
    plan = plan_version(app, tx, r.plan_id);
    ev = evaluate_result(rows_of(plan), r.content);
    changes = latest_submission_changes(tx, r.id);
  });
  if (error) return fail(*error);
  long long now = now_unix();
  EnterpriseResult before = r;
  r.status = move.status;
  r.stage = move.stage;
  r.stage_region = move.stage_region;
  r.stage_since = now;
  if (*action == ReviewAction::kPublish) r.published_at = now;
  r.updated_at = now;
  try {
    app.db.write([&](Tx& tx) {
      insert_result_event(
          tx, {0, r.id, now, user.id, user.display_name, std::string(role_name(user.role)),
               user.region_code, std::string(review_action_name(*action)), before.status, r.status,
               r.stage, comment, "", ""});
      std::string who = (user.region_name.empty() ? level_label(level) : user.region_name) +
                        (level == "national" ? "国家对标办" : "市场监管局");
      auto enterprise_users = enterprise_user_ids(tx, r.enterprise_id);
      if (*action == ReviewAction::kReturn) {
        notify_users(tx, enterprise_users, r.id, "returned",
                     "您的对标结果 " + describe(r) + " 被" + who + "退回：" + comment, now);
      } else if (*action == ReviewAction::kPublish) {
        notify_users(tx, enterprise_users, r.id, "published",
                     "您的对标结果 " + describe(r) + " 已发布，核验码 " + r.code, now);
      } else if (r.status == "accepted") {
        notify_users(tx, enterprise_users, r.id, "accepted",
                     "您的对标结果 " + describe(r) + " 已被" + who + "受理，待发布", now);
      } else {
        notify_users(tx, enterprise_users, r.id, "passed",
                     "您的对标结果 " + describe(r) + " 已通过" + who + "审核", now);
        notify_office(tx, r, describe(r) + " 已通过" + who + "审核，待您审核", now);
      }
      record_audit(tx, caller, std::string(review_action_name(*action)), "result",
                   std::to_string(r.id), r.region_path, r.enterprise_id,
                   std::string(result_status_label_zh(r.status)) + "：" + r.product_name +
                       (comment.empty() ? "" : "（" + comment + "）"),
                   audit_state(before), audit_state(r));
      move_last(tx, scope, r, version);
    });
  } catch (const StaleMove&) {
    return fail(stale(before));
  }
  r.version = version + 1;
  ResultView v = assemble_view(app, std::move(r), std::move(plan), std::move(ev), settings);
  v.changes_json = std::move(changes);
  return v;
}

Result<std::vector<BulkOutcome>> bulk_review(App& app, const Caller& caller,
                                             const std::string& action, const std::string& comment,
                                             const std::vector<BulkItem>& items) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if (review_level(**me).empty())
    return fail(Error::forbidden("只有各级市场监管部门和国家对标办可以审核"));
  if (action != "pass") return fail(Error::field("action", "批量操作只支持 pass（通过）"));
  if (items.empty() || items.size() > kMaxBulk)
    return fail(Error::field("items", "请选择1到" + std::to_string(kMaxBulk) + "条结果"));
  std::vector<BulkOutcome> out;
  // Each on its own: one stale item does not hold back the others.
  for (const auto& item : items) {
    auto r = review_result(app, caller, item.id, item.version, action, comment);
    BulkOutcome o;
    o.id = item.id;
    if (r)
      o.view = std::move(*r);
    else
      o.error = r.error();
    out.push_back(std::move(o));
  }
  return out;
}

Result<std::vector<ResultEvent>> result_events_for(App& app, const Caller& caller, long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = data_scope(**me);
  if (!scope) return fail(Error::not_found("对标结果不存在"));
  std::optional<std::vector<ResultEvent>> events;
  app.db.read([&](Tx& tx) {
    if (find_visible(tx, **me, *scope, id)) events = list_result_events(tx, id);
  });
  if (!events) return fail(Error::not_found("对标结果不存在"));
  return std::move(*events);
}

Result<std::shared_ptr<const std::string>> public_result_page(
    App& app, const Caller& caller, const std::string& code_in,
    const std::function<std::string(const ResultView&)>& render) {
  long long now = now_unix();
  // The throttle applies to kept pages too: an address that guessed too much waits.
  if (auto wait = code_lookup_blocked(app, caller.remote_addr, now)) {
    Error e{ErrorCode::kTooManyRequests, "查询过于频繁：请 " + std::to_string(*wait) + " 秒后再试"};
    e.retry_after_seconds = static_cast<int>(*wait);
    return fail(e);
  }
  std::string code = normalize_verification_code(code_in);
  if (auto page = code.empty() ? nullptr : cached_public_page(app, code)) return page;
  std::optional<ResultView> v;
  if (!code.empty())
    app.db.read([&](Tx& tx) {
      auto r = find_published_result(tx, code);
      if (r) v = build_view(app, tx, std::move(*r), view_settings(app, tx), true);
    });
  if (!v) {
    // Misses counted past the limit (by concurrent guesses, maybe through other processes) are
    // answered like a blocked address: at most the limit of misses is ever told apart.
    long long misses = note_code_miss(app, caller.remote_addr, now);
    if (misses > app.config.public_code_misses) {
      long long wait = app.config.public_code_window_seconds;
      Error e{ErrorCode::kTooManyRequests,
              "查询过于频繁：请 " + std::to_string(wait) + " 秒后再试"};
      e.retry_after_seconds = static_cast<int>(wait);
      return fail(e);
    }
    return fail(Error::not_found("核验码不存在或对应的结果尚未发布"));
  }
  auto page = std::make_shared<const std::string>(render(*v));
  keep_public_page(app, code, page);
  return page;
}

Result<PageResult<ResultView>> public_results(App& app, const ResultQuery& q, const Page& page) {
  ResultFilter f;
  f.published_only = true;
  f.submitted_only = true;
  f.q = to_lower_ascii(trim(q.q));
  f.plan_number = std::string(trim(q.plan_number));
  if (!q.region_code.empty()) {
    auto reg = cached_region(app, q.region_code);
    if (!reg) return fail(Error::field("region_code", "行政区划代码“" + q.region_code + "”不存在"));
    f.region_lo = reg->path;
    f.region_hi = reg->path + "\x7f";
  }
  PageResult<ResultView> out;
  app.db.read([&](Tx& tx) {
    ReviewSettings settings = view_settings(app, tx);
    auto rows = list_results(tx, Scope{}, f, page);
    out.total = rows.total;
    for (auto& r : rows.items)
      out.items.push_back(build_view(app, tx, std::move(r), settings, false));
  });
  return out;
}

Result<ReviewSettings> get_review_settings(App& app, const Caller& caller) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  ReviewSettings s;
  app.db.read([&](Tx& tx) { s = read_settings(tx); });
  return s;
}

Result<ReviewSettings> put_review_settings(App& app, const Caller& caller,
                                           const ReviewSettings& s) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if ((*me)->role != Role::kAdmin && (*me)->role != Role::kNationalOffice)
    return fail(Error::forbidden("只有管理员和国家对标办可以修改审核设置"));
  std::map<std::string, std::string> fields;
  if (s.review_top != "national" && s.review_top != "province")
    fields["review_top"] = "review_top 应为 national（国家）或 province（省级）";
  if (s.review_days < 1 || s.review_days > 365) fields["review_days"] = "审核时限应为1到365天";
  if (!fields.empty()) return fail(Error::validation(fields));
  app.db.write([&](Tx& tx) {
    ReviewSettings before = read_settings(tx);
    set_setting(tx, "review_top", s.review_top);
    set_setting(tx, "review_days", std::to_string(s.review_days));
    std::lock_guard lock(app.caches->mutex);
    app.caches->settings_read_at = 0;  // this process sees the change at once
    auto as_json = [](const ReviewSettings& x) {
      return nlohmann::json{{"review_top", x.review_top}, {"review_days", x.review_days}}.dump();
    };
    record_audit(tx, caller, "update", "settings", "review", "/", 0, "修改审核设置",
                 as_json(before), as_json(s));
  });
  return s;
}

std::string sniff_upload_type(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return "image/png";
  if (b.starts_with("\xFF\xD8\xFF")) return "image/jpeg";
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  return "";
}

namespace {
std::string sha256_hex(const std::string& body) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : h) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

fs::path stored_path(const App& app, const std::string& hash) {
  return fs::path(app.config.upload_dir) / hash.substr(0, 2) / hash;
}

// Writes the file durably before the database refers to it (temp file, fsync, rename, fsync of
// the directory; nothing left behind when the disk is full). The same content is stored once.
void store_bytes(const App& app, const std::string& hash, const std::string& body) {
  fs::path target = stored_path(app, hash);
  std::error_code ec;
  if (fs::exists(target, ec) && fs::file_size(target, ec) == body.size() && !ec) return;
  write_file_durably(target, body);
}

std::string clean_file_name(const std::string& name) {
  std::string out;
  for (char c : std::string(trim(name)))
    if (c != '/' && c != '\\' && c != '"' && static_cast<unsigned char>(c) >= 0x20) out += c;
  if (!is_valid_utf8(out)) return "file";
  while (utf8_length(out) > 100) out.pop_back();
  while (!out.empty() && !is_valid_utf8(out)) out.pop_back();
  return out;
}
}  // namespace

std::string store_upload_bytes(const App& app, const std::string& body) {
  std::string hash = sha256_hex(body);
  store_bytes(app, hash, body);
  return hash;
}

bool load_upload_bytes(const App& app, const std::string& hash, std::string& out) {
  if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
    return false;
  std::ifstream in(stored_path(app, hash), std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::string clean_upload_name(const std::string& name) {
  return clean_file_name(name);
}

Result<Upload> upload_file(App& app, const Caller& caller, const std::string& name,
                           const std::string& body) {
  auto who = require_enterprise(caller, kEnterpriseOnly);
  if (!who) return fail(who.error());
  const auto& [user, scope] = *who;
  long long limit = app.config.max_upload_bytes;
  if (static_cast<long long>(body.size()) > limit)
    return fail(Error{ErrorCode::kPayloadTooLarge,
                      "文件过大：上限为 " + std::to_string(limit / (1 << 20)) + " MB"});
  if (body.empty()) return fail(Error::field("file", "文件为空"));
  std::string type = sniff_upload_type(body);
  if (type.empty())
    return fail(Error{ErrorCode::kUnsupportedMedia,
                      "只接受 PDF、PNG、JPEG、WebP 格式的检测报告（按文件内容判断，不看扩展名）"});
  Upload u;
  u.hash = sha256_hex(body);
  u.enterprise_id = user->enterprise_id;
  u.region_path = user->region_path;
  u.size = static_cast<long long>(body.size());
  u.content_type = type;
  u.name = clean_file_name(name);
  u.uploaded_by = user->id;
  u.created_at = now_unix();
  store_bytes(app, u.hash, body);
  app.db.write([&](Tx& tx) {
    insert_upload(tx, u);
    record_audit(tx, caller, "upload", "file", u.hash, u.region_path, u.enterprise_id,
                 "上传文件 " + u.name + "（" + std::to_string(u.size) + " 字节）", "", "");
  });
  return u;
}

Result<StoredFile> read_file(App& app, const Caller& caller, const std::string& hash_in) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  auto scope = data_scope(**me);
  std::string hash = to_lower_ascii(hash_in);
  bool well_formed =
      hash.size() == 64 && hash.find_first_not_of("0123456789abcdef") == std::string::npos;
  std::optional<Upload> u;
  if (scope && well_formed) app.db.read([&](Tx& tx) { u = find_upload(tx, *scope, hash); });
  if (!u) return fail(Error::not_found("文件不存在"));
  std::ifstream in(stored_path(app, hash), std::ios::binary);
  if (!in) return fail(Error::internal("文件已登记但无法读取，请联系管理员"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return StoredFile{*u, ss.str()};
}

Result<NotificationPage> my_notifications(App& app, const Caller& caller, bool unread_only,
                                          const Page& page) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  NotificationPage out;
  app.db.read([&](Tx& tx) {
    out.page = list_notifications(tx, (*me)->id, unread_only, page);
    out.unread = count_unread_notifications(tx, (*me)->id);
  });
  return out;
}

Result<long long> mark_read(App& app, const Caller& caller, const std::vector<long long>& ids,
                            bool all) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  if (!all && (ids.empty() || ids.size() > 500))
    return fail(Error::field("ids", "请给出1到500个通知编号，或 all: true"));
  long long unread = 0;
  app.db.write([&](Tx& tx) {
    if (all)
      mark_all_notifications_read(tx, (*me)->id, now_unix());
    else
      mark_notifications_read(tx, (*me)->id, ids, now_unix());
    unread = count_unread_notifications(tx, (*me)->id);
  });
  return unread;
}

}  // namespace duibiao
