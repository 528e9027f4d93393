// The ordered pipeline with a fake check function: order, no loss, bounded memory, failures.
#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "veille/batch.hpp"

using namespace veille;

namespace {

// A reader of N synthetic documents.
struct Source {
  std::uint64_t n;
  std::uint64_t produced = 0;
  bool operator()(Document& d) {
    if (produced == n) return false;
    d = Document{};
    d.ordinal = produced;
    d.id = "r" + std::to_string(produced);
    d.text = std::string(produced % 13, 'x');
    ++produced;
    return true;
  }
};

// Uneven work so that chunks finish out of order.
Result slow_echo(const Document& d) {
  volatile std::uint64_t spin = (d.ordinal * 2654435761u) % 2000;
  while (spin > 0) spin = spin - 1;
  Result r;
  r.lang = d.id;
  return r;
}

}  // namespace

TEST_CASE("pipeline: every record comes out once, in input order, whatever the jobs") {
  for (unsigned jobs : {1u, 2u, 4u}) {
    INFO("jobs " << jobs);
    Source src{50000};
    std::uint64_t expect = 0;
    bool in_order = true;
    PipelineOptions opt;
    opt.jobs = jobs;
    opt.chunk_docs = 7;  // many small chunks: lots of reordering
    auto stats = run_pipeline(
        std::ref(src), slow_echo,
        [&](Document& d, Result& r) {
          if (d.ordinal != expect || r.lang != d.id) in_order = false;
          ++expect;
        },
        nullptr, opt);
    CHECK(in_order);
    CHECK(expect == 50000);
    CHECK(stats.records == 50000);
    CHECK(stats.chunks == (50000 + 6) / 7);
    CHECK(stats.max_in_flight <= 4 * jobs + 4);
  }
}

TEST_CASE("pipeline: memory is bounded: the reader never runs far ahead of the writer") {
  Source src{20000};
  std::uint64_t emitted = 0, max_ahead = 0;
  PipelineOptions opt;
  opt.jobs = 2;
  opt.chunk_docs = 10;
  opt.max_chunks = 3;
  auto stats = run_pipeline(
      std::ref(src), slow_echo,
      [&](Document&, Result&) {
        ++emitted;
        max_ahead = std::max(max_ahead, src.produced - emitted);
        if (emitted % 100 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
      },
      nullptr, opt);
  CHECK(emitted == 20000);
  CHECK(stats.max_in_flight <= 3);
  // In flight: 3 chunks, plus the one the reader is filling.
  CHECK(max_ahead <= (3 + 1) * 10);
}

TEST_CASE("pipeline: chunks also close on bytes, so one huge record stays alone") {
  std::uint64_t i = 0;
  auto next = [&](Document& d) {
    if (i == 10) return false;
    d = Document{};
    d.ordinal = i;
    d.text = std::string(i == 3 ? 5000 : 10, 'y');
    ++i;
    return true;
  };
  PipelineOptions opt;
  opt.jobs = 1;
  opt.chunk_docs = 100;
  opt.chunk_bytes = 3000;
  std::uint64_t n = 0;
  auto stats = run_pipeline(
      next, slow_echo, [&](Document&, Result&) { ++n; }, nullptr, opt);
  CHECK(n == 10);
  CHECK(stats.chunks == 2);  // 0..3 (closed by the big one), then 4..9
}

TEST_CASE("pipeline: an exception in the check of one record becomes that record's error") {
  Source src{1000};
  std::vector<Result> out;
  PipelineOptions opt;
  opt.jobs = 2;
  opt.chunk_docs = 16;
  run_pipeline(
      std::ref(src),
      [](const Document& d) -> Result {
        if (d.ordinal % 100 == 42) throw std::runtime_error("boom on " + d.id);
        if (d.ordinal == 999) throw 7;
        return Result{};
      },
      [&](Document&, Result& r) { out.push_back(std::move(r)); }, nullptr, opt);
  REQUIRE(out.size() == 1000);
  std::size_t errors = 0;
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i].status == Result::Status::error) {
      ++errors;
      if (i == 999)
        CHECK_THAT(out[i].error, Catch::StartsWith("internal error: unknown exception"));
      else
        CHECK_THAT(out[i].error,
                   Catch::StartsWith("internal error: boom on r" + std::to_string(i)));
    }
  CHECK(errors == 11);
}

TEST_CASE("pipeline: a failing writer or reader stops the run cleanly and is rethrown") {
  PipelineOptions opt;
  opt.jobs = 2;
  opt.chunk_docs = 4;
  {
    Source src{100000};
    std::uint64_t n = 0;
    CHECK_THROWS_WITH(run_pipeline(
                          std::ref(src), slow_echo,
                          [&](Document&, Result&) {
                            if (++n == 500) throw std::runtime_error("broken pipe");
                          },
                          nullptr, opt),
                      "broken pipe");
    CHECK(src.produced < 100000);  // the reader stopped early
  }
  {
    std::uint64_t i = 0;
    auto next = [&](Document& d) {
      if (i == 300) throw std::invalid_argument("bad input format");
      d = Document{};
      d.ordinal = i++;
      return true;
    };
    CHECK_THROWS_WITH(run_pipeline(
                          next, slow_echo, [](Document&, Result&) {}, nullptr, opt),
                      "bad input format");
  }
}

