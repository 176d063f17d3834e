#include "service/report_job_service.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "domain/region.h"
#include "domain/roles.h"
#include "domain/text.h"
#include "service/access.h"
#include "service/analysis_report_service.h"
#include "service/audit_service.h"
#include "service/caches.h"
#include "service/campaign_service.h"
#include "service/campaign_stats_service.h"
#include "service/file_store.h"
#include "store/campaign_store.h"
#include "store/report_job_store.h"

namespace fs = std::filesystem;

namespace duibiao {
namespace {

constexpr const char* kNotFound = "分析报告不存在";
constexpr long long kStaleSeconds = 120;

std::mutex g_wake_mutex;
std::condition_variable g_wake;
long long g_wake_count = 0;

std::string host_name() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

ReportJobView view_of(App& app, ReportJob j, const std::string& campaign_name = "") {
  ReportJobView v;
  auto r = cached_region(app, j.region_code);
  v.region_name = r ? r->name : (j.region_code == kNationalRegionCode ? "全国" : j.region_code);
  v.campaign_name = campaign_name;
  v.job = std::move(j);
  return v;
}

// A job the caller may see: its region inside the caller's part of its campaign.
Result<std::pair<ReportJob, CampaignAccess>> visible_job(App& app, const Caller& caller,
                                                         long long id) {
  auto me = require_user(caller);
  if (!me) return fail(me.error());
  const User& u = **me;
  if (!is_regulator(u.role) && u.role != Role::kNationalOffice && u.role != Role::kAdmin)
    return fail(Error::forbidden("当前角色无权查看专项行动的分析报告"));
  auto scope = data_scope(u);
  if (!scope) return fail(Error::forbidden("当前角色无权查看专项行动的分析报告"));
  std::optional<ReportJob> job;
  app.db.read([&](Tx& tx) { job = find_report_job(tx, scope->lo, scope->hi, id); });
  if (!job) return fail(Error::not_found(kNotFound));
  auto access = campaign_data_access(app, caller, job->campaign_id);
  if (!access) return fail(Error::not_found(kNotFound));
  if (!path_in_subtree(job->region_path, access->scope.lo))
    return fail(Error::not_found(kNotFound));
  return std::pair<ReportJob, CampaignAccess>{std::move(*job), std::move(*access)};
}

// Writes the file durably (a temporary name, fsync, rename; nothing left when it fails).
void write_file(const fs::path& path, const std::string& bytes) {
  write_file_durably(path, bytes);
}

}  // namespace

void wake_report_workers() {
  {
    std::lock_guard<std::mutex> lock(g_wake_mutex);
    ++g_wake_count;
  }
  g_wake.notify_all();
}

Result<ReportJobView> request_campaign_report(App& app, const Caller& caller, long long campaign_id,
                                              const std::string& region_code) {
  auto access = campaign_data_access(app, caller, campaign_id);
  if (!access) return fail(access.error());
  auto scope = narrow_scope(app, access->scope, region_code);
  if (!scope) return fail(scope.error());
  const User& u = *caller.user;
  ReportJob job;
  job.kind = std::string(kCampaignAnalysisKind);
  job.campaign_id = campaign_id;
  job.region_code = scope_region_code(scope->lo);
  job.region_path = scope->lo;
  job.requested_by = u.id;
  job.requested_by_name = u.display_name.empty() ? u.username : u.display_name;
  job.status = "queued";
  job.stage = "排队中";
  job.created_at = now_unix();
  bool created = false;
  app.db.write([&](Tx& tx) {
    if (auto same = find_active_report_job(tx, job.kind, campaign_id, job.region_code)) {
      job = std::move(*same);
      return;
    }
    job.id = insert_report_job(tx, job);
    created = true;
    record_audit(tx, caller, "create", "report_job", std::to_string(job.id), job.region_path, 0,
                 "生成综合分析报告：" + access->campaign.name + "（" + job.region_code + "）", "",
                 "{\"campaign_id\":" + std::to_string(campaign_id) + ",\"region_code\":\"" +
                     job.region_code + "\"}");
  });
  if (created) wake_report_workers();
  auto v = view_of(app, std::move(job), access->campaign.name);
  v.created = created;
  return v;
}

Result<PageResult<ReportJobView>> list_campaign_reports(App& app, const Caller& caller,
                                                        long long campaign_id, const Page& page) {
  auto access = campaign_data_access(app, caller, campaign_id);
  if (!access) return fail(access.error());
  PageResult<ReportJob> jobs;
  app.db.read([&](Tx& tx) {
    jobs = list_report_jobs(tx, campaign_id, access->scope.lo, access->scope.hi, page);
  });
  PageResult<ReportJobView> out;
  out.total = jobs.total;
  for (auto& j : jobs.items) out.items.push_back(view_of(app, std::move(j), access->campaign.name));
  return out;
}

Result<ReportJobView> get_report_job(App& app, const Caller& caller, long long id) {
  auto found = visible_job(app, caller, id);
  if (!found) return fail(found.error());
  return view_of(app, std::move(found->first), found->second.campaign.name);
}

Result<ReportJobFile> report_job_file(App& app, const Caller& caller, long long id) {
  auto found = visible_job(app, caller, id);
  if (!found) return fail(found.error());
  const ReportJob& j = found->first;
  if (j.status != "done")
    return fail(Error::conflict("报告尚未生成完成（" +
                                std::string(report_job_status_label_zh(j.status)) + "）"));
  fs::path path = fs::path(app.config.report_dir) / j.file_path;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Error::not_found("报告文件已不在服务器上"));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ReportJobFile{std::move(bytes), j.file_name};
}

