// Chinese search of the information services on SQLite: notices and directory entries matched
// through the FTS5 trigram index (queries of three characters or more) against the LIKE scan the
// same store uses for shorter queries — the reference in the same run, so the ratio says what
// the index buys. 20,000 notices and 20,000 directory entries of generated Chinese text.
//
//   build-bench/domain_bench --benchmark_filter=InfoSearch
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "domain/directory.h"
#include "domain/notice.h"
#include "store/database.h"
#include "store/directory_store.h"
#include "store/migrations.h"
#include "store/notice_store.h"
#include "store/reference_data.h"

namespace {
namespace fs = std::filesystem;
using namespace duibiao;

constexpr int kRows = 20000;
const char* kWords[] = {"家用电器", "能效",   "对标达标", "专项行动",  "检测", "实验室",
                        "标准化",   "洗衣机", "电冰箱",   "空调器",    "噪声", "安全",
                        "宁波",     "杭州",   "海曙",     "半年报",    "通报", "企业",
                        "技术方案", "领跑者", "纺织",     "汽车零部件"};

std::string text(unsigned& seed, int words) {
  std::string t;
  for (int i = 0; i < words; ++i) {
    seed = seed * 1103515245u + 12345u;
    t += kWords[(seed >> 16) % (sizeof kWords / sizeof *kWords)];
  }
  return t;
}

struct World {
  fs::path dir;
  std::unique_ptr<Database> db;
  World() {
    dir = fs::temp_directory_path() / ("duibiao-info-bench-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = Database::open("sqlite:" + (dir / "b.db").string(), 2);
    migrate(*db);
    load_reference_data(*db);
    unsigned seed = 7;
    db->write([&](Tx& tx) {
      for (int i = 0; i < kRows; ++i) {
        Notice n;
        n.region_code = "000000";
        n.region_path = "/";
        n.office_name = "办公室";
        n.author_id = 1;
        n.author_name = "甲";
        n.audience = "public";
        n.title = text(seed, 4) + std::to_string(i);
        n.body = text(seed, 40);
        n.status = "published";
        n.published_at = n.created_at = n.updated_at = 1700000000 + i;
        insert_notice(tx, n, notice_search_text(n));
        DirectoryEntry e;
        e.kind = "lab";
        e.name = text(seed, 3) + "研究院" + std::to_string(i);
        e.description = text(seed, 12);
        e.region_code = "330200";
        e.region_path = "/330000/330200/";
        e.created_by = 1;
        insert_directory_entry(tx, e, directory_search_text(e, {}));
      }
      // one needle each
      Notice n;
      n.region_code = "000000";
      n.region_path = "/";
      n.office_name = "办公室";
      n.audience = "public";
      n.title = "关于开展光伏逆变器对标的通知";
      n.body = "光伏逆变器";
      n.status = "published";
      insert_notice(tx, n, notice_search_text(n));
    });
  }
  ~World() {
    db.reset();
    fs::remove_all(dir);
  }
};

World& world() {
  static World w;
  return w;
}

void search_notices(benchmark::State& state, const char* q) {
  auto& w = world();
  NoticeViewer anon;
  NoticeFilter f;
  f.q = q;
  long long total = 0;
  for (auto _ : state) {
    w.db->read([&](Tx& tx) { total = list_notices(tx, anon, f, Page{1, 20}).total; });
    benchmark::DoNotOptimize(total);
  }
  state.counters["matches"] = static_cast<double>(total);
}

void search_directory(benchmark::State& state, const char* q) {
  auto& w = world();
  DirectoryFilter f;
  f.q = q;
  long long total = 0;
  for (auto _ : state) {
    w.db->read([&](Tx& tx) { total = list_directory(tx, f, Page{1, 20}).total; });
    benchmark::DoNotOptimize(total);
  }
  state.counters["matches"] = static_cast<double>(total);
}

// A rare phrase: the trigram index finds one row; the two-character query scans every row.
BENCHMARK_CAPTURE(search_notices, InfoSearch_notice_fts_rare, "光伏逆变器")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search_notices, InfoSearch_notice_scan_rare_reference, "光伏")
    ->Unit(benchmark::kMillisecond);
// A common word (matches many rows): counting dominates both.
BENCHMARK_CAPTURE(search_notices, InfoSearch_notice_fts_common, "洗衣机")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search_directory, InfoSearch_directory_fts_rare, "研究院19999")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(search_directory, InfoSearch_directory_scan_reference, "99")
    ->Unit(benchmark::kMillisecond);

}  // namespace
