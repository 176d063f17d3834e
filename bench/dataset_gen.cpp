// dataset_gen: a national-scale data set for the results and campaign benchmarks
// (bench/results_load, bench/campaign_load).
//
//   dataset_gen --db sqlite:PATH|postgresql://… [--scale 1.0] [--enterprises N] [--drafts N]
//               [--seed S] [--password P] --out bench/results/dataset-<kind>.json
//
// At scale 1: 100 real cities (with all their counties), 1,000 published plans of 20 indicators
// over the GB/T 4754 manufacturing divisions, 100,000 enterprises, 300,000 selected products,
// 300,000 results spread over the review chain with 1–7 review events each, a regulator for
// every county / city / province involved, and the bench accounts: 64 enterprise users with
// ~2,000 complete drafts each (for the submit benchmark) and the regulators of the 20 busiest
// counties. Then the campaigns of issue 8: the national one (batches 1–3 of 30/50/20 cities), one
// per province and one per city (participating counties with quotas), every enterprise a member of
// its city's, province's and the national campaign (one reserve enterprise per city outside its
// city's campaign, for the member-add benchmark), 附件2 list rows for a fifth of the city members
// and support requests for some of them. The database must be empty (it is migrated here, as
// `duibiao migrate` does). The content JSON goes to result_contents, or to results.content where
// the schema has that column. Rows go in with prepared INSERTs on SQLite and COPY on PostgreSQL,
// in large transactions, through the schema's triggers (counters they keep stay exact).
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/credit_code.h"
#include "domain/requirement.h"
#include "domain/standard_number.h"
#include "domain/text.h"
#include "service/security.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/reference_data.h"

using namespace duibiao;
using Clock = std::chrono::steady_clock;

namespace {

// ------------------------------------------------------------------------------- randomness
struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t next() {  // splitmix64
    uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  long long range(long long lo, long long hi) {  // [lo, hi]
    return lo + static_cast<long long>(next() % static_cast<uint64_t>(hi - lo + 1));
  }
  double real() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return real() < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(below(static_cast<int>(v.size())))];
  }
};

// ------------------------------------------------------------------------------- bulk writer
// One table at a time: SQLite binds rows to one prepared INSERT; PostgreSQL streams COPY text.
class Bulk {
 public:
  Bulk(Tx& tx, const std::string& table, const std::vector<std::string>& columns)
      : kind_(tx.kind), table_(table) {
    std::string cols;
    for (size_t i = 0; i < columns.size(); ++i) cols += (i ? ", " : "") + columns[i];
    if (kind_ == DbKind::kSqlite) {
      using namespace sqlite_api;
      db_ = static_cast<soci::sqlite3_session_backend*>(tx.sql.get_backend())->conn_;
      std::string q = "INSERT INTO " + table + " (" + cols + ") VALUES (";
      for (size_t i = 0; i < columns.size(); ++i) q += i ? ", ?" : "?";
      q += ")";
      if (sqlite3_prepare_v2(static_cast<sqlite3*>(db_), q.c_str(), -1,
                             reinterpret_cast<sqlite3_stmt**>(&stmt_), nullptr) != SQLITE_OK)
        throw std::runtime_error("prepare " + table + ": " +
                                 sqlite3_errmsg(static_cast<sqlite3*>(db_)));
    } else {
      pg_ = static_cast<soci::postgresql_session_backend*>(tx.sql.get_backend())->conn_;
      std::string q = "COPY " + table + " (" + cols + ") FROM STDIN";
      PGresult* r = PQexec(pg_, q.c_str());
      bool ok = PQresultStatus(r) == PGRES_COPY_IN;
      std::string err = PQerrorMessage(pg_);
      PQclear(r);
      if (!ok) throw std::runtime_error("COPY " + table + ": " + err);
      buf_.reserve(2 << 20);
    }
  }
  Bulk(const Bulk&) = delete;
  ~Bulk() {
    if (!finished_) {
      try {
        finish();
      } catch (...) {
      }
    }
  }

  Bulk& i(long long v) {
    if (kind_ == DbKind::kSqlite) {
      using namespace sqlite_api;
      sqlite3_bind_int64(static_cast<sqlite3_stmt*>(stmt_), ++col_, v);
    } else {
      sep();
      char tmp[24];
      int n = std::snprintf(tmp, sizeof tmp, "%lld", v);
      buf_.append(tmp, static_cast<size_t>(n));
    }
    return *this;
  }
  Bulk& s(std::string_view v) {
    if (kind_ == DbKind::kSqlite) {
      using namespace sqlite_api;
      sqlite3_bind_text(static_cast<sqlite3_stmt*>(stmt_), ++col_, v.data(),
                        static_cast<int>(v.size()), SQLITE_TRANSIENT);
    } else {
      sep();
      for (char c : v) {
        switch (c) {
          case '\\':
            buf_ += "\\\\";
            break;
          case '\t':
            buf_ += "\\t";
            break;
          case '\n':
            buf_ += "\\n";
            break;
          case '\r':
            buf_ += "\\r";
            break;
          default:
            buf_.push_back(c);
        }
      }
    }
    return *this;
  }
  Bulk& null() {
    if (kind_ == DbKind::kSqlite) {
      using namespace sqlite_api;
      sqlite3_bind_null(static_cast<sqlite3_stmt*>(stmt_), ++col_);
    } else {
      sep();
      buf_ += "\\N";
    }
    return *this;
  }
  void end() {
    ++rows_;
    if (kind_ == DbKind::kSqlite) {
      using namespace sqlite_api;
      auto* st = static_cast<sqlite3_stmt*>(stmt_);
      if (sqlite3_step(st) != SQLITE_DONE)
        throw std::runtime_error("insert into " + table_ + ": " +
                                 sqlite3_errmsg(static_cast<sqlite3*>(db_)));
      sqlite3_reset(st);
      col_ = 0;
    } else {
      buf_.push_back('\n');
      first_ = true;
      if (buf_.size() > (1 << 20)) flush();
    }
  }
  long long finish() {
    if (finished_) return rows_;
    finished_ = true;
    if (kind_ == DbKind::kSqlite) {
      using namespace sqlite_api;
      sqlite3_finalize(static_cast<sqlite3_stmt*>(stmt_));
    } else {
      flush();
      if (PQputCopyEnd(pg_, nullptr) != 1)
        throw std::runtime_error("COPY end " + table_ + ": " + PQerrorMessage(pg_));
      std::string err;
      while (PGresult* r = PQgetResult(pg_)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) err = PQresultErrorMessage(r);
        PQclear(r);
      }
      if (!err.empty()) throw std::runtime_error("COPY " + table_ + ": " + err);
    }
    return rows_;
  }

 private:
  void sep() {
    if (!first_) buf_.push_back('\t');
    first_ = false;
  }
  void flush() {
    if (buf_.empty()) return;
    if (PQputCopyData(pg_, buf_.data(), static_cast<int>(buf_.size())) != 1)
      throw std::runtime_error("COPY data " + table_ + ": " + PQerrorMessage(pg_));
    buf_.clear();
  }

  DbKind kind_;
  std::string table_;
  void* db_ = nullptr;
  void* stmt_ = nullptr;
  int col_ = 0;
  PGconn* pg_ = nullptr;
  std::string buf_;
  bool first_ = true;
  bool finished_ = false;
  long long rows_ = 0;
};

// ------------------------------------------------------------------------------- text helpers
void json_str(std::string& out, std::string_view v) {
  out.push_back('"');
  for (char c : v) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char tmp[8];
      std::snprintf(tmp, sizeof tmp, "\\u%04x", c);
      out += tmp;
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

std::string date_of(long long t) {  // YYYY-MM-DD in China time
  std::time_t tt = static_cast<std::time_t>(t + 8 * 3600);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char b[16];
  std::strftime(b, sizeof b, "%Y-%m-%d", &tm);
  return b;
}

std::string fmt(const char* f, long long a) {
  char b[64];
  std::snprintf(b, sizeof b, f, a);
  return b;
}

// 10 characters of Crockford's base-32 alphabet from a 50-bit value.
constexpr std::string_view kCodeChars = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
std::string result_code(uint64_t index) {
  // An affine bijection on 50 bits: unique codes that do not look sequential.
  constexpr uint64_t mask = (1ULL << 50) - 1;
  uint64_t x = (index * 0x2F0F1C3A5E6D7ULL + 0x1B2C3D4E5F607ULL) & mask;
  x ^= (x >> 25);  // an xorshift of at least half the width is invertible too
  std::string c(10, '0');
  for (int i = 9; i >= 0; --i) {
    c[static_cast<size_t>(i)] = kCodeChars[x & 31];
    x >>= 5;
  }
  return c;
}

// GB 11714 organisation code check character (positions 9–17 of a credit code).
char org_code_check(std::string_view first8) {
  static constexpr int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    char c = first8[static_cast<size_t>(i)];
    int v = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
    sum += v * w[i];
  }
  int r = 11 - sum % 11;
  return r == 10 ? 'X' : r == 11 ? '0' : static_cast<char>('0' + r);
}

std::string make_credit_code(const std::string& county_code, long long n) {
  std::string org = fmt("%08lld", 10000000 + (n * 7919) % 89999999);
  std::string first17 = "91" + county_code + org + org_code_check(org);
  return first17 + credit_code_check_char(first17);
}