void run_report_job(App& app, ReportJob job) {
  auto progress = [&](int p, const std::string& stage) {
    app.db.write([&](Tx& tx) { report_job_progress(tx, job.id, p, stage, now_unix()); });
  };
  try {
    std::optional<Campaign> c;
    CampaignVisibility all;
    all.all = true;
    all.containing.assign(4, "!");  // the store binds exactly four
    app.db.read([&](Tx& tx) { c = find_campaign(tx, all, job.campaign_id); });
    if (!c) throw std::runtime_error("专项行动已不存在");
    auto range = subtree_range(job.region_path);
    Scope scope{range.lo, range.hi, 0};
    if (job.region_path == "/") scope = Scope{};
    std::string bytes = campaign_analysis_docx(app, *c, scope, progress);
    std::string rel = std::to_string(job.campaign_id) + "/" + std::to_string(job.id) + "-" +
                      job.region_code + ".docx";
    try {
      write_file(fs::path(app.config.report_dir) / rel, bytes);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("无法写出报告文件：") + e.what());
    }
    job.status = "done";
    job.progress = 100;
    job.stage = "已完成";
    job.error.clear();
    job.file_path = rel;
    job.file_name = "analysis-campaign-" + std::to_string(job.campaign_id) + "-" + job.region_code +
                    "-" + std::to_string(job.id) + ".docx";
    job.file_size = static_cast<long long>(bytes.size());
  } catch (const std::exception& e) {
    job.status = "failed";
    job.stage = "";
    job.error = e.what();
  }
  job.heartbeat_at = job.finished_at = now_unix();
  app.db.write([&](Tx& tx) { finish_report_job(tx, job); });
}

ReportWorker::ReportWorker(App& app, LogFn log) : app_(app), log_(std::move(log)) {
  id_ = host_name() + ":" + std::to_string(static_cast<long long>(getpid()));
}

ReportWorker::~ReportWorker() {
  stop();
}

void ReportWorker::recover() {
  long long now = now_unix();
  std::string host = host_name() + ":";
  app_.db.write([&](Tx& tx) {
    for (auto& j : running_report_jobs(tx)) {
      // A job of a process of this host that is gone (a crash, a kill): failed now.
      if (j.worker.rfind(host, 0) != 0 || j.worker == id_) continue;
      long long pid = 0;
      try {
        pid = std::stoll(j.worker.substr(host.size()));
      } catch (...) {
      }
      if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0) continue;  // still alive
      j.status = "failed";
      j.stage = "";
      j.error = "生成中断：服务器进程已停止（重启后标记），请重新生成";
      j.heartbeat_at = j.finished_at = now;
      finish_report_job(tx, j);
    }
    fail_stale_report_jobs(tx, now - kStaleSeconds,
                           "生成中断：生成进程超过 2 分钟没有响应，请重新生成", now);
  });
}

void ReportWorker::start() {
  stop_ = false;
  thread_ = std::thread([this] { loop(); });
}

void ReportWorker::stop() {
  if (!thread_.joinable()) return;
  stop_ = true;
  wake_report_workers();
  thread_.join();
}

void ReportWorker::loop() {
  auto last_recover = std::chrono::steady_clock::time_point{};
  while (!stop_) {
    try {
      auto now = std::chrono::steady_clock::now();
      if (now - last_recover > std::chrono::seconds(30)) {
        recover();
        last_recover = now;
      }
      std::optional<ReportJob> job;
      app_.db.write([&](Tx& tx) { job = claim_report_job(tx, id_, now_unix()); });
      if (job) {
        long long id = job->id;
        run_report_job(app_, std::move(*job));
        if (log_) log_("report job finished", std::to_string(id));
        continue;
      }
    } catch (const std::exception& e) {
      if (log_) log_("report worker error", e.what());
    }
    std::unique_lock<std::mutex> lock(g_wake_mutex);
    long long seen = g_wake_count;
    // Polls too: another process sharing the database may have queued a job.
    g_wake.wait_for(lock, std::chrono::seconds(2), [&] { return stop_ || g_wake_count != seen; });
  }
}

std::optional<ReportJobCounts> report_job_counts(App& app) {
  try {
    ReportJobCounts c;
    app.db.read([&](Tx& tx) { c = count_active_report_jobs(tx); });
    return c;
  } catch (const std::exception&) {  // a scrape while the database is away: no figure
    return std::nullopt;
  }
}

}  // namespace duibiao
