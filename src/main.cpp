// duibiao: the 对标达标提升专项行动 information platform. Command-line entry point.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/log.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "service/demo_service.h"
#include "service/file_store.h"
#include "service/report_job_service.h"
#include "service/security.h"
#include "service/user_service.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/reference_data.h"

namespace fs = std::filesystem;
using namespace duibiao;

namespace {

struct DbOptions {
  std::string data_dir = "data-dir";
  std::string db_url;  // default: sqlite:<data>/duibiao.db
  int pool = 0;
  int migrate_up_to = 1 << 30;  // hidden, for upgrade tests: stop migrating after this version
};

void add_db_options(CLI::App* cmd, DbOptions& o) {
  cmd->add_option("--data", o.data_dir, "Data directory (database, uploads)")
      ->capture_default_str();
  cmd->add_option("--db", o.db_url,
                  "Database: sqlite:PATH or postgresql://USER@HOST:PORT/DB (default: SQLite in "
                  "the data directory)");
  // Hidden (empty group): builds a database at an older schema for the upgrade test.
  cmd->add_option("--migrate-up-to", o.migrate_up_to, "Apply migrations only up to VERSION")
      ->group("");
}

// The slow-query log line: SQL text with its whitespace collapsed, never the bound values.
void log_slow_query(std::string_view sql, long long micros) {
  std::string text;
  text.reserve(sql.size());
  for (char c : sql) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (text.empty() || text.back() == ' ')) continue;
    text.push_back(space ? ' ' : c);
  }
  if (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() > 2000) text = text.substr(0, 2000) + "…";
  char ms[32];
  std::snprintf(ms, sizeof ms, "%.3f", static_cast<double>(micros) / 1000.0);
  log_info("slow query", {{"sql", text}, {"duration_ms", ms}});
}

std::unique_ptr<Database> open_database(const DbOptions& o, int pool_size) {
  std::string url = o.db_url;
  if (url.empty()) {
    fs::create_directories(o.data_dir);  // only SQLite keeps its database there
    url = "sqlite:" + (fs::path(o.data_dir) / "duibiao.db").string();
  }
  return Database::open(url, pool_size);
}

std::string default_web_root(const char* argv0) {
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0);
  for (fs::path candidate : {exe.parent_path() / "../web/dist", exe.parent_path() / "web/dist",
                             fs::current_path() / "web/dist"}) {
    if (fs::exists(candidate / "index.html", ec)) return fs::weakly_canonical(candidate).string();
  }
  return "";
}

