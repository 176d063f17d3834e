// The per-process cache of campaign answers (service/epoch_cache.h): one computation per key even
// when many ask at once, failures not kept, bounded, keys that free text cannot forge.
#include "service/epoch_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace duibiao {
namespace {

using Answer = CachedAnswer<int>;

TEST(EpochCache, KeepsTheFirstComputationAndRendersOnce) {
  EpochCache<Answer> cache(8);
  int computed = 0;
  auto make = [&] {
    ++computed;
    return std::make_shared<const Answer>(41 + computed);
  };
  auto a = cache.get("k", make);
  auto b = cache.get("k", make);
  EXPECT_EQ(computed, 1);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(a->value, 42);
  int rendered = 0;
  auto render = [&](int v) {
    ++rendered;
    return std::to_string(v);
  };
  EXPECT_EQ(a->rendered(render), "42");
  EXPECT_EQ(b->rendered(render), "42");
  EXPECT_EQ(rendered, 1);
  auto c = cache.get("other", make);
  EXPECT_EQ(c->value, 43) << "another key is computed on its own";
}

TEST(EpochCache, ConcurrentMissesOfOneKeyComputeOnce) {
  EpochCache<Answer> cache(8);
  std::atomic<int> computed{0};
  std::vector<std::thread> threads;
  std::vector<int> seen(16, 0);
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&, i] {
      auto v = cache.get("k", [&] {
        ++computed;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return std::make_shared<const Answer>(7);
      });
      seen[i] = v->value;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(computed.load(), 1);
  for (int v : seen) EXPECT_EQ(v, 7);
}

TEST(EpochCache, FailuresAreNotKept) {
  EpochCache<Answer> cache(8);
  EXPECT_EQ(cache.get("k", [] { return std::shared_ptr<const Answer>(); }), nullptr);
  EXPECT_THROW(
      cache.get("k", []() -> std::shared_ptr<const Answer> { throw std::runtime_error("db"); }),
      std::runtime_error);
  EXPECT_EQ(cache.size(), 0u);
  auto v = cache.get("k", [] { return std::make_shared<const Answer>(3); });
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->value, 3) << "computed anew after a failure";
}

TEST(EpochCache, WaitersOfAFailedComputationComputeOnTheirOwn) {
  EpochCache<Answer> cache(8);
  std::atomic<bool> leader_started{false};
  std::thread leader([&] {
    EXPECT_EQ(cache.get("k",
                        [&] {
                          leader_started = true;
                          std::this_thread::sleep_for(std::chrono::milliseconds(50));
                          return std::shared_ptr<const Answer>();
                        }),
              nullptr);
  });
  while (!leader_started) std::this_thread::yield();
  auto v = cache.get("k", [] { return std::make_shared<const Answer>(5); });
  leader.join();
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->value, 5);
}

TEST(EpochCache, BoundedByDroppingEverythingWhenFull) {
  EpochCache<Answer> cache(4);
  for (int i = 0; i < 10; ++i)
    cache.get("k" + std::to_string(i), [&] { return std::make_shared<const Answer>(i); });
  EXPECT_LE(cache.size(), 4u);
  EXPECT_GE(cache.size(), 1u);
}

TEST(CacheKey, FieldsCannotBeForgedByFreeText) {
  EXPECT_NE(CacheKey().add("a|b").add("c").str(), CacheKey().add("a").add("b|c").str());
  EXPECT_NE(CacheKey().add("1:a").add("").str(), CacheKey().add("").add("1:a").str());
  EXPECT_NE(CacheKey().add(12).add(3).str(), CacheKey().add(1).add(23).str());
  EXPECT_EQ(CacheKey().add(7).add("x").str(), CacheKey().add("7").add("x").str());
}

}  // namespace
}  // namespace duibiao