// ------------------------------------------------------------------------------- vocabulary
// Indicator templates: the plan's domestic and benchmark requirements, the enterprise's own
// requirement in three strengths (better than / equal to / worse than the benchmark) and a
// measured value that meets the benchmark (good) or only the weaker own requirement (bad).
struct Template {
  const char* name;
  const char* unit;
  const char* domestic;
  const char* benchmark;
  const char* better;
  const char* equal;
  const char* worse;
  const char* good;
  const char* bad;
  bool core, safety, health, environment;
  const char* method;
};
const std::vector<Template>& templates() {
  static const std::vector<Template> t = {
      {"主要成分含量", "%", "≥95%", "≥98%", "≥98.5%", "≥98%", "≥96%", "98.7", "96.4", true, false,
       false, false, "GB/T 6682"},
      {"铅（Pb）含量", "mg/kg", "≤1.0 mg/kg", "≤0.5 mg/kg", "≤0.3 mg/kg", "≤0.5 mg/kg",
       "≤0.8 mg/kg", "0.12", "0.62", true, true, true, false, "GB 5009.12"},
      {"拉伸强度", "N", "不小于 25 N", "不小于 30 N", "不小于 32 N", "不小于 30 N", "不小于 28 N",
       "35.6", "28.4", true, true, false, false, "GB/T 3923.1"},
      {"厚度", "mm", "0.3～0.6", "0.3～0.5", "0.35～0.45", "0.3～0.5", "0.25～0.55", "0.41", "0.53",
       false, false, false, false, "GB/T 6672"},
      {"能效等级", "", "3级", "2级", "1级", "2级", "3级", "1级", "3级", true, false, false, true,
       "GB 12021.2"},
      {"含水率", "%", "≤12%", "≤10%", "≤8%", "≤10%", "≤11%", "7.2", "10.6", false, false, false,
       false, "GB/T 1931"},
      {"断裂伸长率", "%", "≥300%", "≥400%", "≥450%", "≥400%", "≥350%", "468", "372", false, false,
       false, false, "GB/T 528"},
      {"电气强度", "V", "≥1250 V", "≥1500 V", "≥1800 V", "≥1500 V", "≥1250 V", "1800", "1300", true,
       true, false, false, "GB 4706.1"},
      {"待机功率", "W", "≤1.0 W", "≤0.5 W", "≤0.3 W", "≤0.5 W", "≤0.8 W", "0.28", "0.74", false,
       false, false, true, "GB/T 35758"},
      {"甲醛释放量", "mg/L", "≤1.5 mg/L", "≤0.5 mg/L", "≤0.3 mg/L", "≤0.5 mg/L", "≤1.0 mg/L",
       "0.21", "0.86", true, false, true, true, "GB/T 17657"},
      {"盐雾试验时间", "h", "≥48 h", "≥96 h", "≥120 h", "≥96 h", "≥72 h", "120", "80", false, false,
       false, false, "GB/T 10125"},
      {"外观", "", "应无裂纹", "应无裂纹", "应无裂纹", "应无裂纹", "应无裂纹", "无裂纹", "无裂纹",
       false, false, false, false, "目测"},
      {"噪声", "dB", "≤55 dB", "≤50 dB", "≤45 dB", "≤50 dB", "≤52 dB", "44", "51.5", false, false,
       true, true, "GB/T 4214.1"},
      {"外径尺寸", "mm", "50±0.5", "50±0.3", "50±0.2", "50±0.3", "50±0.4", "50.1", "50.35", false,
       false, false, false, "GB/T 1958"},
      {"耐热温度", "℃", "≥100 ℃", "≥120 ℃", "≥130 ℃", "≥120 ℃", "≥110 ℃", "135", "115", false, true,
       false, false, "GB/T 2423.2"},
      {"邻苯二甲酸酯总量", "%", "≤0.1%", "≤0.1%", "≤0.05%", "≤0.1%", "≤0.2%", "0.02", "0.15", true,
       true, true, false, "GB/T 22048"},
      {"跌落试验", "", "合格", "合格", "合格", "合格", "合格", "合格", "合格", false, true, false,
       false, "GB/T 4857.5"},
      {"使用寿命", "h", "≥8000 h", "≥10000 h", "≥15000 h", "≥10000 h", "≥9000 h", "15200", "9300",
       true, false, false, false, "GB/T 24823"},
      {"充电时间", "h", "≤8 h", "≤6 h", "≤5 h", "≤6 h", "≤7 h", "4.5", "6.8", false, false, false,
       false, "GB/T 36972"},
      {"压缩永久变形", "%", "≤25%", "≤20%", "≤15%", "≤20%", "≤22%", "14", "21.3", false, false,
       false, false, "GB/T 7759.1"},
      {"抗压强度", "MPa", "≥30 MPa", "≥40 MPa", "≥45 MPa", "≥40 MPa", "≥35 MPa", "46.2", "37.5",
       true, true, false, false, "GB/T 17671"},
      {"泄漏电流", "mA", "≤0.75 mA", "≤0.25 mA", "≤0.2 mA", "≤0.25 mA", "≤0.5 mA", "0.12", "0.41",
       true, true, false, false, "GB 4706.1"},
      {"响应时间", "s", "≤2 s", "≤1 s", "≤0.8 s", "≤1 s", "≤1.5 s", "0.6", "1.3", false, false,
       false, false, "GB/T 17626.2"},
      {"光通量维持率", "%", "≥90%", "≥95%", "≥96%", "≥95%", "≥92%", "96.8", "93.1", false, false,
       false, false, "GB/T 24824"},
      {"挥发性有机化合物含量", "g/L", "≤100 g/L", "≤50 g/L", "≤30 g/L", "≤50 g/L", "≤80 g/L", "26",
       "71", true, false, true, true, "GB/T 23986"},
      {"循环寿命", "次", "≥500次", "≥800次", "≥1000次", "≥800次", "≥600次", "1120", "650", true,
       false, false, false, "GB/T 31484"},
      {"转速偏差", "%", "≤5%", "≤3%", "≤2%", "≤3%", "≤4%", "1.6", "3.7", false, false, false, false,
       "GB/T 1032"},
      {"额定电压", "V", "220 V±10%", "220 V±5%", "220 V±3%", "220 V±5%", "220 V±8%", "221", "236",
       false, true, false, false, "GB/T 12325"},
      {"吸水率", "%", "≤0.5%", "≤0.2%", "≤0.1%", "≤0.2%", "≤0.4%", "0.08", "0.33", false, false,
       false, false, "GB/T 3810.3"},
      {"镉（Cd）含量", "mg/kg", "≤0.1 mg/kg", "≤0.05 mg/kg", "≤0.02 mg/kg", "≤0.05 mg/kg",
       "≤0.08 mg/kg", "0.01", "0.07", true, true, true, true, "GB 5009.15"},
      {"密封性能", "", "不允许泄漏", "不允许泄漏", "不允许泄漏", "不允许泄漏", "不允许泄漏",
       "无泄漏", "无泄漏", false, true, false, false, "GB/T 13927"},
      {"表面电阻", "Ω", "≤1000000 Ω", "≤100000 Ω", "≤50000 Ω", "≤100000 Ω", "≤500000 Ω", "32000",
       "350000", false, true, false, false, "GB/T 1410"},
      {"质量", "kg", "≤25 kg", "≤20 kg", "≤18 kg", "≤20 kg", "≤23 kg", "17.6", "22.1", false, false,
       false, false, "称量"},
      {"热效率", "%", "≥86%", "≥90%", "≥92%", "≥90%", "≥88%", "92.4", "88.6", true, false, false,
       true, "GB 20665"},
      {"色牢度", "", "≥3级", "≥4级", "≥4-5级", "≥4级", "≥3-4级", "4-5级", "3-4级", false, false,
       false, false, "GB/T 3920"},
  };
  return t;
}

struct ProductKind {
  const char* name;
  const char* division;  // GB/T 4754 division
  const char* category;
};
const std::vector<ProductKind>& product_kinds() {
  static const std::vector<ProductKind> k = {
      {"家用电冰箱", "38", "家用电器"},
      {"电热水器", "38", "家用电器"},
      {"空气净化器", "38", "家用电器"},
      {"电动自行车用锂离子蓄电池", "38", "电池"},
      {"LED 筒灯", "38", "照明器具"},
      {"电线电缆", "38", "电工器材"},
      {"不锈钢保温杯", "33", "日用金属制品"},
      {"五金工具", "33", "金属制品"},
      {"紧固件", "33", "金属制品"},
      {"阀门", "34", "通用设备"},
      {"离心泵", "34", "通用设备"},
      {"滚动轴承", "34", "通用设备"},
      {"注塑机", "35", "专用设备"},
      {"纺织机械", "35", "专用设备"},
      {"医用口罩", "27", "医疗器械"},
      {"汽车零部件 制动片", "36", "汽车零部件"},
      {"汽车用橡胶密封条", "36", "汽车零部件"},
      {"电动工具", "34", "通用设备"},
      {"智能手表", "39", "电子产品"},
      {"移动电源", "39", "电子产品"},
      {"光伏组件", "38", "新能源"},
      {"服装面料", "17", "纺织品"},
      {"针织童装", "18", "服装"},
      {"运动鞋", "19", "鞋类"},
      {"实木家具", "21", "家具"},
      {"办公椅", "21", "家具"},
      {"瓦楞纸箱", "22", "纸制品"},
      {"文具 中性笔", "24", "文教用品"},
      {"儿童玩具", "24", "玩具"},
      {"建筑涂料", "26", "化工产品"},
      {"水性胶粘剂", "26", "化工产品"},
      {"塑料餐具", "29", "塑料制品"},
      {"PE 给水管", "29", "塑料制品"},
      {"陶瓷砖", "30", "建材"},
      {"预拌砂浆", "30", "建材"},
      {"卫生陶瓷", "30", "建材"},
      {"铝合金型材", "32", "有色金属"},
      {"冷轧钢板", "31", "黑色金属"},
      {"茶叶", "15", "食品"},
      {"食用植物油", "13", "食品"},
      {"婴幼儿谷类辅助食品", "14", "食品"},
      {"中成药片剂", "27", "药品"},
      {"电动牙刷", "38", "个人护理电器"},
      {"吸尘器", "38", "家用电器"},
      {"燃气灶具", "38", "家用电器"},
      {"仪器仪表 智能电能表", "40", "仪器仪表"},
      {"船用配件", "37", "交通运输设备"},
      {"模具", "35", "专用设备"},
      {"眼镜架", "41", "其他制造"},
      {"打火机", "41", "其他制造"},
  };
  return k;
}

const std::vector<std::string> kVariants = {"",           "（商用型）", "（出口型）", "（Ⅱ型）",
                                            "（大容量）", "（轻量化）", "（智能型）", "（节能型）",
                                            "（儿童用）", "（高端型）", "（工业用）", "（户外型）",
                                            "（便携式）", "（嵌入式）", "（组合式）", "（第二代）",
                                            "（A 系列）", "（B 系列）", "（C 系列）", "（定制款）"};

const std::vector<std::string> kLabs = {"宁波市产品质量检验研究院",
                                        "浙江省质量科学研究院",
                                        "国家家用电器质量检验检测中心",
                                        "上海市质量监督检验技术研究院",
                                        "广东产品质量监督检验研究院",
                                        "江苏省产品质量监督检验研究院",
                                        "中国电器科学研究院股份有限公司",
                                        "通标标准技术服务有限公司",
                                        "华测检测认证集团股份有限公司",
                                        "谱尼测试集团股份有限公司",
                                        "中国检验认证集团",
                                        "北京市产品质量监督检验研究院",
                                        "山东省产品质量检验研究院",
                                        "福建省产品质量检验研究院",
                                        "四川省产品质量监督检验检测院",
                                        "天津市产品质量监督检测技术研究院",
                                        "湖北省产品质量监督检验研究院",
                                        "安徽省产品质量监督检验研究院"};

const std::vector<std::string> kSyllables = {
    "华", "泰", "恒", "鑫", "宏", "盛", "达", "兴", "隆", "佳", "美", "康", "瑞", "丰", "源", "新",
    "锦", "诚", "信", "德", "博", "远", "海", "天", "润", "捷", "星", "光", "明", "永", "安", "益",
    "众", "合", "通", "宇", "航", "正", "力", "创", "卓", "越", "凯", "奥", "威", "腾", "龙", "辉"};
const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                            "赵", "吴", "周", "徐", "孙", "马", "朱",
                                            "胡", "郭", "何", "林", "罗", "郑"};
const std::vector<std::string> kGiven = {
    "伟", "芳", "娜", "敏", "静",   "丽", "强", "磊",   "军",   "洋",   "勇",   "艳",   "杰",
    "娟", "涛", "明", "超", "秀英", "霞", "平", "建国", "志强", "海燕", "晓东", "丽华", "文博"};
const std::map<std::string, std::string> kDivisionWord = {
    {"13", "食品"},     {"14", "食品"}, {"15", "茶业"}, {"17", "纺织"},     {"18", "服饰"},
    {"19", "鞋业"},     {"21", "家具"}, {"22", "纸业"}, {"24", "文体用品"}, {"26", "化工"},
    {"27", "医药"},     {"29", "塑业"}, {"30", "建材"}, {"31", "钢铁"},     {"32", "铝业"},
    {"33", "金属制品"}, {"34", "机械"}, {"35", "装备"}, {"36", "汽车部件"}, {"37", "船舶配件"},
    {"38", "电器"},     {"39", "电子"}, {"40", "仪表"}, {"41", "制品"}};
const std::vector<std::string> kFlags = {"above_size",      "little_giant", "hidden_champion",
                                         "single_champion", "gazelle",      "zhejiang_made"};

// ------------------------------------------------------------------------------- model
struct Region {
  std::string code, name, path, parent;
};
struct County {
  Region r;
  int city = 0;  // index into cities
  long long regulator_id = 0;
  std::string regulator_name;
  double weight = 0;
  int enterprises = 0;
  long long queue = 0;  // results waiting at this county
};
struct City {
  Region r;
  int province = 0;
  long long regulator_id = 0;
  std::string regulator_name;
};
struct Province {
  Region r;
  long long regulator_id = 0;
  std::string regulator_name;
};

struct Plan {
  long long id = 0;
  std::string number, product, division, category, domestic, benchmark;
  std::vector<int> tmpl;  // 20 template indices in plan order
};

