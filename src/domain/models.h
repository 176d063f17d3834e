#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/roles.h"

namespace duibiao {

struct Region {
  std::string code;
  std::string name;
  std::string level;  // national, province, city, county, zone
  std::string parent_code;
  std::string path;
  bool has_children = false;
};

struct Industry {
  std::string code;
  std::string name;
  std::string kind;  // section, division, cluster
  std::string parent_code;
  std::vector<std::string> members;  // GB/T 4754 codes of a cluster
};

struct Enterprise {
  long long id = 0;
  std::string name;
  std::string credit_code;
  std::string credit_code_status;  // valid, pilot_unconfirmed, pilot_confirmed
  std::string region_code;
  std::string region_name;
  std::string region_path;
  std::string industry_code;
  std::string contact_name;
  std::string contact_phone;
  std::string contact_email;
  std::string address;
  std::vector<std::string> flags;
  long long created_at = 0;
  long long updated_at = 0;
};

struct User {
  long long id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  Role role = Role::kEnterprise;
  std::string region_code;  // empty for roles without a region
  std::string region_name;
  std::string region_path = "/";
  long long enterprise_id = 0;  // 0 = none
  bool disabled = false;
  bool must_change_password = false;
  long long created_at = 0;
  long long updated_at = 0;
};

struct AuditEntry {
  long long id = 0;
  long long at = 0;
  long long actor_id = 0;
  std::string actor_name;
  std::string action;  // create, update, login, …
  std::string entity;  // user, enterprise, session, …
  std::string entity_id;
  std::string region_path = "/";
  long long enterprise_id = 0;
  std::string summary;
  std::string before_json;
  std::string after_json;
  std::string remote_addr;
};

// An entry of the standards catalog.
struct Standard {
  long long id = 0;
  std::string normalized;  // canonical number, unique
  std::string as_written;
  std::string kind;  // international, foreign, national, industry, local, group, enterprise
  std::string prefix;
  std::string standard_key;  // number without year: editions of one standard share it
  int year = 0;
  std::string title_zh;
  std::string title_en;
  std::string status;  // current 现行, upcoming 即将实施, withdrawn 废止
  std::string issued_on;
  std::string effective_on;
  std::string withdrawn_on;
  std::string replaced_by;  // normalized number of the replacement, for withdrawn ones
  std::string ics;
  std::string ccs;
  std::string adoption;                      // IDT, MOD, NEQ or empty
  std::string adopted_number;                // the international standard adopted
  std::vector<std::string> advanced_fields;  // product fields of the 先进标准清单 it is on
  long long created_at = 0;
  long long updated_at = 0;
};

// A benchmarking technical plan (对标技术方案), one version of it.
struct PlanStandard {
  std::string role;    // domestic | benchmark
  std::string number;  // normalized standard number
  std::string title;
};

struct PlanIndicator {
  std::string name;
  std::string unit;
  std::string domestic_requirement;
  std::string benchmark_requirement;
  std::string domestic_method;
  std::string benchmark_method;
  bool core = false;
  bool safety = false;
  bool health = false;
  bool environment = false;
  std::string notes;
  std::string verdict;  // better | equal | worse | incomparable (computed)
  std::string verdict_reason;
};

// An objection filed during a 公示 (of a technical plan or of a 领跑者 evaluation plan) and its
// answer; one shape for both, so the rules and the JSON are written once.
struct Objection {
  long long id = 0;
  long long user_id = 0;
  std::string user_name;
  std::string text;
  long long created_at = 0;
  std::string answer;
  long long answered_at = 0;
  long long plan_id = 0;
};
using PlanObjection = Objection;

struct PlanEvent {
  long long id = 0;
  long long at = 0;
  long long actor_id = 0;
  std::string actor_name;
  std::string action;
  std::string from_status;
  std::string to_status;
  std::string comment;
};

struct Plan {
  long long id = 0;
  std::string plan_number;  // assigned when first published; stable across versions
  int version = 1;
  long long replaces_id = 0;
  std::string status;  // draft, consultation, notice, published, superseded, withdrawn
  std::string product;
  std::string industry_code;
  long long author_id = 0;
  std::string author_org;
  std::string region_code;
  std::string summary;
  std::string notice_start;
  std::string notice_end;
  std::string last_reason;  // of the latest rejection / withdrawal
  long long published_at = 0;
  long long created_at = 0;
  long long updated_at = 0;
  std::vector<PlanStandard> standards;
  std::vector<PlanIndicator> indicators;
};

// A product an enterprise makes, with the standards it is made to; 1–3 are selected for the
// campaign.
struct Product {
  long long id = 0;
  long long enterprise_id = 0;
  std::string enterprise_name;
  std::string region_path;
  std::string name;
  std::string model;
  std::string category;
  std::string industry_code;
  std::vector<std::string> standards;  // normalized numbers of the standards it is made to
  std::string enterprise_standard;     // its own Q/ standard, if any
  bool selected = false;
  long long created_at = 0;
  long long updated_at = 0;
};

// What the enterprise enters for one indicator row of a result (the plan supplies the rest).
struct ResultEntry {
  std::string enterprise_requirement;
  std::string measured_value;
  std::string report_number;
  std::string lab;
  std::string report_date;
  std::string file_hash;
  std::string file_name;
  std::string revised_requirement;  // after 达标提升, from the revised enterprise standard
};

struct Improvement {
  std::string indicator;
  std::string action;
  std::string responsible;
  std::string target_date;
};

// The editable part of a result, stored as JSON.
struct ResultContent {
  std::string enterprise_standard;
  std::vector<ResultEntry> entries;
  std::string conclusion;
  std::vector<Improvement> improvements;
  std::string revised_standard;
};

// One product × one published plan version, on its way up the review chain.
struct EnterpriseResult {
  long long id = 0;
  std::string code;  // short verification code, public once published
  long long enterprise_id = 0;
  std::string enterprise_name;
  std::string credit_code;
  std::string region_path;
  long long product_id = 0;
  std::string product_name;
  std::string product_model;
  long long plan_id = 0;
  std::string plan_number;
  std::string plan_product;
  std::string status;  // draft, returned, submitted, county_reviewed, city_recommended,
                       // province_recommended, accepted, published
  std::string stage;   // county, city, province, national, or empty: who must act next
  std::string stage_region;
  long long stage_since = 0;
  int version = 1;
  ResultContent content;
  std::string rollup = "undetermined";
  bool compliant = false;
  std::string search_text;
  long long submitted_at = 0;
  long long published_at = 0;
  long long created_at = 0;
  long long updated_at = 0;
};

struct ResultEvent {
  long long id = 0;
  long long result_id = 0;
  long long at = 0;
  long long actor_id = 0;
  std::string actor_name;
  std::string actor_role;
  std::string actor_region;
  std::string action;  // create, submit, pass, return, publish
  std::string from_status;
  std::string to_status;
  std::string stage;
  std::string comment;
  std::string changes;   // JSON array of {field, label, before, after}
  std::string snapshot;  // JSON of the content, on submit
};

struct Upload {
  long long id = 0;
  std::string hash;
  long long enterprise_id = 0;
  std::string region_path;
  long long size = 0;
  std::string content_type;
  std::string name;
  long long uploaded_by = 0;
  long long created_at = 0;
};

struct Notification {
  long long id = 0;
  long long user_id = 0;
  long long at = 0;
  long long result_id = 0;
  std::string kind;
  std::string text;
  long long read_at = 0;
};

// What rows a caller may see: region paths in [lo, hi), and, when enterprise_id ≠ 0, only that
// enterprise's rows. Built by service/, bound as parameters by store/.
struct Scope {
  std::string lo = "/";
  std::string hi = "/\x7f";
  long long enterprise_id = 0;
};

struct Page {
  int page = 1;
  int page_size = 20;
  int offset() const { return (page - 1) * page_size; }
};

template <class T>
struct PageResult {
  std::vector<T> items;
  long long total = 0;
};

}  // namespace duibiao
