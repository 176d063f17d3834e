#include "store/report_job_store.h"

#include <soci/soci.h>

#include <string_view>

#include "store/row_util.h"

namespace duibiao {
namespace {

#define JOB_COLUMNS                                                                            \
  "id, kind, campaign_id, region_code, region_path, requested_by, requested_by_name, status, " \
  "progress, stage, error, file_path, file_name, file_size, worker, created_at, started_at, "  \
  "heartbeat_at, finished_at "
constexpr std::string_view kInsert =
    "INSERT INTO report_jobs (kind, campaign_id, region_code, region_path, requested_by, "
    "requested_by_name, status, progress, stage, created_at) VALUES (:k, :c, :rc, :rp, :rb, :rbn, "
    "'queued', 0, :st, :ca) RETURNING id";
constexpr std::string_view kFind = "SELECT " JOB_COLUMNS
                                   "FROM report_jobs WHERE id = :id AND region_path >= :lo AND "
                                   "region_path < :hi";
constexpr std::string_view kFindActive =
    "SELECT " JOB_COLUMNS
    "FROM report_jobs WHERE kind = :k AND campaign_id = :c AND region_code = :r AND status IN "
    "('queued', 'running') ORDER BY id DESC LIMIT 1";
constexpr std::string_view kList = "SELECT " JOB_COLUMNS
                                   "FROM report_jobs WHERE campaign_id = :c AND region_path >= :lo "
                                   "AND region_path < :hi ORDER BY id DESC LIMIT :limit OFFSET "
                                   ":offset";
constexpr std::string_view kCount =
    "SELECT COUNT(*) FROM report_jobs WHERE campaign_id = :c AND region_path >= :lo AND "
    "region_path < :hi";
constexpr std::string_view kOldestQueued =
    "SELECT id FROM report_jobs WHERE status = 'queued' ORDER BY id LIMIT 1";
constexpr std::string_view kClaim =
    "UPDATE report_jobs SET status = 'running', worker = :w, started_at = :t1, heartbeat_at = :t2, "
    "stage = :st WHERE id = :id AND status = 'queued'";
constexpr std::string_view kFindAny = "SELECT " JOB_COLUMNS "FROM report_jobs WHERE id = :id";
constexpr std::string_view kProgress =
    "UPDATE report_jobs SET progress = :p, stage = :s, heartbeat_at = :t WHERE id = :id AND "
    "status = 'running'";
constexpr std::string_view kFinish =
    "UPDATE report_jobs SET status = :s, progress = :p, stage = :st, error = :e, file_path = :fp, "
    "file_name = :fn, file_size = :fs, heartbeat_at = :t1, finished_at = :t2 WHERE id = :id";
constexpr std::string_view kRunning =
    "SELECT " JOB_COLUMNS "FROM report_jobs WHERE status = 'running' ORDER BY id";
constexpr std::string_view kCountActive =
    "SELECT COALESCE(SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END), 0) FROM report_jobs "
    "WHERE status IN ('queued', 'running')";
constexpr std::string_view kFailStale =
    "UPDATE report_jobs SET status = 'failed', error = :e, stage = '', finished_at = :t WHERE "
    "status = 'running' AND heartbeat_at < :before";

ReportJob from_row(const soci::row& row) {
  ReportJob j;
  j.id = row_int(row, 0);
  j.kind = row_str(row, 1);
  j.campaign_id = row_int(row, 2);
  j.region_code = row_str(row, 3);
  j.region_path = row_str(row, 4);
  j.requested_by = row_int(row, 5);
  j.requested_by_name = row_str(row, 6);
  j.status = row_str(row, 7);
  j.progress = static_cast<int>(row_int(row, 8));
  j.stage = row_str(row, 9);
  j.error = row_str(row, 10);
  j.file_path = row_str(row, 11);
  j.file_name = row_str(row, 12);
  j.file_size = row_int(row, 13);
  j.worker = row_str(row, 14);
  j.created_at = row_int(row, 15);
  j.started_at = row_int(row, 16);
  j.heartbeat_at = row_int(row, 17);
  j.finished_at = row_int(row, 18);
  return j;
}

std::optional<ReportJob> find_any(Tx& tx, long long id) {
  soci::row row;
  tx.sql << kFindAny, soci::use(id), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

}  // namespace

long long insert_report_job(Tx& tx, const ReportJob& j) {
  long long id = 0;
  tx.sql << kInsert, soci::use(j.kind), soci::use(j.campaign_id), soci::use(j.region_code),
      soci::use(j.region_path), soci::use(j.requested_by), soci::use(j.requested_by_name),
      soci::use(j.stage), soci::use(j.created_at), soci::into(id);
  return id;
}

std::optional<ReportJob> find_report_job(Tx& tx, const std::string& lo, const std::string& hi,
                                         long long id) {
  soci::row row;
  tx.sql << kFind, soci::use(id), soci::use(lo), soci::use(hi), soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

std::optional<ReportJob> find_active_report_job(Tx& tx, const std::string& kind,
                                                long long campaign_id,
                                                const std::string& region_code) {
  soci::row row;
  tx.sql << kFindActive, soci::use(kind), soci::use(campaign_id), soci::use(region_code),
      soci::into(row);
  if (!tx.sql.got_data()) return std::nullopt;
  return from_row(row);
}

PageResult<ReportJob> list_report_jobs(Tx& tx, long long campaign_id, const std::string& lo,
                                       const std::string& hi, const Page& page) {
  PageResult<ReportJob> out;
  int limit = page.page_size, offset = page.offset();
  soci::rowset<soci::row> rows = (tx.sql.prepare << kList, soci::use(campaign_id), soci::use(lo),
                                  soci::use(hi), soci::use(limit), soci::use(offset));
  for (const auto& row : rows) out.items.push_back(from_row(row));
  tx.sql << kCount, soci::use(campaign_id), soci::use(lo), soci::use(hi), soci::into(out.total);
  return out;
}

std::optional<ReportJob> claim_report_job(Tx& tx, const std::string& worker, long long now) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  tx.sql << kOldestQueued, soci::into(id, ind);
  if (!tx.sql.got_data() || ind != soci::i_ok) return std::nullopt;
  std::string stage = "开始生成";
  soci::statement st = (tx.sql.prepare << kClaim, soci::use(worker), soci::use(now), soci::use(now),
                        soci::use(stage), soci::use(id));
  st.execute(true);
  if (st.get_affected_rows() != 1) return std::nullopt;
  return find_any(tx, id);
}

void report_job_progress(Tx& tx, long long id, int progress, const std::string& stage,
                         long long now) {
  tx.sql << kProgress, soci::use(progress), soci::use(stage), soci::use(now), soci::use(id);
}

void finish_report_job(Tx& tx, const ReportJob& j) {
  tx.sql << kFinish, soci::use(j.status), soci::use(j.progress), soci::use(j.stage),
      soci::use(j.error), soci::use(j.file_path), soci::use(j.file_name), soci::use(j.file_size),
      soci::use(j.heartbeat_at), soci::use(j.finished_at), soci::use(j.id);
}

std::vector<ReportJob> running_report_jobs(Tx& tx) {
  std::vector<ReportJob> out;
  soci::rowset<soci::row> rows = (tx.sql.prepare << kRunning);
  for (const auto& row : rows) out.push_back(from_row(row));
  return out;
}

long long fail_stale_report_jobs(Tx& tx, long long before, const std::string& error,
                                 long long now) {
  soci::statement st =
      (tx.sql.prepare << kFailStale, soci::use(error), soci::use(now), soci::use(before));
  st.execute(true);
  return st.get_affected_rows();
}

ReportJobCounts count_active_report_jobs(Tx& tx) {
  ReportJobCounts c;
  tx.sql << kCountActive, soci::into(c.queued), soci::into(c.running);
  return c;
}

}  // namespace duibiao
