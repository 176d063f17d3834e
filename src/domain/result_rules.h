#pragma once

// The rules of a benchmarking result: the review chain it climbs, the moves allowed at each
// state, what the requirement engine says of its rows, and what changed between submissions.
// Pure functions: no database, no clock.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/models.h"

namespace duibiao {

// One level of the chain and the region whose office acts there ("" for the national office).
struct ChainStep {
  std::string level;  // county, city, province, national
  std::string region_code;
};

// An ancestor of the enterprise's region, province first: {code, level} with level one of
// province, city, county, zone.
struct RegionLevel {
  std::string code;
  std::string level;
};

// The levels a result climbs. A level the region does not have is skipped: the counties Hainan
// administers directly (4690xx) have no city; a functional zone takes the county step (it is
// the county-level unit under its city). `top` is "national" or "province".
std::vector<ChainStep> review_chain(const std::vector<RegionLevel>& ancestors,
                                    std::string_view top);

// The status a pass at `level` leaves behind when a higher level follows.
std::string_view passed_status(std::string_view level);
std::string_view result_status_label_zh(std::string_view status);
bool is_result_status(std::string_view status);
// Statuses in which a regulator may act (pass, return) — the result waits at `stage`.
bool is_under_review(std::string_view status);
// Statuses in which the enterprise may edit and submit.
bool is_editable(std::string_view status);

enum class ReviewAction { kPass, kReturn, kPublish };
std::optional<ReviewAction> parse_review_action(std::string_view s);
std::string_view review_action_name(ReviewAction a);

// Where a move leads, or an error message (Chinese) when the state does not allow it.
struct Move {
  std::string status;
  std::string stage;
  std::string stage_region;
  std::string error;  // non-empty: refused
};
Move submit_move(const EnterpriseResult& r, const std::vector<ChainStep>& chain);
Move review_move(const EnterpriseResult& r, const std::vector<ChainStep>& chain, ReviewAction a);

// ---------------------------------------------------------------------------------------------
// Verdicts of the rows

struct RowEvaluation {
  std::string effective_requirement;  // the revised requirement when given, else the entered one
  std::string verdict;                // better, equal, worse, incomparable, or "" (not entered)
  std::string verdict_reason;
  std::string measured_verdict;  // pass, fail, undecided, or "" (no value)
  std::string measured_reason;
};

struct Gap {
  int index = 0;
  std::string name;
  std::string reason;
};

struct ResultEvaluation {
  std::vector<RowEvaluation> rows;
  std::string rollup = "undetermined";  // roll_up_name of the entered rows
  bool compliant = false;
  std::string summary;
  std::vector<Gap> gaps;
};

ResultEvaluation evaluate_result(const std::vector<PlanIndicator>& plan,
                                 const ResultContent& content);

// What a submission is missing, as field → message (empty: complete).
std::vector<std::pair<std::string, std::string>> submission_gaps(
    const std::vector<PlanIndicator>& plan, const ResultContent& content,
    const ResultEvaluation& evaluation);

// ---------------------------------------------------------------------------------------------
// Content as JSON and the differences between two versions

std::string content_to_json(const ResultContent& c);
// Tolerant of missing keys (empty strings); nullopt for text that is not a JSON object.
std::optional<ResultContent> content_from_json(std::string_view json);

struct ContentChange {
  std::string field;  // indicators[2].measured_value, conclusion, …
  std::string label;  // 指标“拉伸强度”实测值
  std::string before;
  std::string after;
};
std::vector<ContentChange> content_changes(const std::vector<PlanIndicator>& plan,
                                           const ResultContent& before, const ResultContent& after);
std::string changes_to_json(const std::vector<ContentChange>& changes);

// A verification code: 10 characters of Crockford's base32 from `random_bytes` (≥ 10 bytes).
std::string make_verification_code(std::string_view random_bytes);
// Upper-cases and drops spaces and dashes; accepts O/I/L for 0/1/1. Empty if not a code.
std::string normalize_verification_code(std::string_view text);

}  // namespace duibiao