enum Variant { kBetter = 0, kEqual = 1, kWorse = 2 };

struct Counts {
  long long rows = 0;
  std::map<std::string, long long> per_table;
  void add(const std::string& t, long long n) {
    per_table[t] += n;
    rows += n;
  }
};

struct ResultRow {
  long long id = 0;
  std::string code;
  long long enterprise_id = 0, product_id = 0;
  int plan = 0;
  std::string status, stage, stage_region;
  long long stage_since = 0;
  int version = 1;
  std::string content, rollup;
  int compliant = 0;
  std::string search_text;
  long long submitted_at = 0, published_at = 0, created_at = 0, updated_at = 0;
};

struct EventRow {
  long long result_id = 0, at = 0, actor_id = 0;
  std::string actor_name, actor_role, actor_region, action, from, to, stage, comment, changes,
      snapshot;
};

struct Generator {
  Database& db;
  DbKind kind;
  Rng rng;
  long long now;
  long long campaign_start;
  Counts counts;
  Clock::time_point t0 = Clock::now();

  std::vector<Province> provinces;
  std::vector<City> cities;
  std::vector<County> counties;
  std::vector<Plan> plans;
  std::map<std::string, std::vector<int>> plans_by_division;
  std::vector<std::string> divisions;  // manufacturing divisions with plans
  // verdict of (template, variant) against the benchmark: precomputed with the engine
  std::vector<std::array<Verdict, 3>> verdicts;
  std::vector<bool> bad_fails;  // the template's bad measured value fails the benchmark

  std::string password_hash;
  long long next_user_id = 1;
  long long national_id = 0, tech_id = 0;
  long long next_result_id = 1, next_event_id = 1;
  long long code_index = 0;

  // output
  nlohmann::json out = nlohmann::json::object();
  std::vector<std::string> published_codes;
  std::vector<nlohmann::json> samples;

