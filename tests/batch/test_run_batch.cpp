// run_batch with a real Checker (no rule pack: the machinery must not depend on the French
// rules): order, one result per record, error records, shards, summary.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "veille/batch.hpp"

using namespace veille;

namespace {

class VectorReader : public Reader {
 public:
  explicit VectorReader(std::vector<Document> docs) : docs_(std::move(docs)) {}
  bool next(Document& doc) override {
    if (i_ == docs_.size()) return false;
    doc = docs_[i_++];
    return true;
  }
  std::uint64_t bytes_read() const override { return i_ * 10; }
  std::uint64_t bytes_total() const override { return docs_.size() * 10; }

 private:
  std::vector<Document> docs_;
  std::size_t i_ = 0;
};

class CaptureWriter : public Writer {
 public:
  void begin(const RunInfo&) override {}
  void write(const Document& doc, const Result& result) override {
    ids.push_back(doc.id);
    statuses.push_back(result.status);
    errors.push_back(result.error);
  }
  void end(const Summary& s) override {
    summary = s;
    ended = true;
  }
  std::vector<std::string> ids, errors;
  std::vector<Result::Status> statuses;
  Summary summary;
  bool ended = false;
};

std::vector<Document> make_docs(std::size_t n) {
  std::vector<Document> docs;
  for (std::size_t i = 0; i < n; ++i) {
    Document d;
    d.id = "d" + std::to_string(i);
    d.ordinal = i;
    d.line = i + 1;
    d.source = "mem.jsonl";
    d.text = "Bonne journée à tous, message numéro " + std::to_string(i);
    d.meta.published_at = "2022-03-01T10:00:00+01:00";
    if (i % 100 == 7) {
      d.text.clear();
      d.error = "mem.jsonl:" + std::to_string(i + 1) + ": invalid JSON";
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

const Checker& checker() {
  static const Checker c = [] {
    CheckerOptions o;
    o.builtin_rules = false;
    return Checker(o);
  }();
  return c;
}

}  // namespace

TEST_CASE("run_batch: one result per record, in order, reader errors kept, summary counted") {
  VectorReader reader(make_docs(3000));
  CaptureWriter writer;
  BatchOptions opt;
  opt.jobs = 2;
  opt.progress = "never";
  Summary s = run_batch(checker(), reader, writer, opt);
  REQUIRE(writer.ids.size() == 3000);
  for (std::size_t i = 0; i < 3000; ++i) {
    REQUIRE(writer.ids[i] == "d" + std::to_string(i));
    if (i % 100 == 7) {
      CHECK(writer.statuses[i] == Result::Status::error);
      CHECK(writer.errors[i] == "mem.jsonl:" + std::to_string(i + 1) + ": invalid JSON");
    } else {
      CHECK(writer.statuses[i] == Result::Status::ok);
    }
  }
  CHECK(writer.ended);
  CHECK(s.records == 3000);
  CHECK(s.errors == 30);
  CHECK(s.findings == 0);
  CHECK(s.bytes == 30000);  // the reader's input bytes
  CHECK(writer.summary.records == 3000);
}

TEST_CASE("run_batch: --shard K/N keeps the records whose id hashes to K, all shards cover all") {
  std::vector<std::string> all;
  for (unsigned k = 1; k <= 3; ++k) {
    VectorReader reader(make_docs(900));
    CaptureWriter writer;
    BatchOptions opt;
    opt.jobs = 2;
    opt.progress = "never";
    opt.shard_index = k;
    opt.shard_count = 3;
    Summary s = run_batch(checker(), reader, writer, opt);
    CHECK(s.records == writer.ids.size());
    CHECK(writer.ids.size() > 200);
    for (const auto& id : writer.ids) {
      CHECK(in_shard(id, k, 3));
      all.push_back(id);
    }
  }
  std::sort(all.begin(), all.end());
  CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
  CHECK(all.size() == 900);
}
