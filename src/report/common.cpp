#include "report/common.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace veille::report_detail {

std::string Context::severity_label(Severity s) const {
  return catalog.get("severity." + std::string(to_string(s)));
}

std::string Context::window_label(const std::string& name) const {
  const std::string key = "window." + name;
  return catalog.has(key) ? catalog.get(key) : name;
}

std::string Context::notice_text(const Notice& n) const {
  return localize_notice(catalog, n);
}

std::vector<const Finding*> Context::visible(const Result& result) const {
  std::vector<const Finding*> out;
  for (const auto& f : result.findings)
    if (!f.suppressed || options.show_suppressed) out.push_back(&f);
  return out;
}

Context make_context(const ReportOptions& options) {
  Context ctx{options,
              Catalog::load(options.locale_dir.empty() ? default_locale_dir() : options.locale_dir,
                            options.locale)};
  return ctx;
}

// format_local() goes through ICU for every call (~5 us), which dominated the jsonl writer. The
// UTC offset of a zone is constant within a quarter hour (every transition since 1970 falls on
// one), so it is looked up once per (zone, quarter hour) and the wall clock computed here; the
// output is byte-identical to format_local's. Before 1970, format_local is called directly.
std::string local_time(Instant t, std::string_view zone) {
  return format_report_time(t, zone);
}

}  // namespace veille::report_detail

namespace veille {

std::string format_report_time(Instant t, std::string_view zone) {
  using namespace std::chrono;
  if (zone.empty()) zone = "UTC";
  if (t.time_since_epoch().count() < 0) return format_local(t, zone);
  const long long bucket = duration_cast<minutes>(t.time_since_epoch()).count() / 15;
  struct Entry {
    std::string zone;
    long long bucket = -1;
    int offset = 0;
  };
  thread_local Entry cache[8];
  Entry& e = cache[static_cast<std::size_t>(bucket) % 8];
  if (e.bucket != bucket || e.zone != zone) {
    e.zone = std::string(zone);
    e.bucket = bucket;
    e.offset = to_local(t, zone).offset_minutes;
  }
  const auto local = floor<seconds>(t) + minutes{e.offset};
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  const int off = e.offset < 0 ? -e.offset : e.offset;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()), e.offset < 0 ? '-' : '+',
                off / 60, off % 60);
  return buf;
}

}  // namespace veille

namespace veille::report_detail {

std::string zone_of(const Finding& f, const Result& r) {
  if (!f.zone.empty()) return f.zone;
  return r.zone;
}

Position position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  Position p;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  p.column = code_points(text.substr(line_start, offset - line_start)) + 1;
  return p;
}

std::pair<std::size_t, std::size_t> line_bounds(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t start = offset;
  while (start > 0 && text[start - 1] != '\n') --start;
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return {start, end};
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string record_label(const Document& doc) {
  std::string src = doc.source.empty() ? "-" : doc.source;
  return doc.line == 0 ? src : src + "#" + doc.id;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

std::vector<std::string> cite_ids(const Finding& f) {
  std::vector<std::string> ids;
  for (const Law* law : f.cites)
    if (law) ids.push_back(law->id);
  return ids;
}

}  // namespace veille::report_detail