  Generator(Database& d, uint64_t seed)
      : db(d), kind(d.kind()), rng(seed), now(static_cast<long long>(std::time(nullptr))) {
    campaign_start = now - 240LL * 86400;
  }

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - t0).count(); }
  void progress(const std::string& what) {
    double s = elapsed();
    std::printf("[%7.1f s] %-44s %12lld rows  %9.0f rows/s\n", s, what.c_str(), counts.rows,
                s > 0 ? counts.rows / s : 0.0);
    std::fflush(stdout);
  }

  // ------------------------------------------------------------------- self-check of vocabulary
  void check_templates() {
    std::string problems;
    for (const auto& t : templates()) {
      ParseOptions o;
      o.default_unit = t.unit;
      auto bench = parse_requirement(t.benchmark, o);
      auto dom = parse_requirement(t.domestic, o);
      if (!bench.ok()) problems += std::string(t.name) + ": benchmark unparsed\n";
      if (!dom.ok()) problems += std::string(t.name) + ": domestic unparsed\n";
      std::array<Verdict, 3> v{};
      const char* texts[3] = {t.better, t.equal, t.worse};
      for (int k = 0; k < 3; ++k) {
        auto e = parse_requirement(texts[k], o);
        if (!e.ok()) problems += std::string(t.name) + ": variant unparsed: " + texts[k] + "\n";
        v[k] = compare_requirements(e, bench).verdict;
      }
      if (v[kEqual] != Verdict::kEqual)
        problems += std::string(t.name) + ": equal variant is " +
                    std::string(verdict_name(v[kEqual])) + "\n";
      auto j = judge_value(bench, t.good);  // qualitative rows may stay undecided (no gap)
      if (j.decided ? !j.pass : bench.kind != RequirementKind::kQualitative)
        problems +=
            std::string(t.name) + ": good value " + t.good + " not passed: " + j.reason + "\n";
      auto jb = judge_value(bench, t.bad);
      bad_fails.push_back(jb.decided && !jb.pass);
      verdicts.push_back(v);
    }
    if (!problems.empty()) throw std::runtime_error("indicator templates:\n" + problems);
  }

  // ------------------------------------------------------------------- regions
  void load_regions(int want_cities) {
    std::map<std::string, int> province_index, city_index;
    std::vector<Region> all_cities, all_counties;
    db.read([&](Tx& tx) {
      soci::rowset<soci::row> rows =
          (tx.sql.prepare << "SELECT code, name, level, COALESCE(parent_code, ''), path FROM "
                             "regions WHERE level IN ('province', 'city', 'county') ORDER BY "
                             "sort_order, code");
      for (const auto& row : rows) {
        Region r{row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(4),
                 row.get<std::string>(3)};
        std::string level = row.get<std::string>(2);
        if (level == "province") {
          province_index[r.code] = static_cast<int>(provinces.size());
          provinces.push_back({r});
        } else if (level == "city") {
          all_cities.push_back(r);
        } else {
          all_counties.push_back(r);
        }
      }
    });
    std::map<std::string, int> county_count;
    for (const auto& c : all_counties) county_count[c.parent]++;
    std::vector<Region> eligible;
    for (const auto& c : all_cities)
      if (county_count[c.code] >= 2) eligible.push_back(c);
    if (static_cast<int>(eligible.size()) < want_cities)
      throw std::runtime_error("only " + std::to_string(eligible.size()) + " cities with counties");
    // All of Zhejiang's cities (the campaign's pilot province) plus an even spread of the rest.
    std::vector<Region> chosen, rest;
    for (const auto& c : eligible) (c.code.rfind("33", 0) == 0 ? chosen : rest).push_back(c);
    size_t need = static_cast<size_t>(want_cities) - std::min(chosen.size(), size_t(want_cities));
    chosen.resize(std::min(chosen.size(), size_t(want_cities)));
    for (size_t i = 0; i < need; ++i) chosen.push_back(rest[i * rest.size() / need]);
    for (const auto& c : chosen) {
      City city{c, province_index.at(c.parent)};
      city_index[c.code] = static_cast<int>(cities.size());
      cities.push_back(city);
    }
    for (const auto& c : all_counties) {
      auto it = city_index.find(c.parent);
      if (it == city_index.end()) continue;
      counties.push_back({c, it->second});
    }
    // Enterprises per county: Zipf-like (a few very industrial counties, a long tail).
    std::vector<size_t> order(counties.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i > 1; --i)
      std::swap(order[i - 1], order[static_cast<size_t>(rng.below(static_cast<int>(i)))]);
    for (size_t rank = 0; rank < order.size(); ++rank)
      counties[order[rank]].weight = 1.0 / std::pow(static_cast<double>(rank + 1), 0.6);
    std::printf("regions: %zu provinces in the table, %zu cities chosen, %zu counties\n",
                provinces.size(), cities.size(), counties.size());
  }

  // ------------------------------------------------------------------- accounts (not enterprises)
  long long add_user(Bulk& b, const std::string& username, const std::string& display,
                     const std::string& role, const std::string& region_code,
                     const std::string& region_path, long long enterprise_id) {
    long long id = next_user_id++;
    b.i(id).s(username).s(display).s(password_hash).s(role);
    if (region_code.empty())
      b.null();
    else
      b.s(region_code);
    b.s(region_path);
    if (enterprise_id)
      b.i(enterprise_id);
    else
      b.null();
    b.i(0).i(0).i(campaign_start - 30 * 86400).i(campaign_start - 30 * 86400).end();
    return id;
  }
  static std::vector<std::string> user_columns() {
    return {"id",          "username",    "display_name",  "password_hash", "role",
            "region_code", "region_path", "enterprise_id", "disabled",      "must_change_password",
            "created_at",  "updated_at"};
  }

  void write_staff() {
    std::set<int> used_provinces;
    for (const auto& c : cities) used_provinces.insert(c.province);
    db.write([&](Tx& tx) {
      Bulk b(tx, "users", user_columns());
      add_user(b, "admin", "系统管理员", "admin", "", "/", 0);
      national_id = add_user(b, "national", "全国专项行动办公室", "national_office", "", "/", 0);
      tech_id = add_user(b, "tech_body", "中国标准化研究院", "technical_body", "", "/", 0);
      for (int p : used_provinces) {
        auto& pr = provinces[static_cast<size_t>(p)];
        pr.regulator_name = pr.r.name + "市场监督管理局";
        pr.regulator_id = add_user(b, "prov_" + pr.r.code, pr.regulator_name, "province_regulator",
                                   pr.r.code, pr.r.path, 0);
      }
      for (auto& c : cities) {
        c.regulator_name = c.r.name + "市场监督管理局";
        c.regulator_id = add_user(b, "city_" + c.r.code, c.regulator_name, "city_regulator",
                                  c.r.code, c.r.path, 0);
      }
      for (auto& c : counties) {
        c.regulator_name = cities[static_cast<size_t>(c.city)].r.name + c.r.name + "市场监督管理局";
        c.regulator_id = add_user(b, "county_" + c.r.code, c.regulator_name, "county_regulator",
                                  c.r.code, c.r.path, 0);
      }
      counts.add("users", b.finish());
    });
    progress("staff accounts");
  }

  // ------------------------------------------------------------------- plans
  void write_plans(int n_plans) {
    const auto& kinds = product_kinds();
    const auto& tm = templates();
    std::vector<std::string> drafting = {"330000", "320000", "440000", "310000", "370000",
                                         "110000", "350000", "420000", "510000", "340000"};
    std::map<std::string, long long> seq;
    static const char* families[] = {"ISO %d:%d",   "IEC %d-1:%d",   "EN %d:%d",
                                     "ISO %d-2:%d", "IEC %d-2-3:%d", "EN %d-1:%d"};
    for (int i = 0; i < n_plans; ++i) {
      Plan p;
      p.id = i + 1;
      const auto& k = kinds[static_cast<size_t>(i) % kinds.size()];
      size_t variant = (static_cast<size_t>(i) / kinds.size()) % kVariants.size();
      p.product = std::string(k.name) + kVariants[variant];
      if (static_cast<size_t>(i) >= kinds.size() * kVariants.size())
        p.product +=
            " " + std::to_string(i / static_cast<int>(kinds.size() * kVariants.size()) + 1);
      p.division = k.division;
      p.category = k.category;
      std::string region = drafting[static_cast<size_t>(i) % drafting.size()];
      p.number = "DBFA-2026-" + region + "-" + fmt("%04lld", ++seq[region]);
      char b[64];
      std::snprintf(b, sizeof b, "GB/T %d-%d", 20000 + (i * 37) % 19000, 2015 + i % 9);
      auto dom = parse_standard_number(b);
      std::snprintf(b, sizeof b, families[i % 6], 10000 + (i * 53) % 60000, 2012 + i % 12);
      auto ben = parse_standard_number(b);
      if (!dom || !ben) throw std::runtime_error("standard number not parsed: " + std::string(b));
      p.domestic = dom.value.normalized;
      p.benchmark = ben.value.normalized;
      // 20 of the templates, a different selection per plan, in a stable order
      std::vector<int> idx(tm.size());
      for (size_t j = 0; j < idx.size(); ++j) idx[j] = static_cast<int>(j);
      for (size_t j = idx.size(); j > 1; --j)
        std::swap(idx[j - 1], idx[static_cast<size_t>(rng.below(static_cast<int>(j)))]);
      idx.resize(20);
      std::sort(idx.begin(), idx.end());
      p.tmpl = idx;
      plans_by_division[p.division].push_back(i);
      plans.push_back(std::move(p));
    }
    for (auto& [d, v] : plans_by_division) divisions.push_back(d);

    db.write([&](Tx& tx) {
      {
        Bulk b(tx, "plans",
               {"id", "plan_number", "version", "status", "product", "industry_code", "author_id",
                "author_org", "region_code", "summary", "notice_start", "notice_end", "search_text",
                "published_at", "created_at", "updated_at"});
        for (auto& p : plans) {
          long long published = campaign_start - rng.range(10, 120) * 86400;
          std::string org = "全国" + p.category + "标准化技术委员会";
          std::string summary = p.product + "对标" + p.benchmark + "，共20项关键技术指标。";
          std::string search = p.number + " " + p.product + " " + org + " " + summary;
          for (const auto& s : {p.domestic, p.benchmark}) {
            search += " " + s + " ";
            for (char c : s)
              if (c != ' ') search.push_back(c);
            search += " " + p.product;
          }
          for (int t : p.tmpl)
            search += " " + std::string(templates()[static_cast<size_t>(t)].name);
          b.i(p.id)
              .s(p.number)
              .i(1)
              .s("published")
              .s(p.product)
              .s(p.division)
              .i(tech_id)
              .s(org)
              .s(p.number.substr(10, 6))
              .s(summary)
              .s(date_of(published - 40 * 86400))
              .s(date_of(published - 10 * 86400))
              .s(to_lower_ascii(search))
              .i(published)
              .i(published - 90 * 86400)
              .i(published)
              .end();
        }
        counts.add("plans", b.finish());
      }
      {
        Bulk b(tx, "plan_standards", {"plan_id", "position", "role", "number", "title"});
        for (auto& p : plans) {
          b.i(p.id).i(0).s("domestic").s(p.domestic).s(p.product).end();
          b.i(p.id).i(1).s("benchmark").s(p.benchmark).s(p.product + " (benchmark)").end();
        }
        counts.add("plan_standards", b.finish());
      }
      {
        Bulk b(tx, "plan_indicators",
               {"plan_id", "position", "name", "unit", "domestic_requirement",
                "benchmark_requirement", "domestic_method", "benchmark_method", "core", "safety",
                "health", "environment", "notes", "verdict", "verdict_reason"});
        for (auto& p : plans) {
          for (size_t j = 0; j < p.tmpl.size(); ++j) {
            const auto& t = tm[static_cast<size_t>(p.tmpl[j])];
            ParseOptions o;
            o.default_unit = t.unit;
            auto c = compare_requirements(parse_requirement(t.domestic, o),
                                          parse_requirement(t.benchmark, o));
            b.i(p.id)
                .i(static_cast<long long>(j))
                .s(t.name)
                .s(t.unit)
                .s(t.domestic)
                .s(t.benchmark)
                .s(t.method)
                .s(t.method)
                .i(t.core)
                .i(t.safety)
                .i(t.health)
                .i(t.environment)
                .s("")
                .s(verdict_name(c.verdict))
                .s(c.reason)
                .end();
          }
        }
        counts.add("plan_indicators", b.finish());
      }
      std::map<std::string, long long> last;
      for (auto& p : plans) {
        std::string prefix = p.number.substr(0, 16);
        last[prefix] = std::max(last[prefix], std::stoll(p.number.substr(17)));
      }
      for (auto& [prefix, v] : last)
        tx.sql << "INSERT INTO plan_number_sequences (prefix, last_value) VALUES (:p, :v)",
            soci::use(prefix), soci::use(v);
    });
    progress("plans");
  }

  // ------------------------------------------------------------------- results
  struct Ent {
    long long id = 0;
    int county = 0;
    std::string name, code, path, division, std_q;
    long long user_id = 0;
    std::string user_name, username;
    long long created = 0;
    bool bench = false;
  };
  struct Prod {
    long long id = 0;
    std::string name, model;
    int plan = 0;
  };

  // The content JSON and the roll-up for one result. complete=false leaves some report fields of
  // a draft empty.
  void build_content(const Plan& plan, const Ent& e, const std::vector<Variant>& var, bool good,
                     bool complete, ResultRow& r) {
    const auto& tm = templates();
    std::vector<IndicatorVerdict> iv;
    iv.reserve(var.size());
    std::string c;
    c.reserve(3800);
    c += "{\"enterprise_standard\":";
    json_str(c, e.std_q);
    c += ",\"indicators\":[";
    std::vector<size_t> gaps;
    bool any_core = false, core_measured_fail = false;
    for (int t : plan.tmpl) any_core = any_core || tm[static_cast<size_t>(t)].core;
    for (size_t j = 0; j < plan.tmpl.size(); ++j) {
      const auto& t = tm[static_cast<size_t>(plan.tmpl[j])];
      Variant v = var[j];
      const char* req = v == kBetter ? t.better : v == kEqual ? t.equal : t.worse;
      Verdict vd = verdicts[static_cast<size_t>(plan.tmpl[j])][v];
      iv.push_back({t.name, vd, t.core});
      if (vd == Verdict::kWorse) gaps.push_back(j);
      if (j) c.push_back(',');
      c += "{\"enterprise_requirement\":";
      json_str(c, req);
      bool filled = complete || j < plan.tmpl.size() / 2;
      if (filled) {
        bool bad = v == kWorse && !good;
        c += ",\"measured_value\":";
        json_str(c, bad ? t.bad : t.good);
        if (bad && bad_fails[static_cast<size_t>(plan.tmpl[j])]) {
          if (vd != Verdict::kWorse) gaps.push_back(j);
          if (!any_core || t.core) core_measured_fail = true;
        }
        c += ",\"report_number\":";
        json_str(c, fmt("BG2026-%06lld", rng.range(1, 999999)));
        c += ",\"lab\":";
        json_str(c, rng.pick(kLabs));
        c += ",\"report_date\":";
        json_str(c, date_of(r.created_at - rng.range(5, 200) * 86400));
      }
      c.push_back('}');
    }
    RollUp ru = roll_up(iv);
    c += "],\"conclusion\":";
    json_str(c, "经对标，" + ru.summary);
    c += ",\"improvements\":[";
    for (size_t g = 0; g < gaps.size(); ++g) {
      const auto& t = tm[static_cast<size_t>(plan.tmpl[gaps[g]])];
      if (g) c.push_back(',');
      c += "{\"indicator\":";
      json_str(c, t.name);
      c += ",\"action\":";
      json_str(c, std::string("修订企业标准，将") + t.name + "要求提高至" + t.benchmark +
                      "，改进工艺后复检");
      c += ",\"responsible\":\"技术质量部\",\"target_date\":";
      json_str(c, date_of(now + rng.range(60, 300) * 86400));
      c.push_back('}');
    }
    c += "]}";
    r.content = std::move(c);
    r.rollup = std::string(roll_up_name(ru.kind));
    r.compliant = ru.compliant && !core_measured_fail ? 1 : 0;
  }

  std::vector<Variant> variants_for(int n, int profile) {
    // profile: 0 all better, 1 partly better, 2 all equal, 3 not met, 4 no gaps (better/equal)
    std::vector<Variant> v(static_cast<size_t>(n));
    for (auto& x : v) {
      switch (profile) {
        case 0:
          x = kBetter;
          break;
        case 2:
          x = kEqual;
          break;
        case 3:
          x = rng.chance(0.15) ? kWorse : rng.chance(0.6) ? kBetter : kEqual;
          break;
        default:
          x = rng.chance(0.6) ? kBetter : kEqual;
      }
    }
    if (profile == 3) v[static_cast<size_t>(rng.below(n))] = kWorse;
    return v;
  }

  // Status, review chain and events for one result, consistent with each other.
  void chain(const Ent& e, ResultRow& r, std::vector<EventRow>& ev, const std::string& status,
             int saves) {
    const County& co = counties[static_cast<size_t>(e.county)];
    const City& ci = cities[static_cast<size_t>(co.city)];
    const Province& pr = provinces[static_cast<size_t>(ci.province)];
    struct Step {
      std::string action, from, to, stage, stage_region;
      int level;  // 0 enterprise, 1 county, 2 city, 3 province, 4 national
      std::string comment;
    };
    std::vector<Step> steps;
    steps.push_back({"create", "", "draft", "", "", 0, ""});
    auto submit = [&](const std::string& from) {
      steps.push_back({"submit", from, "submitted", "county", co.r.code, 0, ""});
    };
    static const std::vector<std::string> return_comments = {
        "请补充第3项指标的检测报告", "检测报告日期早于企业标准发布日期，请核实",
        "改进措施不具体，请细化", "实测值与报告不一致，请更正"};
    static const char* after[] = {"submitted", "county_reviewed", "city_recommended",
                                  "province_recommended", "accepted"};
    static const char* next_stage[] = {"county", "city", "province", "national", "national"};
    auto region_of = [&](int level) -> std::string {
      return level == 1 ? co.r.code : level == 2 ? ci.r.code : level == 3 ? pr.r.code : "";
    };
    auto pass_to = [&](int level) {  // level acts on the result, passing it up
      steps.push_back({"pass", after[level - 1], after[level], next_stage[level],
                       region_of(level + 1), level, level == 1 ? "" : "同意推荐"});
    };
    if (status != "draft") {
      if (status == "submitted" && rng.chance(0.3)) {
        submit("draft");
        steps.push_back({"return", "submitted", "returned", "", "", 1, rng.pick(return_comments)});
        submit("returned");
      } else if (status == "returned") {
        submit("draft");
        if (rng.chance(0.4)) {
          pass_to(1);
          steps.push_back(
              {"return", "county_reviewed", "returned", "", "", 2, rng.pick(return_comments)});
        } else {
          steps.push_back(
              {"return", "submitted", "returned", "", "", 1, rng.pick(return_comments)});
        }
      } else {
        submit("draft");
        int passes = status == "submitted"              ? 0
                     : status == "county_reviewed"      ? 1
                     : status == "city_recommended"     ? 2
                     : status == "province_recommended" ? 3
                                                        : 4;
        for (int l = 1; l <= passes; ++l) pass_to(l);
        if (status == "published")
          steps.push_back({"publish", "accepted", "published", "", "", 4, ""});
      }
    }
    // Times: the last step happened `age` ago (some queues overdue), earlier ones before it.
    long long age = rng.chance(0.3) ? rng.range(16, 60) * 86400 : rng.range(0, 15 * 86400);
    long long t = now - age - rng.range(0, 3600);
    std::vector<long long> at(steps.size());
    for (size_t k = steps.size(); k-- > 0;) {
      at[k] = t;
      t -= rng.range(1, 12) * 86400 + rng.range(0, 86399);
    }
    if (at[0] < campaign_start) {  // squeeze into the campaign
      long long shift = campaign_start - at[0] + rng.range(0, 86400);
      for (auto& x : at) x = std::min(now - 60, x + shift);
    }
    r.created_at = at.front();
    r.updated_at = at.back();
    r.version = static_cast<int>(steps.size()) + saves;
    r.status = steps.back().to;
    r.stage = steps.back().stage;
    r.stage_region = steps.back().stage_region;
    r.stage_since = steps.size() > 1 ? at.back() : 0;  // every move sets it, even to no stage
    for (size_t k = 0; k < steps.size(); ++k) {
      const auto& s = steps[k];
      if (s.action == "submit") r.submitted_at = at[k];
      if (s.action == "publish") r.published_at = at[k];
      EventRow x;
      x.result_id = r.id;
      x.at = at[k];
      switch (s.level) {
        case 0:  // the server records no region for enterprise actors
          x.actor_id = e.user_id, x.actor_name = e.user_name, x.actor_role = "enterprise",
          x.actor_region = "";
          break;
        case 1:
          x.actor_id = co.regulator_id, x.actor_name = co.regulator_name,
          x.actor_role = "county_regulator", x.actor_region = co.r.code;
          break;
        case 2:
          x.actor_id = ci.regulator_id, x.actor_name = ci.regulator_name,
          x.actor_role = "city_regulator", x.actor_region = ci.r.code;
          break;
        case 3:
          x.actor_id = pr.regulator_id, x.actor_name = pr.regulator_name,
          x.actor_role = "province_regulator", x.actor_region = pr.r.code;
          break;
        default:
          x.actor_id = national_id, x.actor_name = "全国专项行动办公室",
          x.actor_role = "national_office", x.actor_region = "";
      }
      x.action = s.action;
      x.from = s.from;
      x.to = s.to;
      x.stage = s.stage;
      x.comment = s.comment;
      if (s.action == "submit") {
        x.snapshot = r.content;
        x.changes = s.from == "returned"
                        ? "[{\"field\":\"indicators[2].measured_value\",\"label\":\"第3项 "
                          "实测值\",\"before\":\"\",\"after\":\"已补充\"}]"
                        : "[]";
      }
      ev.push_back(std::move(x));
    }
  }

  std::string search_text(const Ent& e, const Prod& p, const Plan& plan) {
    // as the server builds it: every standard of the plan, in plan order
    return to_lower_ascii(e.name + " " + e.code + " " + p.name + " " + p.model + " " + plan.number +
                          " " + plan.domestic + " " + plan.benchmark);
  }

  // Where the content JSON goes: its own table result_contents (the current schema), or a
  // results.content column (the first form of migration 7). Read from the database itself.
  bool content_table = true;
  bool enterprise_standard_column = true;
  void detect_schema() {
    std::set<std::string> cols;
    db.read([&](Tx& tx) {
      std::string q = kind == DbKind::kSqlite
                          ? "SELECT name FROM pragma_table_info('results')"
                          : "SELECT column_name FROM information_schema.columns WHERE table_name "
                            "= 'results' AND table_schema = current_schema()";
      soci::rowset<std::string> rows = tx.sql.prepare << q;
      for (const auto& c : rows) cols.insert(c);
    });
    content_table = cols.count("content") == 0;
    enterprise_standard_column = cols.count("enterprise_standard") > 0;
  }

  void write_results(Tx& tx, std::vector<ResultRow>& rs, std::vector<EventRow>& ev) {
    {
      std::vector<std::string> cols = {
          "id",           "code",         "enterprise_id", "region_path", "product_id",
          "plan_id",      "plan_number",  "status",        "stage",       "stage_region",
          "stage_since",  "version",      "rollup",        "compliant",   "search_text",
          "submitted_at", "published_at", "created_at",    "updated_at"};
      if (!content_table) cols.push_back("content");
      if (enterprise_standard_column) cols.push_back("enterprise_standard");
      Bulk b(tx, "results", cols);
      for (auto& r : rs) {
        const Plan& p = plans[static_cast<size_t>(r.plan)];
        b.i(r.id)
            .s(r.code)
            .i(r.enterprise_id)
            .s(ent_path(r.enterprise_id))
            .i(r.product_id)
            .i(p.id)
            .s(p.number)
            .s(r.status)
            .s(r.stage)
            .s(r.stage_region)
            .i(r.stage_since)
            .i(r.version)
            .s(r.rollup)
            .i(r.compliant)
            .s(r.search_text)
            .i(r.submitted_at)
            .i(r.published_at)
            .i(r.created_at)
            .i(r.updated_at);
        if (!content_table) b.s(r.content);
        if (enterprise_standard_column) b.s(ent_std_q(r.enterprise_id));
        b.end();
      }
      counts.add("results", b.finish());
    }
    if (content_table) {
      Bulk b(tx, "result_contents", {"result_id", "content"});
      for (auto& r : rs) b.i(r.id).s(r.content).end();
      counts.add("result_contents", b.finish());
    }
    {
      Bulk b(tx, "result_events",
             {"id", "result_id", "at", "actor_id", "actor_name", "actor_role", "actor_region",
              "action", "from_status", "to_status", "stage", "comment", "changes", "snapshot"});
      for (auto& x : ev) {
        b.i(next_event_id++)
            .i(x.result_id)
            .i(x.at)
            .i(x.actor_id)
            .s(x.actor_name)
            .s(x.actor_role)
            .s(x.actor_region)
            .s(x.action)
            .s(x.from)
            .s(x.to)
            .s(x.stage)
            .s(x.comment)
            .s(x.changes)
            .s(x.snapshot)
            .end();
      }
      counts.add("result_events", b.finish());
    }
    rs.clear();
    ev.clear();
  }

  // enterprise id → region path, for the batch being written
  std::map<long long, std::string> path_of_, std_q_of_;
  const std::string& ent_path(long long id) { return path_of_.at(id); }
  const std::string& ent_std_q(long long id) { return std_q_of_.at(id); }

  void run(long long n_ent, int drafts_per_bench, int n_bench, int n_busy) {
    // county of every enterprise: cumulative weights
    std::vector<double> cum(counties.size());
    double total = 0;
    for (size_t i = 0; i < counties.size(); ++i) cum[i] = (total += counties[i].weight);
    std::vector<int> ent_county(static_cast<size_t>(n_ent));
    for (auto& c : ent_county) {
      double x = rng.real() * total;
      c = static_cast<int>(std::upper_bound(cum.begin(), cum.end(), x) - cum.begin());
      if (c >= static_cast<int>(counties.size())) c = static_cast<int>(counties.size()) - 1;
      counties[static_cast<size_t>(c)].enterprises++;
    }
    ent_county_ = ent_county;
    ent_division_.assign(static_cast<size_t>(n_ent), std::string());
    ent_bench_.assign(static_cast<size_t>(n_ent), 0);
    ent_plan_.assign(static_cast<size_t>(n_ent), 0);
    // The busiest counties get the bench regulators (queue pages). The bench enterprises, with
    // their thousands of drafts, live in the next busiest counties, one per county, so that the
    // queue pages read a natural mix of results.
    std::vector<int> ranked(counties.size());
    for (size_t i = 0; i < ranked.size(); ++i) ranked[i] = static_cast<int>(i);
    std::stable_sort(ranked.begin(), ranked.end(), [&](int a, int b) {
      return counties[static_cast<size_t>(a)].enterprises >
             counties[static_cast<size_t>(b)].enterprises;
    });
    size_t n_queue = std::min(static_cast<size_t>(n_busy), ranked.size());
    std::vector<int> busy(ranked.begin(), ranked.begin() + static_cast<long>(n_queue));
    std::map<long long, int> bench_of;  // enterprise index → bench number
    {
      std::vector<int> homes(ranked.begin() + static_cast<long>(n_queue), ranked.end());
      if (homes.empty()) homes = busy;
      std::map<int, std::vector<long long>> in_county;  // county → its first enterprises
      for (long long i = 0; i < n_ent; ++i) {
        auto& v = in_county[ent_county[static_cast<size_t>(i)]];
        if (v.size() < 8) v.push_back(i);
      }
      int k = 0;
      for (size_t round = 0; k < n_bench && round < 8; ++round)
        for (size_t h = 0; h < homes.size() && k < n_bench; ++h) {
          const auto& v = in_county[homes[h]];
          if (round < v.size()) bench_of[v[round]] = k++;
        }
    }

    const long long batch = 5000;
    std::vector<ResultRow> rs;
    std::vector<EventRow> ev;
    nlohmann::json bench_users = nlohmann::json::array();
    nlohmann::json ready = nlohmann::json::array();
    struct StatusShare {
      const char* status;
      double share;
    };
    static const StatusShare shares[] = {
        {"draft", 0.10},           {"returned", 0.05},         {"submitted", 0.25},
        {"county_reviewed", 0.15}, {"city_recommended", 0.10}, {"province_recommended", 0.05},
        {"accepted", 0.05},        {"published", 0.25}};
    std::map<std::string, long long> status_count;
    long long next_product = 1;

    for (long long start = 0; start < n_ent; start += batch) {
      long long end = std::min(n_ent, start + batch);
      std::vector<Ent> ents;
      path_of_.clear();
      std_q_of_.clear();
      for (long long i = start; i < end; ++i) {
        Ent e;
        e.id = i + 1;
        e.county = ent_county[static_cast<size_t>(i)];
        const County& co = counties[static_cast<size_t>(e.county)];
        const City& ci = cities[static_cast<size_t>(co.city)];
        e.division = rng.pick(divisions);
        std::string city_short = ci.r.name;
        if (city_short.size() > 3 && city_short.substr(city_short.size() - 3) == "市")
          city_short.resize(city_short.size() - 3);
        static const std::vector<std::string> suffix = {"有限公司", "股份有限公司", "科技有限公司",
                                                        "制造有限公司", "实业有限公司"};
        e.name = city_short + rng.pick(kSyllables) + rng.pick(kSyllables) +
                 kDivisionWord.at(e.division) + rng.pick(suffix);
        e.code = make_credit_code(co.r.code, e.id);
        e.path = co.r.path;
        std::string letters;
        for (long long x = e.id, k = 0; k < 4; ++k, x /= 26)
          letters.push_back(static_cast<char>('A' + x % 26));
        e.std_q = "Q/" + letters + " " + fmt("%03lld", 1 + e.id % 50) + "-" +
                  std::to_string(2020 + e.id % 6);
        e.created = campaign_start - rng.range(0, 200) * 86400;
        e.bench = bench_of.count(i) > 0;
        ent_division_[static_cast<size_t>(i)] = e.division;
        ent_bench_[static_cast<size_t>(i)] = e.bench ? 1 : 0;
        e.user_name = rng.pick(kSurnames) + rng.pick(kGiven);
        e.username = e.bench ? fmt("bench_e%02lld", bench_of[i] + 1) : "e" + std::to_string(e.id);
        path_of_[e.id] = e.path;
        std_q_of_[e.id] = e.std_q;
        ents.push_back(std::move(e));
      }
      db.write([&](Tx& tx) {
        {
          Bulk b(tx, "enterprises",
                 {"id", "name", "credit_code", "credit_code_status", "region_code", "region_path",
                  "industry_code", "contact_name", "contact_phone", "contact_email", "address",
                  "flags", "created_at", "updated_at"});
          for (auto& e : ents) {
            const County& co = counties[static_cast<size_t>(e.county)];
            std::string flags;
            for (const auto& f : kFlags)
              if (rng.chance(0.12)) flags += (flags.empty() ? "" : ",") + f;
            b.i(e.id)
                .s(e.name)
                .s(e.code)
                .s("valid")
                .s(co.r.code)
                .s(e.path)
                .s(e.division)
                .s(e.user_name)
                .s(fmt("13%09lld", rng.range(0, 999999999)))
                .s("qa" + std::to_string(e.id) + "@example.com")
                .s(cities[static_cast<size_t>(co.city)].r.name + co.r.name + "工业园区" +
                   std::to_string(rng.range(1, 999)) + "号")
                .s(flags)
                .i(e.created)
                .i(e.created)
                .end();
          }
          counts.add("enterprises", b.finish());
        }
        {
          Bulk b(tx, "users", user_columns());
          for (auto& e : ents) {
            const County& co = counties[static_cast<size_t>(e.county)];
            e.user_id = add_user(b, e.username, e.user_name, "enterprise", co.r.code, e.path, e.id);
          }
          counts.add("users", b.finish());
        }
        std::vector<std::vector<Prod>> prods(ents.size());
        {
          Bulk b(
              tx, "products",
              {"id", "enterprise_id", "region_path", "name", "model", "category", "industry_code",
               "standards", "enterprise_standard", "selected", "created_at", "updated_at"});
          for (size_t k = 0; k < ents.size(); ++k) {
            auto& e = ents[k];
            const auto& group = plans_by_division.at(e.division);
            std::vector<int> chosen;
            for (int j = 0; j < 3; ++j) {
              int p = group[static_cast<size_t>(rng.below(static_cast<int>(group.size())))];
              if (group.size() >= 3)
                while (std::find(chosen.begin(), chosen.end(), p) != chosen.end())
                  p = group[static_cast<size_t>(rng.below(static_cast<int>(group.size())))];
              chosen.push_back(p);
              const Plan& plan = plans[static_cast<size_t>(p)];
              Prod pr;
              pr.id = next_product++;
              pr.plan = p;
              pr.name = plan.product;
              pr.model = fmt("%c", 'A' + rng.below(26)) + fmt("%c", 'A' + rng.below(26)) + "-" +
                         std::to_string(rng.range(100, 9999));
              b.i(pr.id)
                  .i(e.id)
                  .s(e.path)
                  .s(pr.name)
                  .s(pr.model)
                  .s(plan.category)
                  .s(plan.division)
                  .s(plan.domestic + "\n" + e.std_q)
                  .s(e.std_q)
                  .i(1)
                  .i(e.created + 86400)
                  .i(e.created + 86400)
                  .end();
              if (j == 0) ent_plan_[static_cast<size_t>(e.id - 1)] = p;
              prods[k].push_back(std::move(pr));
            }
          }
          counts.add("products", b.finish());
        }
        for (size_t k = 0; k < ents.size(); ++k) {
          auto& e = ents[k];
          nlohmann::json own = nlohmann::json::array();
          for (auto& pr : prods[k]) {
            ResultRow r;
            r.id = next_result_id++;
            r.code = result_code(static_cast<uint64_t>(code_index++));
            r.enterprise_id = e.id;
            r.product_id = pr.id;
            r.plan = pr.plan;
            double x = rng.real(), acc = 0;
            std::string status = "published";
            for (const auto& s : shares)
              if (x < (acc += s.share)) {
                status = s.status;
                break;
              }
            double px = rng.real();
            int profile = px < 0.25 ? 0 : px < 0.65 ? 1 : px < 0.75 ? 2 : 3;
            const Plan& plan = plans[static_cast<size_t>(pr.plan)];
            auto var = variants_for(static_cast<int>(plan.tmpl.size()), profile);
            // the chain first (it sets created_at), then the content, then the events' snapshots
            std::vector<EventRow> mine;
            chain(e, r, mine, status, static_cast<int>(rng.range(1, 3)));
            build_content(plan, e, var, rng.chance(0.5), status != "draft" || rng.chance(0.5), r);
            for (auto& x : mine)
              if (x.action == "submit") x.snapshot = r.content;
            r.search_text = search_text(e, pr, plan);
            status_count[r.status]++;
            if (r.stage == "county") counties[static_cast<size_t>(e.county)].queue++;
            if (r.status == "published" && (published_codes.size() < 5000 || rng.chance(0.02))) {
              if (published_codes.size() < 5000)
                published_codes.push_back(r.code);
              else
                published_codes[static_cast<size_t>(rng.below(5000))] = r.code;
            }
            if (samples.size() < 400 && rng.chance(0.01))
              samples.push_back({{"id", r.id},
                                 {"code", r.code},
                                 {"status", r.status},
                                 {"enterprise_id", e.id},
                                 {"username", e.username}});
            own.push_back({{"id", r.id}, {"status", r.status}, {"version", r.version}});
            rs.push_back(std::move(r));
            for (auto& x : mine) ev.push_back(std::move(x));
          }
          if (e.bench) {
            // Complete drafts ready to submit: every (product, plan) pair not used yet.
            nlohmann::json ids = nlohmann::json::array();
            int made = 0;
            for (size_t p = 0; p < plans.size() && made < drafts_per_bench; ++p) {
              for (auto& pr : prods[k]) {
                if (made >= drafts_per_bench) break;
                // one result per product × plan number: skip the product's own result
                if (plans[static_cast<size_t>(pr.plan)].number == plans[p].number) continue;
                ResultRow r;
                r.id = next_result_id++;
                r.code = result_code(static_cast<uint64_t>(code_index++));
                r.enterprise_id = e.id;
                r.product_id = pr.id;
                r.plan = static_cast<int>(p);
                std::vector<EventRow> mine;
                chain(e, r, mine, "draft", 1);
                auto var = variants_for(static_cast<int>(plans[p].tmpl.size()), 4);
                build_content(plans[p], e, var, true, true, r);
                Prod as = pr;
                r.search_text = search_text(e, as, plans[p]);
                status_count["draft (ready)"]++;
                ids.push_back(r.id);
                ++made;
                rs.push_back(std::move(r));
                for (auto& x : mine) ev.push_back(std::move(x));
              }
            }
            ready.push_back(
                {{"username", e.username}, {"enterprise_id", e.id}, {"version", 2}, {"ids", ids}});
            bench_users.push_back({{"username", e.username},
                                   {"enterprise_id", e.id},
                                   {"county", counties[static_cast<size_t>(e.county)].r.code},
                                   {"city", cities[static_cast<size_t>(counties[static_cast<size_t>(e.county)].city)].r.code},
                                   {"results", own}});
          }
          if (rs.size() >= 20000) write_results(tx, rs, ev);
        }
        write_results(tx, rs, ev);
      });
      progress("enterprises " + std::to_string(end) + "/" + std::to_string(n_ent));
    }

    nlohmann::json county_users = nlohmann::json::array();
    for (int c : busy) {
      const County& co = counties[static_cast<size_t>(c)];
      county_users.push_back(
          {{"username", "county_" + co.r.code},
           {"region_code", co.r.code},
           {"region_name", cities[static_cast<size_t>(co.city)].r.name + co.r.name},
           {"enterprises", co.enterprises},
           {"queue", co.queue}});
    }
    out["county_users"] = county_users;
    out["enterprise_users"] = bench_users;
    out["ready_drafts"] = ready;
    out["published_codes"] = published_codes;
    out["sample_results"] = samples;
    out["status_counts"] = status_count;
  }

  // ------------------------------------------------------------------- campaigns (issue 8)
  // Every enterprise's county, division, bench flag and first product's plan, by id - 1.
  std::vector<int> ent_county_;
  std::vector<std::string> ent_division_;
  std::vector<char> ent_bench_;
  std::vector<int> ent_plan_;

  // The national campaign (batches 1–3 splitting the cities 30/50/20), one campaign per province
  // with enterprises (parent: national; participating regions: its cities with quotas), one per
  // city (parent: its province's; participating regions: its counties with quotas). Every
  // enterprise is a member of its city's, its province's and the national campaign, except one
  // "reserve" enterprise per city left out of its city's campaign for the benchmark's member-add
  // write. Members are added on a few "import days" per campaign and city, as 附件2 imports do;
  // a fifth of the city members have a 附件2 list row, some with a support request.
  // Rows go in after the results, through the schema's triggers (nothing here writes a counter),
  // with their own random stream so the rest of the data set does not change.
  void write_campaigns(uint64_t seed) {
    Rng cr(seed ^ 0xC0FFEE2026ULL);
    const size_t n_ent = ent_county_.size();
    const size_t nc = cities.size();
    auto city_of_ent = [&](size_t i) {
      return counties[static_cast<size_t>(ent_county_[i])].city;
    };
    std::vector<std::vector<long long>> ents_of_city(nc);
    for (size_t i = 0; i < n_ent; ++i) ents_of_city[static_cast<size_t>(city_of_ent(i))].push_back(
        static_cast<long long>(i + 1));
    std::vector<int> county_enterprises(counties.size(), 0);
    for (size_t i = 0; i < n_ent; ++i) county_enterprises[static_cast<size_t>(ent_county_[i])]++;

    // Batches: Zhejiang's cities (the pilot) in the first, the others shuffled; 30/50/20.
    std::vector<int> order;
    std::vector<int> rest;
    for (size_t c = 0; c < nc; ++c)
      (cities[c].r.code.rfind("33", 0) == 0 ? order : rest).push_back(static_cast<int>(c));
    for (size_t j = rest.size(); j > 1; --j)
      std::swap(rest[j - 1], rest[static_cast<size_t>(cr.below(static_cast<int>(j)))]);
    order.insert(order.end(), rest.begin(), rest.end());
    size_t n1 = static_cast<size_t>(std::lround(0.3 * static_cast<double>(nc)));
    size_t n2 = static_cast<size_t>(std::lround(0.5 * static_cast<double>(nc)));
    std::vector<int> city_batch(nc, 3);
    for (size_t k = 0; k < order.size(); ++k)
      city_batch[static_cast<size_t>(order[k])] = k < n1 ? 1 : k < n1 + n2 ? 2 : 3;
    const long long day = 86400;
    const long long batch_start[4] = {0, campaign_start, campaign_start + 60 * day,
                                      campaign_start + 120 * day};
    const std::string year = date_of(campaign_start).substr(0, 4);
    const int year_i = std::stoi(year);
    auto clamp_past = [&](long long t) { return std::min(t, now - 2 * day); };
    auto phases = [&](long long start, int stretch) {
      nlohmann::json p = nlohmann::json::array();
      const char* keys[] = {"select", "plans", "results", "summary"};
      const char* names[] = {"确定对标企业", "制定/选用技术方案", "对标达标", "总结"};
      const int due[] = {60, 120, 200, 330};
      for (int k = 0; k < 4; ++k)
        p.push_back({{"key", keys[k]},
                     {"name", names[k]},
                     {"due_date", date_of(start + (due[k] + stretch) * day)}});
      return p;
    };
    auto target = [&](const char* metric, const std::string& label, double value,
                      long long due) {
      return nlohmann::json{{"metric", metric}, {"label", label}, {"value", value},
                            {"due_date", date_of(due)}};
    };
    long long end_t = campaign_start + 3 * 365 * day;

    struct Camp {
      long long id = 0;
      std::string name, level, region_code, region_path;
      long long parent = 0;
      int batch = 0;
      std::string description, start_date, end_date, definition;
      long long created_by = 0, created_at = 0;
      struct Reg {
        std::string code, path;
        long long quota;
        int batch;
      };
      std::vector<Reg> regions;
    };
    std::vector<Camp> camps;
    long long next_campaign = 1;

    // national
    Camp nat;
    nat.id = next_campaign++;
    nat.name = "百城千业万企对标达标提升专项行动";
    nat.level = "national";
    nat.region_code = "000000";
    nat.region_path = "/";
    nat.start_date = date_of(campaign_start);
    nat.end_date = date_of(end_t);
    nat.description = "国标委服务联〔2018〕4号（基准测试数据）：第一批30个、第二批50个、第三批20个城市。";
    nat.created_by = national_id;
    nat.created_at = campaign_start - 10 * day;
    {
      nlohmann::json batches = nlohmann::json::array();
      const char* bname[] = {"", "第一批", "第二批", "第三批"};
      for (int b = 1; b <= 3; ++b) {
        nlohmann::json codes = nlohmann::json::array();
        size_t count = 0;
        for (int c : order)
          if (city_batch[static_cast<size_t>(c)] == b) {
            codes.push_back(cities[static_cast<size_t>(c)].r.code);
            nat.regions.push_back({cities[static_cast<size_t>(c)].r.code,
                                   cities[static_cast<size_t>(c)].r.path, 0, b});
            ++count;
          }
        batches.push_back({{"batch", b},
                           {"name", std::string(bname[b]) + "（" + std::to_string(count) + "个城市）"},
                           {"start_date", date_of(batch_start[b])},
                           {"regions", codes}});
      }
      nlohmann::json targets = nlohmann::json::array();
      targets.push_back(target("conversion_rate", "装备制造业重点领域国际标准转化率", 90, end_t));
      targets.push_back(target("consistency", "主要消费品标准与国际标准一致性程度", 95, end_t));
      auto leaders = target("leaders", "企业标准“领跑者”", 1000, end_t);
      leaders["manual_actual"] = 120;
      targets.push_back(leaders);
      targets.push_back(target("industries", "标准化先导业态（行业）", 20, end_t));
      targets.push_back(target("enterprises", "开展对标达标的企业",
                               static_cast<double>(n_ent), end_t));
      targets.push_back(target("results_published", "发布对标达标结果",
                               static_cast<double>(n_ent), end_t));
      nlohmann::json industries = nlohmann::json::array();
      for (const auto& d : divisions) industries.push_back(d);
      nat.definition = nlohmann::json{{"industries", industries},
                                      {"batches", batches},
                                      {"phases", phases(campaign_start, 30)},
                                      {"targets", targets}}
                           .dump();
    }
    camps.push_back(nat);

    // provinces
    std::map<int, std::vector<int>> cities_of_province;
    for (size_t c = 0; c < nc; ++c) cities_of_province[cities[c].province].push_back(static_cast<int>(c));
    std::map<int, long long> province_campaign;
    const long long prov_start = campaign_start + 20 * day;
    for (auto& [p, list] : cities_of_province) {
      const Province& pr = provinces[static_cast<size_t>(p)];
      Camp c;
      c.id = next_campaign++;
      province_campaign[p] = c.id;
      c.name = pr.r.name + year + "年对标达标提升专项行动";
      c.level = "province";
      c.region_code = pr.r.code;
      c.region_path = pr.r.path;
      c.parent = nat.id;
      int b = 3;
      for (int ci : list) b = std::min(b, city_batch[static_cast<size_t>(ci)]);
      c.batch = b;
      c.start_date = date_of(prov_start);
      c.end_date = date_of(end_t);
      c.description = pr.r.name + "实施方案（基准测试数据）。";
      c.created_by = pr.regulator_id;
      c.created_at = prov_start - 5 * day;
      long long quota_total = 0;
      for (int ci : list) {
        long long n = static_cast<long long>(ents_of_city[static_cast<size_t>(ci)].size());
        long long q = std::llround(static_cast<double>(n) * (0.8 + 0.5 * cr.real()));
        quota_total += q;
        c.regions.push_back({cities[static_cast<size_t>(ci)].r.code,
                             cities[static_cast<size_t>(ci)].r.path, q, 0});
      }
      nlohmann::json industries = nlohmann::json::array();
      if (pr.r.code == "330000")
        for (const char* z : {"ZJ01", "ZJ02", "ZJ03", "ZJ04", "ZJ05", "ZJ06", "ZJ07", "ZJ08",
                              "ZJ09", "ZJ10", "ZJ11"})
          industries.push_back(z);
      for (size_t k = 0; k < divisions.size(); k += 2) industries.push_back(divisions[k]);
      nlohmann::json targets = nlohmann::json::array();
      targets.push_back(target("enterprises", "开展对标达标的企业",
                               static_cast<double>(std::max(1LL, quota_total)), end_t));
      targets.push_back(target("industries", "开展对标达标的行业", 20, end_t));
      targets.push_back(target("compliant_rate", "对标结果达标率", 80, end_t));
      targets.push_back(target("results_submitted", "上报对标结果",
                               static_cast<double>(std::max(1LL, 3 * quota_total)), end_t));
      auto manual = target("manual", "新增国家标准和行业标准", 500, end_t);
      manual["manual_actual"] = 126;
      targets.push_back(manual);
      c.definition = nlohmann::json{{"industries", industries},
                                    {"batches", nlohmann::json::array()},
                                    {"phases", phases(prov_start, 10)},
                                    {"targets", targets}}
                         .dump();
      camps.push_back(std::move(c));
    }

    // cities
    std::vector<long long> city_campaign(nc), city_start(nc), reserve(nc, 0);
    for (size_t ci = 0; ci < nc; ++ci) {
      const City& city = cities[ci];
      Camp c;
      c.id = next_campaign++;
      city_campaign[ci] = c.id;
      c.name = city.r.name + year + "年对标达标提升专项行动";
      c.level = "city";
      c.region_code = city.r.code;
      c.region_path = city.r.path;
      c.parent = province_campaign.at(city.province);
      c.batch = city_batch[ci];
      city_start[ci] = std::max(batch_start[c.batch], prov_start) + 10 * day;
      c.start_date = date_of(city_start[ci]);
      c.end_date = date_of(end_t);
      c.description = city.r.name + "实施方案：附件1 各区（县）市企业数、附件2 企业名单（基准测试数据）。";
      c.created_by = city.regulator_id;
      c.created_at = city_start[ci] - 3 * day;
      long long quota_total = 0;
      for (size_t k = 0; k < counties.size(); ++k) {
        if (counties[k].city != static_cast<int>(ci)) continue;
        int n = county_enterprises[k];
        long long q = n > 0 ? std::max(1LL, std::llround(n * (0.8 + 0.5 * cr.real()))) : 0;
        quota_total += q;
        c.regions.push_back({counties[k].r.code, counties[k].r.path, q, 0});
      }
      nlohmann::json industries = nlohmann::json::array();
      for (size_t k = ci % 3; k < divisions.size(); k += 3) industries.push_back(divisions[k]);
      nlohmann::json targets = nlohmann::json::array();
      targets.push_back(target("enterprises", "开展对标达标的企业",
                               static_cast<double>(std::max(1LL, quota_total)), end_t));
      targets.push_back(target("industries", "开展对标达标的行业", 15, end_t));
      targets.push_back(target("products", "开展对标的产品",
                               static_cast<double>(std::max(1LL, 3 * quota_total)), end_t));
      targets.push_back(target("plans", "使用的对标技术方案", 100, end_t));
      targets.push_back(target("results_published", "发布对标达标结果",
                               static_cast<double>(std::max(1LL, 2 * quota_total)), end_t));
      auto manual = target("manual", "制定推广实施市级团体标准", 10, end_t);
      manual["manual_actual"] = 3;
      targets.push_back(manual);
      c.definition = nlohmann::json{{"industries", industries},
                                    {"batches", nlohmann::json::array()},
                                    {"phases", phases(city_start[ci], 0)},
                                    {"targets", targets}}
                         .dump();
      camps.push_back(std::move(c));
      // the reserve: the city's last enterprise that is not a bench enterprise
      for (auto it = ents_of_city[ci].rbegin(); it != ents_of_city[ci].rend(); ++it)
        if (!ent_bench_[static_cast<size_t>(*it - 1)]) {
          reserve[ci] = *it;
          break;
        }
    }

    db.write([&](Tx& tx) {
      {
        Bulk b(tx, "campaigns",
               {"id", "name", "level", "region_code", "region_path", "parent_id", "year", "batch",
                "description", "start_date", "end_date", "review_top", "definition", "created_by",
                "created_at", "updated_at", "version"});
        for (const auto& c : camps) {
          b.i(c.id).s(c.name).s(c.level).s(c.region_code).s(c.region_path);
          if (c.parent)
            b.i(c.parent);
          else
            b.null();
          b.i(year_i)
              .i(c.batch)
              .s(c.description)
              .s(c.start_date)
              .s(c.end_date)
              .s("")
              .s(c.definition)
              .i(c.created_by)
              .i(c.created_at)
              .i(c.created_at)
              .i(1)
              .end();
        }
        counts.add("campaigns", b.finish());
      }
      {
        Bulk b(tx, "campaign_regions",
               {"campaign_id", "position", "region_code", "region_path", "quota", "batch"});
        for (const auto& c : camps) {
          int pos = 0;
          for (const auto& r : c.regions) b.i(c.id).i(++pos).s(r.code).s(r.path).i(r.quota).i(r.batch).end();
        }
        counts.add("campaign_regions", b.finish());
      }
    });
    progress("campaigns");

    // Members: per (campaign, city) 1–3 import days after the campaign's (or batch's) start.
    auto import_days = [&](long long start) {
      std::vector<long long> d;
      int k = 1 + cr.below(3);
      for (int j = 0; j < k; ++j) d.push_back(clamp_past(start + cr.range(0, 45) * day));
      return d;
    };
    struct ListRow {
      long long campaign, enterprise, at, by;
      int city;
    };
    std::vector<ListRow> listed;
    // In transactions of kMemberChunk rows: the triggers update the same few counter rows (the
    // campaign's own region, its provinces …) for every member, and PostgreSQL keeps every version
    // of a row updated again and again in one transaction, so one COPY of 100,000 members slows
    // down quadratically (it did not finish in 20 minutes). The API adds at most 500 at a time.
    constexpr size_t kMemberChunk = 2000;
    struct MemberRow {
      long long campaign, eid;
      int batch;
      long long by, at;
    };
    auto write_members = [&](const std::string& what, auto&& each_campaign) {
      std::vector<MemberRow> rows;
      each_campaign([&](long long campaign, long long eid, int batch, long long by,
                        long long at) {
        rows.push_back({campaign, eid, batch, by, at + cr.range(0, 9 * 3600)});
      });
      for (size_t start = 0; start < rows.size(); start += kMemberChunk) {
        db.write([&](Tx& tx) {
          Bulk b(tx, "campaign_members",
                 {"campaign_id", "enterprise_id", "region_code", "region_path", "industry_code",
                  "batch", "added_by", "added_at"});
          for (size_t k = start; k < std::min(rows.size(), start + kMemberChunk); ++k) {
            const auto& m = rows[k];
            const County& co =
                counties[static_cast<size_t>(ent_county_[static_cast<size_t>(m.eid - 1)])];
            b.i(m.campaign)
                .i(m.eid)
                .s(co.r.code)
                .s(co.r.path)
                .s(ent_division_[static_cast<size_t>(m.eid - 1)])
                .i(m.batch)
                .i(m.by)
                .i(m.at)
                .end();
          }
          counts.add("campaign_members", b.finish());
        });
      }
      progress("members: " + what);
    };
    write_members("national campaign", [&](auto&& add) {
      for (size_t ci = 0; ci < nc; ++ci) {
        auto days = import_days(batch_start[city_batch[ci]] + 5 * day);
        for (long long eid : ents_of_city[ci])
          add(nat.id, eid, city_batch[ci], national_id, days[static_cast<size_t>(cr.below(static_cast<int>(days.size())))]);
      }
    });
    write_members("province campaigns", [&](auto&& add) {
      for (size_t ci = 0; ci < nc; ++ci) {
        const Province& pr = provinces[static_cast<size_t>(cities[ci].province)];
        auto days = import_days(prov_start + 3 * day);
        for (long long eid : ents_of_city[ci])
          add(province_campaign.at(cities[ci].province), eid, 0, pr.regulator_id,
              days[static_cast<size_t>(cr.below(static_cast<int>(days.size())))]);
      }
    });
    write_members("city campaigns", [&](auto&& add) {
      for (size_t ci = 0; ci < nc; ++ci) {
        auto days = import_days(city_start[ci] + 2 * day);
        for (long long eid : ents_of_city[ci]) {
          if (eid == reserve[ci]) continue;
          long long at = days[static_cast<size_t>(cr.below(static_cast<int>(days.size())))];
          add(city_campaign[ci], eid, 0, cities[ci].regulator_id, at);
          if (cr.chance(0.2))
            listed.push_back({city_campaign[ci], eid, at, cities[ci].regulator_id, static_cast<int>(ci)});
        }
      }
    });

    // The 附件2 list rows of the city campaigns and their support requests.
    long long n_support = 0;
    std::map<std::string, long long> support_status;
    db.write([&](Tx& tx) {
      std::vector<std::pair<size_t, long long>> support;  // listed index, list row id
      {
        Bulk b(tx, "campaign_list_rows",
               {"id", "campaign_id", "seq", "enterprise_id", "region_path", "product_name",
                "executed_standards", "executed_numbers", "benchmark_standards",
                "benchmark_numbers", "plan_number", "support_needed", "created_by", "created_at"});
        std::map<long long, int> seq;
        long long id = 0;
        for (size_t k = 0; k < listed.size(); ++k) {
          const auto& l = listed[k];
          const Plan& p = plans[static_cast<size_t>(ent_plan_[static_cast<size_t>(l.enterprise - 1)])];
          bool has_plan = cr.chance(0.7);
          bool need = !has_plan && cr.chance(0.5);
          ++id;
          b.i(id)
              .i(l.campaign)
              .i(++seq[l.campaign])
              .i(l.enterprise)
              .s(ent_path_of(l.enterprise))
              .s(p.product)
              .s(p.domestic + " " + p.product)
              .s(p.domestic)
              .s(p.benchmark + " " + p.product)
              .s(p.benchmark)
              .s(has_plan ? p.number : "")
              .i(need ? 1 : 0)
              .i(l.by)
              .i(l.at)
              .end();
          if (need) support.emplace_back(k, id);
        }
        counts.add("campaign_list_rows", b.finish());
      }
      {
        Bulk b(tx, "support_requests",
               {"id", "campaign_id", "list_row_id", "enterprise_id", "region_path",
                "industry_code", "product_name", "executed_standards", "benchmark_standards",
                "status", "taken_by", "taken_by_name", "note", "created_at", "updated_at"});
        long long id = 0;
        for (const auto& [k, row_id] : support) {
          const auto& l = listed[k];
          const Plan& p = plans[static_cast<size_t>(ent_plan_[static_cast<size_t>(l.enterprise - 1)])];
          double x = cr.real();
          std::string status = x < 0.5 ? "open" : x < 0.8 ? "taken" : "done";
          support_status[status]++;
          long long updated = status == "open" ? l.at : clamp_past(l.at + cr.range(1, 30) * day);
          b.i(++id)
              .i(l.campaign)
              .i(row_id)
              .i(l.enterprise)
              .s(ent_path_of(l.enterprise))
              .s(ent_division_[static_cast<size_t>(l.enterprise - 1)])
              .s(p.product)
              .s(p.domestic + " " + p.product)
              .s(p.benchmark + " " + p.product)
              .s(status)
              .i(status == "open" ? 0 : tech_id)
              .s(status == "open" ? "" : "中国标准化研究院")
              .s(status == "done" ? "已提供技术方案编制指导，企业已据此制定方案" : "")
              .i(l.at)
              .i(updated)
              .end();
        }
        n_support = b.finish();
        counts.add("support_requests", n_support);
      }
    });
    progress("附件2 list rows and support requests");

    // What the bench needs: campaigns, their offices, the counties' regulators, the reserves.
    nlohmann::json jc = nlohmann::json::object();
    jc["national"] = {{"id", nat.id},
                      {"username", "national"},
                      {"members", static_cast<long long>(n_ent)}};
    nlohmann::json jp = nlohmann::json::array();
    for (auto& [p, list] : cities_of_province) {
      long long m = 0;
      for (int ci : list) m += static_cast<long long>(ents_of_city[static_cast<size_t>(ci)].size());
      const Province& pr = provinces[static_cast<size_t>(p)];
      jp.push_back({{"id", province_campaign.at(p)},
                    {"region_code", pr.r.code},
                    {"region_name", pr.r.name},
                    {"username", "prov_" + pr.r.code},
                    {"cities", list.size()},
                    {"members", m}});
    }
    jc["provinces"] = jp;
    nlohmann::json jci = nlohmann::json::array();
    for (size_t ci = 0; ci < nc; ++ci) {
      nlohmann::json jco = nlohmann::json::array();
      for (size_t k = 0; k < counties.size(); ++k)
        if (counties[k].city == static_cast<int>(ci) && county_enterprises[k] > 0)
          jco.push_back({{"region_code", counties[k].r.code},
                         {"username", "county_" + counties[k].r.code},
                         {"enterprises", county_enterprises[k]}});
      const City& city = cities[ci];
      jci.push_back({{"id", city_campaign[ci]},
                     {"region_code", city.r.code},
                     {"region_name", city.r.name},
                     {"username", "city_" + city.r.code},
                     {"province_campaign", province_campaign.at(city.province)},
                     {"batch", city_batch[ci]},
                     {"members", static_cast<long long>(ents_of_city[ci].size()) - (reserve[ci] ? 1 : 0)},
                     {"reserve_enterprise_id", reserve[ci]},
                     {"reserve_county", reserve[ci] ? counties[static_cast<size_t>(ent_county_[static_cast<size_t>(reserve[ci] - 1)])].r.code : ""},
                     {"counties", jco}});
    }
    jc["cities"] = jci;
    jc["support_requests"] = support_status;
    out["campaigns"] = jc;
    check_campaign_counters(nat.id, city_campaign.empty() ? 0 : city_campaign[0]);
  }

  const std::string& ent_path_of(long long eid) {
    return counties[static_cast<size_t>(ent_county_[static_cast<size_t>(eid - 1)])].r.path;
  }

  // The counters the schema keeps (migration 9's tables, where they exist) against the rows:
  // a generator that bypassed a trigger would show here. A schema without them is not an error.
  void check_campaign_counters(long long national, long long city) {
    std::string report;
    bool ok = true;
    try {
      db.read([&](Tx& tx) {
        for (long long c : {national, city}) {
          if (!c) continue;
          long long members = 0, counted = 0, results = 0, rcounted = 0;
          tx.sql << "SELECT COUNT(*) FROM campaign_members WHERE campaign_id = :c",
              soci::use(c), soci::into(members);
          // Counters are kept at every level of the region tree: the campaign's own region holds
          // all of its members.
          tx.sql << "SELECT COALESCE(SUM(n), 0) FROM campaign_member_counts WHERE campaign_id = :c "
                    "AND region_code = (SELECT region_code FROM campaigns WHERE id = :c2)",
              soci::use(c), soci::use(c), soci::into(counted);
          tx.sql << "SELECT COUNT(*) FROM campaign_members m JOIN results r ON r.enterprise_id = "
                    "m.enterprise_id WHERE m.campaign_id = :c",
              soci::use(c), soci::into(results);
          tx.sql << "SELECT COALESCE(SUM(n), 0) FROM campaign_result_counts WHERE campaign_id = :c "
                    "AND region_code = (SELECT region_code FROM campaigns WHERE id = :c2)",
              soci::use(c), soci::use(c), soci::into(rcounted);
          report += " campaign " + std::to_string(c) + ": members " + std::to_string(members) +
                    "/" + std::to_string(counted) + ", results " + std::to_string(results) + "/" +
                    std::to_string(rcounted) + ";";
          if (members != counted || results != rcounted) ok = false;
        }
      });
    } catch (const std::exception& e) {
      std::printf("campaign counters not checked (schema without migration 9's tables?): %s\n",
                  e.what());
      return;
    }
    std::printf("campaign counters (rows/counted):%s %s\n", report.c_str(), ok ? "ok" : "MISMATCH");
    if (!ok) throw std::runtime_error("campaign counters disagree with the rows");
  }

  void finish_database() {
    auto t = Clock::now();
    if (kind == DbKind::kPostgresql) {
      db.write([&](Tx& tx) {
        for (const char* table :
             {"users", "enterprises", "plans", "products", "results", "result_events",
              "campaigns", "campaign_list_rows", "support_requests"}) {
          std::string q = std::string("SELECT setval(pg_get_serial_sequence('") + table +
                          "', 'id'), COALESCE((SELECT MAX(id) FROM " + table + "), 0) + 1, false)";
          long long v = 0;
          tx.sql << q, soci::into(v);
        }
      });
      // What autovacuum would have done by the time a real deployment is read from.
      db.read([&](Tx& tx) { tx.sql << "VACUUM ANALYZE"; });
      std::printf("sequences set, VACUUM ANALYZE in %.1f s\n",
                  std::chrono::duration<double>(Clock::now() - t).count());
    } else {
      db.read([&](Tx& tx) { tx.sql << "PRAGMA wal_checkpoint(TRUNCATE)"; });
      std::printf("WAL checkpointed in %.1f s (no ANALYZE: the server does not run one either)\n",
                  std::chrono::duration<double>(Clock::now() - t).count());
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"dataset_gen — national-scale data set for bench/results_load"};
  std::string url, out_path;
  double scale = 1.0;
  long long enterprises = -1;
  int drafts = -1, plans = -1;
  uint64_t seed = 20261122;
  std::string password = "Bench2026pass";
  cli.add_option("--db", url, "sqlite:PATH or postgresql://USER@HOST:PORT/DB (must be empty)")
      ->required();
  cli.add_option("--out", out_path, "JSON file with the bench accounts and sample ids")->required();
  cli.add_option("--scale", scale, "Multiplies the national figures (0.05 for a quick run)")
      ->capture_default_str();
  cli.add_option("--enterprises", enterprises, "Enterprises (default 100000 × scale)");
  cli.add_option("--plans", plans, "Published plans (default 1000 × scale, at least 20)");
  cli.add_option("--drafts", drafts,
                 "Ready-to-submit drafts per bench enterprise (default 2000 × scale, at least 150 "
                 "where the plans allow)");
  cli.add_option("--seed", seed, "Random seed")->capture_default_str();
  cli.add_option("--password", password, "Password of every generated account")
      ->capture_default_str();
  CLI11_PARSE(cli, argc, argv);

  if (enterprises < 0) enterprises = std::llround(100000 * scale);
  if (plans < 0) plans = std::max(20, static_cast<int>(std::lround(1000 * scale)));
  if (drafts < 0)
    drafts = std::min(3 * plans - 3, std::max(150, static_cast<int>(std::lround(2000 * scale))));
  drafts = std::min(drafts, 3 * plans - 3);
  const int n_bench = 64, n_busy = 20, n_cities = 100;
  if (enterprises < n_bench) {
    std::cerr << "error: at least " << n_bench << " enterprises\n";
    return 2;
  }

  try {
    init_security();
    auto start = Clock::now();
    auto db = Database::open(url, 1);
    int version = migrate(*db);
    auto ref = load_reference_data(*db);
    long long existing = 0;
    db->read([&](Tx& tx) { tx.sql << "SELECT COUNT(*) FROM users", soci::into(existing); });
    if (existing > 0) {
      std::cerr << "error: the database already has " << existing
                << " users: dataset_gen needs an empty database\n";
      return 1;
    }
    if (db->kind() == DbKind::kSqlite) {
      db->read([&](Tx& tx) {
        tx.sql << "PRAGMA synchronous = OFF";  // bulk load only; the server sets FULL again
        tx.sql << "PRAGMA cache_size = -262144";
      });
    }
    std::printf(
        "schema version %d, %lld regions, %lld industries; %lld enterprises, %d plans, "
        "%d drafts per bench enterprise\n",
        version, ref.regions, ref.industries, enterprises, plans, drafts);

    Generator g(*db, seed);
    g.detect_schema();
    g.check_templates();
    g.password_hash = hash_password(password);  // one argon2id hash shared by every account
    g.load_regions(n_cities);
    g.write_staff();
    g.write_plans(plans);
    g.run(enterprises, drafts, n_bench, n_busy);
    g.write_campaigns(seed);
    double load_s = g.elapsed();
    g.finish_database();
    double total_s = std::chrono::duration<double>(Clock::now() - start).count();

    nlohmann::json& o = g.out;
    o["generated_at"] = format_time_utc(g.now);
    o["database"] = std::string(db->kind_name());
    o["scale"] = scale;
    o["seed"] = seed;
    o["password"] = password;
    o["counts"] = g.counts.per_table;
    o["counts"]["cities"] = g.cities.size();
    o["counts"]["counties"] = g.counties.size();
    o["rows"] = g.counts.rows;
    o["load_seconds"] = std::round(load_s * 10) / 10;
    o["total_seconds"] = std::round(total_s * 10) / 10;
    o["rows_per_second"] = std::llround(g.counts.rows / load_s);
    std::ofstream f(out_path);
    if (!f) throw std::runtime_error("cannot write " + out_path);
    f << o.dump(1) << "\n";
    std::printf("done: %lld rows in %.1f s (%.0f rows/s while loading), total %.1f s; wrote %s\n",
                g.counts.rows, load_s, g.counts.rows / load_s, total_s, out_path.c_str());
    for (auto& [t, n] : g.counts.per_table) std::printf("  %-16s %10lld\n", t.c_str(), n);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
