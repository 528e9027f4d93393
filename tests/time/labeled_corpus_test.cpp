// The labeled corpus (corpora/labeled/*.jsonl) assumes the windows of helper-labeling.md: every
// record that expects a time-bound citation must fall inside the window that citation needs.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "helpers.hpp"

using namespace veille;

namespace {

// Value of a top-level string field in one JSON-lines record of the corpus (regular, generated
// format; escaped quotes inside "text" can never match `"key": "`).
std::string field(const std::string& line, const std::string& key) {
  const std::string needle = "\"" + key + "\": \"";
  const auto at = line.find(needle);
  if (at == std::string::npos) return {};
  const auto start = at + needle.size();
  return line.substr(start, line.find('"', start) - start);
}

std::vector<std::string> expect_list(const std::string& line) {
  const std::string needle = "\"expect\": [";
  const auto at = line.find(needle);
  std::vector<std::string> out;
  if (at == std::string::npos) return out;
  const auto end = line.find(']', at);
  std::size_t pos = at + needle.size();
  while (true) {
    const auto q1 = line.find('"', pos);
    if (q1 == std::string::npos || q1 > end) break;
    const auto q2 = line.find('"', q1 + 1);
    out.push_back(line.substr(q1 + 1, q2 - q1 - 1));
    pos = q2 + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("the labeled corpus agrees with the computed windows") {
  const std::map<std::string, std::set<std::string>> needs = {
      {"fr:code-electoral:L52-2", {"results-embargo"}},
      {"fr:loi-77-808:art-11", {"poll-blackout"}},
      {"fr:code-electoral:L49", {"silence"}},
      {"fr:code-electoral:L48-2", {"late-campaign"}},
      {"fr:code-electoral:L50-1", {"free-number-ban"}},
      {"fr:code-electoral:L52-1", {"paid-advertising-ban", "institutional-promotion-ban"}},
      {"fr:code-electoral:L163-2", {"false-news-injunction"}},
  };
  const Calendar& cal = veille::test::builtin_calendar();
  const auto dir = std::filesystem::path(veille::test::source_dir()) / "corpora" / "labeled";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) SUCCEED("no labeled corpus in this tree");
  int records = 0, checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      const std::string when = field(line, "published_at");
      if (when.empty()) continue;
      std::string code = field(line, "territory");
      if (code.empty()) code = "FR";
      INFO(entry.path().filename().string()
           << " " << field(line, "id") << " at " << when << " in " << code);
      const Territory* t = find_territory(code);
      REQUIRE(t != nullptr);
      std::string err;
      const auto parsed = parse_timestamp(when, *t, &err);
      INFO(err);
      REQUIRE(parsed.has_value());
      ++records;
      std::set<std::string> active;
      for (const auto& w : cal.active_at(parsed->at, *t)) active.insert(w.name);
      for (const auto& cite : expect_list(line)) {
        const auto need = needs.find(cite);
        if (need == needs.end()) continue;
        INFO(cite);
        bool inside = false;
        for (const auto& name : need->second) inside = inside || active.count(name) > 0;
        CHECK(inside);
        ++checked;
      }
    }
  }
  INFO(records << " records, " << checked << " time-bound expectations");
  CHECK(records >= 0);
}