// Migrates, loads reference data, creates the first administrator when none exists.
int prepare(Database& db, bool announce_admin, int up_to = 1 << 30) {
  int version = migrate(db, up_to);
  auto counts = load_reference_data(db);
  log_info("database ready", {{"kind", std::string(db.kind_name())},
                              {"schema_version", std::to_string(version)},
                              {"regions", std::to_string(counts.regions)},
                              {"industries", std::to_string(counts.industries)}});
  App app{db, {}, version};
  if (announce_admin && !has_admin(app)) {
    auto created = create_admin(app, "admin", "");
    if (created) {
      std::cout << "\n================================================================\n"
                << " Administrator account created (shown once, keep it safe):\n"
                << "   username: admin\n"
                << "   password: " << created->password << "\n"
                << "================================================================\n"
                << std::endl;
    }
  }
  return version;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"duibiao — 对标达标提升专项行动信息平台 (standards benchmarking campaign platform)"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version", std::string(DUIBIAO_VERSION));

  DbOptions db_opts;
  http::ServerOptions server_opts;
  std::string web_root;
  bool secure_cookies = false;
  bool trust_proxy = false;
  std::string http_opts_metrics_token;
  ServiceConfig service_config;

  int report_worker_count = 1;
  auto* serve = cli.add_subcommand("serve", "Migrate if needed and serve the platform over HTTP");
  add_db_options(serve, db_opts);
  serve->add_option("--host", server_opts.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", server_opts.port, "Port to listen on (0: any free port)")
      ->capture_default_str();
  serve->add_option("--web", web_root, "Directory of the built front end (default: web/dist)");
  serve->add_option("--workers", server_opts.worker_threads,
                    "Worker threads for handlers (default: 4 × cores)");
  serve->add_option("--io-threads", server_opts.io_threads, "I/O threads (default: cores)");
  serve
      ->add_option("--report-workers", report_worker_count,
                   "Threads generating analysis reports (0: leave queued jobs to another process)")
      ->capture_default_str()
      ->check(CLI::Range(0, 8));
  serve
      ->add_option("--header-timeout", server_opts.header_timeout_seconds,
                   "Seconds a client has to send a request's header (slow clients are cut off)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--idle-timeout", server_opts.idle_timeout_seconds,
                   "Seconds a kept-alive connection may stay idle between requests")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve->add_option("--max-body", server_opts.max_body_bytes, "Largest request body in bytes")
      ->capture_default_str();
  long long max_upload_mib = 10;
  serve->add_option("--max-upload", max_upload_mib, "Largest uploaded file (test report) in MiB")
      ->check(CLI::Range(1, 512))
      ->capture_default_str();
  serve->add_flag("--secure-cookies", secure_cookies,
                  "Mark cookies Secure (set when serving over TLS, e.g. behind nginx)");
  serve->add_flag("--trust-proxy", trust_proxy,
                  "Take the client address from X-Real-IP / X-Forwarded-For when the peer is a "
                  "proxy on loopback (nginx in front)");
  serve
      ->add_option("--login-max-failures", service_config.login_max_failures_per_user,
                   "Failed logins per account before throttling")
      ->capture_default_str();
  serve
      ->add_option("--login-window", service_config.login_window_seconds,
                   "Throttling window in seconds")
      ->capture_default_str();
  std::string metrics_token_file;
  serve->add_option("--metrics-token", http_opts_metrics_token,
                    "Serve GET /metrics to any address with `Authorization: Bearer TOKEN` "
                    "(default: only to local, unproxied requests)");
  serve
      ->add_option("--metrics-token-file", metrics_token_file,
                   "Read the /metrics token from FILE (keeps it out of the process list)")
      ->check(CLI::ExistingFile);
  bool no_access_log = false;
  serve->add_flag("--no-access-log", no_access_log,
                  "Do not log a JSON line per request (on by default)");
  int slow_query_ms = -1;
  serve
      ->add_option("--slow-query-ms", slow_query_ms,
                   "Log SQL statements that take at least N ms (text only, no values; 0: all)")
      ->check(CLI::Range(0, 3600000));
  serve
      ->add_option("--session-check-ms", service_config.session_check_ms,
                   "PostgreSQL: how long a session is trusted from memory before it is read "
                   "again (ms), the longest another server process takes to see a logout or a "
                   "disabled account (SQLite: at once); 0 reads it on every request")
      ->check(CLI::Range(0LL, 60000LL))
      ->capture_default_str();

  auto* migrate_cmd =
      cli.add_subcommand("migrate", "Apply database migrations and load reference data");
  add_db_options(migrate_cmd, db_opts);

  auto* admin = cli.add_subcommand("admin", "Administrator accounts");
  admin->require_subcommand(1);
  auto* admin_create = admin->add_subcommand("create", "Create an administrator");
  add_db_options(admin_create, db_opts);
  std::string admin_username = "admin";
  bool password_stdin = false;
  admin_create->add_option("--username", admin_username, "User name")->capture_default_str();
  admin_create->add_flag("--password-stdin", password_stdin,
                         "Read the password from standard input (default: generate and print)");

  auto* backup =
      cli.add_subcommand("backup", "Copy the SQLite database consistently while it is in use");
  add_db_options(backup, db_opts);
  std::string backup_file;
  backup->add_option("FILE", backup_file, "Destination file")->required();

  auto* demo = cli.add_subcommand("demo", "Demo data built from the seed documents");
  demo->require_subcommand(1);
  auto* demo_load = demo->add_subcommand(
      "load",
      "Load the demo campaign (national, Zhejiang, Ningbo) into a NEW database: refused "
      "when it already holds enterprises, campaigns or users");
  add_db_options(demo_load, db_opts);

  auto* routes_cmd =
      cli.add_subcommand("routes", "Print the API routes as JSON lines (method, path)");

  CLI11_PARSE(cli, argc, argv);

  if (*routes_cmd) {
    for (const auto& r : http::api_routes())
      std::cout << "{\"method\":\"" << r.method << "\",\"path\":\"" << r.pattern << "\""
                << (r.upload ? ",\"upload\":true" : "") << "}\n";
    return 0;
  }

  try {
    init_security();
    if (*serve) {
      int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
      int workers = server_opts.worker_threads > 0 ? server_opts.worker_threads : 4 * cores;
      int io_threads = server_opts.io_threads > 0 ? server_opts.io_threads : cores;
      // Short reads run on the io threads too (RouteKind::kSessionInline): a connection each.
      auto db = open_database(db_opts, workers + io_threads + 2);
      int version = prepare(*db, true, db_opts.migrate_up_to);
      server_opts.max_upload_bytes = static_cast<size_t>(max_upload_mib) << 20;
      service_config.max_upload_bytes = max_upload_mib << 20;
      service_config.upload_dir = (fs::path(db_opts.data_dir) / "uploads").string();
      service_config.report_dir = (fs::path(db_opts.data_dir) / "reports").string();
      App app{*db, service_config, version};
      // Half-written files of a process that was killed (never referred to by the database).
      for (const auto& dir : {service_config.upload_dir, service_config.report_dir})
        if (int n = sweep_temporary_files(dir); n > 0)
          log_info("removed temporary files left by a stopped process",
                   {{"dir", dir}, {"count", std::to_string(n)}});
      // Analysis reports are generated here, off the request threads.
      std::vector<std::unique_ptr<ReportWorker>> report_workers;
      for (int i = 0; i < report_worker_count; ++i) {
        report_workers.push_back(std::make_unique<ReportWorker>(
            app, [](const std::string& msg, const std::string& detail) {
              log_info(msg, {{"detail", detail}});
            }));
        report_workers.back()->start();
      }
      http::HttpOptions http_opts;
      http_opts.web_root = web_root.empty() ? default_web_root(argv[0]) : web_root;
      http_opts.max_body_bytes = server_opts.max_body_bytes;
      http_opts.secure_cookies = secure_cookies;
      http_opts.trust_proxy = trust_proxy;
      http_opts.access_log = !no_access_log;
      http_opts.metrics_token = http_opts_metrics_token;
      if (!metrics_token_file.empty()) {
        std::ifstream f(metrics_token_file);
        std::getline(f, http_opts.metrics_token);
        while (!http_opts.metrics_token.empty() &&
               std::isspace(static_cast<unsigned char>(http_opts.metrics_token.back())))
          http_opts.metrics_token.pop_back();
        if (http_opts.metrics_token.empty())
          throw std::runtime_error("--metrics-token-file: " + metrics_token_file + " is empty");
      }
      if (http_opts.web_root.empty())
        log_info("no front end found (web/dist): serving the API only");
      http::Dispatcher dispatcher(app, http_opts);
      // A write committed in another request's group logs with its own request's id.
      db->carry_thread_context([] { return current_request_id(); },
                               [](const std::string& id) { set_current_request_id(id); });
      if (slow_query_ms >= 0) {
        db->log_slow_queries(slow_query_ms, [&dispatcher](std::string_view sql, long long us) {
          dispatcher.metrics().slow_queries.fetch_add(1, std::memory_order_relaxed);
          log_slow_query(sql, us);
        });
      }
      http::Server server(dispatcher, server_opts);
      server.run([&](unsigned short port) {
        log_info("listening on http://" + server_opts.host + ":" + std::to_string(port),
                 {{"database", std::string(db->kind_name())}, {"web", http_opts.web_root}});
      });
      for (auto& w : report_workers) w->stop();
      log_info("stopped");
      return 0;
    }
    if (*migrate_cmd) {
      auto db = open_database(db_opts, 1);
      int version = prepare(*db, false, db_opts.migrate_up_to);
      std::cout << "schema version " << version << "\n";
      return 0;
    }
    if (*admin_create) {
      auto db = open_database(db_opts, 1);
      int version = prepare(*db, false);
      App app{*db, {}, version};
      std::string password;
      if (password_stdin) {
        std::getline(std::cin, password);
        if (!password.empty() && password.back() == '\r') password.pop_back();
        if (password.empty()) {
          std::cerr << "error: --password-stdin given but standard input was empty\n";
          return 2;
        }
      }
      auto created = create_admin(app, admin_username, password);
      if (!created) {
        std::cerr << "error: " << created.error().message << "\n";
        for (const auto& [field, msg] : created.error().fields)
          std::cerr << "  " << field << ": " << msg << "\n";
        return 1;
      }
      std::cout << "administrator " << created->user.username << " created\n";
      if (!password_stdin) std::cout << "password: " << created->password << "\n";
      return 0;
    }
    if (*demo_load) {
      auto db = open_database(db_opts, 2);
      int version = prepare(*db, false);
      ServiceConfig config;
      config.upload_dir = (fs::path(db_opts.data_dir) / "uploads").string();
      App app{*db, config, version};
      auto loaded = load_demo(app);
      if (!loaded) {
        std::cerr << "error: " << loaded.error().message << "\n";
        return 1;
      }
      std::cout << "\n================================================================\n"
                << " Demo loaded: " << loaded->campaigns << " campaigns, " << loaded->enterprises
                << " enterprises, " << loaded->results << " results.\n"
                << " Accounts (passwords shown once, keep them for the demo):\n";
      for (const auto& a : loaded->accounts)
        std::cout << "   " << a.username << "  " << a.password << "  " << a.role_label
                  << (a.region.empty() ? "" : " " + a.region) << "\n";
      std::cout << "================================================================\n"
                << std::endl;
      return 0;
    }
    if (*backup) {
      auto db = open_database(db_opts, 1);
      db->backup_to(backup_file);
      std::cout << "backup written to " << backup_file << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
