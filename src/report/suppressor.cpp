// Suppressions: inline directives, an ignore file of fingerprints, a baseline report.
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "report/json_text.hpp"
#include "veille/report.hpp"

namespace veille {

namespace {

using report_detail::JsonValue;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t i = starts[k]; i < starts[k] + lens[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  std::chrono::year_month_day d{std::chrono::year{v[0]},
                                std::chrono::month{static_cast<unsigned>(v[1])},
                                std::chrono::day{static_cast<unsigned>(v[2])}};
  if (!d.ok()) return std::nullopt;
  return d;
}

bool is_hex(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

void collect_fingerprints(const JsonValue& v, std::vector<std::string>& out) {
  for (const auto& [key, member] : v.members) {
    if ((key == "fingerprint" || key == "veille/v1") && member.kind == JsonValue::Kind::string &&
        !member.text.empty())
      out.push_back(lower(member.text));
    else
      collect_fingerprints(member, out);
  }
  for (const auto& item : v.items) collect_fingerprints(item, out);
}

bool matches(const InlineSuppression& s, const Finding& f) {
  if (s.rule == "*" || s.rule == f.rule) return true;
  for (const Law* law : f.cites)
    if (law && law->id == s.rule) return true;
  return false;
}

}  // namespace

Suppressor::Suppressor()
    : today_(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())) {}

Suppressor::Suppressor(std::chrono::year_month_day today) : today_(today) {}

void Suppressor::load_ignore_file(const std::string& path) {
  std::istringstream in(read_file(path));
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = path + ":" + std::to_string(number);
    std::istringstream fields(line);
    std::string fp;
    if (!(fields >> fp) || fp[0] == '#') continue;
    if (!is_hex(fp))
      throw std::runtime_error(where + ": expected a hexadecimal fingerprint, got \"" + fp + "\"");
    std::string rest;
    std::getline(fields, rest);
    const auto b = rest.find_first_not_of(" \t");
    rest = b == std::string::npos ? "" : rest.substr(b);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r'))
      rest.pop_back();
    Entry e{lower(fp), "", "", where};
    if (rest.size() >= 10 && (rest.size() == 10 || rest[10] == ' ' || rest[10] == '\t') &&
        rest[4] == '-' && rest[7] == '-') {
      const auto date = parse_date(std::string_view(rest).substr(0, 10));
      if (!date)
        throw std::runtime_error(where + ": invalid expiry date \"" + rest.substr(0, 10) +
                                 "\" (expected YYYY-MM-DD)");
      e.expires = rest.substr(0, 10);
      const auto r = rest.find_first_not_of(" \t", 10);
      rest = r == std::string::npos ? "" : rest.substr(r);
      if (*date < today_) {
        warnings_.push_back(where + ": suppression of " + e.fingerprint + " expired on " +
                            e.expires + "; the finding is reported again");
        continue;
      }
    }
    if (rest.empty()) throw std::runtime_error(where + ": fingerprint " + fp + " has no reason");
    e.reason = rest;
    ignored_[e.fingerprint] = std::move(e);
  }
}

void Suppressor::load_baseline(const std::string& path) {
  const std::string text = read_file(path);
  std::vector<std::string> fps;
  bool whole = false;
  try {
    collect_fingerprints(report_detail::parse_json(text), fps);
    whole = true;
  } catch (const report_detail::JsonError&) {
    fps.clear();
  }
  if (!whole) {  // JSON lines
    std::size_t start = 0;
    int number = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      ++number;
      const std::string_view line = std::string_view(text).substr(start, end - start);
      start = end + 1;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      try {
        collect_fingerprints(report_detail::parse_json(line), fps);
      } catch (const report_detail::JsonError& e) {
        throw std::runtime_error(path + ":" + std::to_string(number) +
                                 ": not a json or jsonl report: " + e.what());
      }
    }
  }
  for (auto& fp : fps) baseline_.emplace(std::move(fp), path);
}

void Suppressor::apply(const Document& doc, Result& result) const {
  std::vector<InlineSuppression> found;
  const std::vector<InlineSuppression>* inline_list = &doc.suppressions;
  if (doc.suppressions.empty() && doc.text.find("veille-ignore") != std::string::npos) {
    found = find_inline_suppressions(doc.text);
    inline_list = &found;
  }
  for (auto& f : result.findings) {
    if (f.suppressed) continue;
    for (const auto& s : *inline_list)
      if (matches(s, f)) {
        f.suppressed = true;
        f.suppression = "inline: " + s.reason;
        break;
      }
    if (f.suppressed || f.fingerprint.empty()) continue;
    const std::string fp = lower(f.fingerprint);
    if (auto it = ignored_.find(fp); it != ignored_.end()) {
      f.suppressed = true;
      f.suppression = "ignore-file: " + it->second.reason;
    } else if (baseline_.count(fp)) {
      f.suppressed = true;
      f.suppression = "baseline";
    }
  }
}

}  // namespace veille
