// Localized strings: <dir>/<locale>.locale files of `key = value` lines.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "veille/build_config.hpp"
#include "veille/report.hpp"

namespace veille {

namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// Values may hold \n (newline), \t and \\; a value may keep leading/trailing spaces by
// quoting it ("...").
std::string unescape(std::string_view v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      const char n = v[++i];
      out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
    } else {
      out += v[i];
    }
  }
  return out;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

std::map<std::string, std::string, std::less<>> Catalog::parse_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read locale file " + path);
  std::map<std::string, std::string, std::less<>> entries;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    const auto eq = t.find('=');
    if (eq == std::string::npos)
      throw std::runtime_error(path + ":" + std::to_string(number) +
                               ": expected `key = value`, got \"" + t + "\"");
    const std::string key = trim(std::string_view(t).substr(0, eq));
    if (key.empty()) throw std::runtime_error(path + ":" + std::to_string(number) + ": empty key");
    if (!entries.emplace(key, unescape(trim(std::string_view(t).substr(eq + 1)))).second)
      throw std::runtime_error(path + ":" + std::to_string(number) + ": duplicate key \"" + key +
                               "\"");
  }
  return entries;
}

Catalog Catalog::load(const std::string& dir, const std::string& locale) {
  if (locale != "fr" && locale != "en")
    throw std::invalid_argument("unknown locale \"" + locale + "\" (expected fr or en)");
  Catalog c;
  c.locale_ = locale;
  c.entries_ = parse_file(dir + "/" + locale + ".locale");
  if (locale != "en") c.fallback_ = parse_file(dir + "/en.locale");
  return c;
}

bool Catalog::has(std::string_view key) const {
  return entries_.find(key) != entries_.end() || fallback_.find(key) != fallback_.end();
}

std::string Catalog::get(std::string_view key) const {
  if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  if (auto it = fallback_.find(key); it != fallback_.end()) return it->second;
  return std::string(key);
}

std::string Catalog::format(std::string_view key,
                            const std::map<std::string, std::string>& params) const {
  return fill_placeholders(get(key), params);
}

std::string fill_placeholders(std::string_view text,
                              const std::map<std::string, std::string>& params) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      const auto close = text.find('}', i + 1);
      if (close != std::string_view::npos) {
        auto it = params.find(std::string(text.substr(i + 1, close - i - 1)));
        if (it != params.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

std::string localize_notice(const Catalog& catalog, const Notice& notice) {
  const std::string key = "notice." + notice.code;
  if (!notice.code.empty() && catalog.has(key)) return catalog.format(key, notice.params);
  return fill_placeholders(notice.message, notice.params);
}

std::string default_locale() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const std::string v = env(name);
    if (v.empty()) continue;
    return v.rfind("en", 0) == 0 ? "en" : "fr";
  }
  return "fr";
}

std::string default_locale_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const std::string data = env("VEILLE_DATA_DIR"); !data.empty()) {
    if (fs::is_directory(data + "/locales", ec)) return data + "/locales";
  }
  return std::string(VEILLE_SOURCE_DATA_DIR) + "/locales";
}

}  // namespace veille