TEST_CASE("pipeline: empty input and the tick callback") {
  std::atomic<int> ticks{0};
  PipelineOptions opt;
  opt.jobs = 3;
  opt.tick_seconds = 0.001;
  auto stats =
      run_pipeline([](Document&) { return false; }, slow_echo,
                   [](Document&, Result&) { FAIL("no record expected"); }, [&] { ++ticks; }, opt);
  CHECK(stats.records == 0);
  Source src{2000};
  run_pipeline(
      std::ref(src), slow_echo, [](Document&, Result&) {}, [&] { ++ticks; }, opt);
  CHECK(ticks > 0);
}

TEST_CASE("shard: FNV-1a 64 is the standard one and shards partition the ids") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ull);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cull);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ull);
  for (unsigned n : {1u, 2u, 3u, 7u}) {
    std::vector<std::uint64_t> per(n, 0);
    for (int i = 0; i < 10000; ++i) {
      std::string id = "post-" + std::to_string(i);
      int owners = 0;
      for (unsigned k = 1; k <= n; ++k)
        if (in_shard(id, k, n)) {
          ++owners;
          ++per[k - 1];
        }
      REQUIRE(owners == 1);
    }
    for (auto c : per) CHECK(c > 10000 / n * 8 / 10);  // roughly even
  }
  CHECK(in_shard("anything", 0, 0));  // no sharding
}

TEST_CASE("pipeline: the window is bounded in bytes too, so huge records do not pile up") {
  std::uint64_t i = 0;
  auto next = [&](Document& d) {
    if (i == 20) return false;
    d = Document{};
    d.ordinal = i++;
    d.text = std::string(1u << 20, 'z');  // 1 MiB each
    return true;
  };
  PipelineOptions opt;
  opt.jobs = 2;
  opt.chunk_bytes = 512u << 10;  // one record per chunk
  opt.max_bytes = 3u << 20;      // at most 3 records in flight (4 chunks otherwise allowed: 12)
  std::uint64_t n = 0;
  auto stats = run_pipeline(
      next, slow_echo, [&](Document&, Result&) { ++n; }, nullptr, opt);
  CHECK(n == 20);
  CHECK(stats.chunks == 20);
  CHECK(stats.max_in_flight <= 2);  // two fit (2 MiB + 512 bytes), a third does not
  opt.max_bytes = 1;                // smaller than any record: one chunk at a time still flows
  i = 0;
  n = 0;
  stats = run_pipeline(
      next, slow_echo, [&](Document&, Result&) { ++n; }, nullptr, opt);
  CHECK(n == 20);
  CHECK(stats.max_in_flight == 1);
}

TEST_CASE("pipeline: the render step runs on the workers, its text reaches emit in order") {
  for (unsigned jobs : {1u, 3u}) {
    INFO("jobs " << jobs);
    Source src{20000};
    std::uint64_t expect = 0;
    bool in_order = true;
    std::atomic<bool> rendered_on_caller{false};
    const auto caller = std::this_thread::get_id();
    PipelineOptions opt;
    opt.jobs = jobs;
    opt.chunk_docs = 5;
    auto stats = run_pipeline(
        std::ref(src), slow_echo,
        [&](const Document& d, const Result& r) {
          if (std::this_thread::get_id() == caller) rendered_on_caller = true;
          return d.id + "|" + r.lang + "\n";
        },
        [&](Document& d, Result&, std::string& text) {
          if (text != d.id + "|" + d.id + "\n" || d.ordinal != expect) in_order = false;
          ++expect;
        },
        nullptr, opt);
    CHECK(in_order);
    CHECK(expect == 20000);
    CHECK(stats.records == 20000);
    CHECK_FALSE(rendered_on_caller.load());
  }
}

TEST_CASE("pipeline: a render that throws turns that record into an error, rendered, not lost") {
  Source src{100};
  std::vector<std::string> texts;
  std::vector<bool> errors;
  PipelineOptions opt;
  opt.jobs = 2;
  opt.chunk_docs = 8;
  run_pipeline(
      std::ref(src), slow_echo,
      [](const Document& d, const Result& r) -> std::string {
        if (d.ordinal == 42 && r.status != Result::Status::error)
          throw std::runtime_error("cannot format");
        return r.status == Result::Status::error ? "error:" + r.error : "ok:" + d.id;
      },
      [&](Document&, Result& r, std::string& text) {
        texts.push_back(text);
        errors.push_back(r.status == Result::Status::error);
      },
      nullptr, opt);
  REQUIRE(texts.size() == 100);
  CHECK(texts[41] == "ok:r41");
  CHECK(errors[42]);
  CHECK(texts[42] == "error:internal error: cannot format (:0, id r42)");
  CHECK(texts[43] == "ok:r43");
}
