// csv: RFC 4180 (CRLF, quoted fields), a header row, one row per shown finding and one per
// record in error.
#include <ostream>

#include "report/writers.hpp"

namespace veille::report_detail {

namespace {

// Quoted when it holds a comma, quote, CR or LF or starts/ends with a space.
std::string csv_field(std::string_view v) {
  bool quote = v.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!v.empty() && (v.front() == ' ' || v.back() == ' '));
  if (!quote) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Text copied from publications: a leading = + - @ tab or CR would start a spreadsheet formula.
std::string content_field(std::string v) {
  if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos)
    v.insert(v.begin(), '\'');
  return v;
}

constexpr const char* kColumns[] = {
    "status",          "source",       "id",          "record_line", "line",        "column",
    "start",           "end",          "utf16_start", "utf16_end",   "rule",        "severity",
    "cites",           "titles",       "urls",        "penalties",   "message",     "matched",
    "excerpt",         "election",     "round",       "window",      "window_from", "window_until",
    "lawful_from",     "published_at", "fingerprint", "suppressed",  "suppression", "rules_version",
    "calendar_version"};
constexpr std::size_t kColumnCount = sizeof kColumns / sizeof kColumns[0];

class CsvWriter final : public Writer {
 public:
  CsvWriter(Context ctx, std::ostream& out) : ctx_(std::move(ctx)), out_(out) {}

  void begin(const RunInfo& info) override {
    info_ = info;
    std::vector<std::string> header(std::begin(kColumns), std::end(kColumns));
    row(header);
  }

  void write(const Document& doc, const Result& result) override {
    if (result.status == Result::Status::error) {
      std::vector<std::string> r(kColumnCount);
      r[0] = "error";
      r[1] = doc.source;
      r[2] = doc.id;
      r[3] = std::to_string(doc.line);
      r[16] = content_field(ctx_.shown(result.error));
      r[29] = info_.rules_version;
      r[30] = info_.calendar_version;
      row(r);
      return;
    }
    for (const Finding* fp : ctx_.visible(result)) {
      const Finding& f = *fp;
      const std::string zone = zone_of(f, result);
      std::vector<std::string> ids, titles, urls, penalties;
      for (const Law* law : f.cites) {
        if (!law) continue;
        ids.push_back(law->id);
        titles.push_back(law->title);
        urls.push_back(law->url);
        penalties.push_back(ctx_.catalog.locale() == "en" && !law->penalty_en.empty()
                                ? law->penalty_en
                                : law->penalty);
      }
      std::vector<std::string> r = {
          "ok",
          doc.source,
          doc.id,
          std::to_string(doc.line),
          std::to_string(f.line),
          std::to_string(f.column),
          std::to_string(f.start),
          std::to_string(f.end),
          std::to_string(f.utf16_start),
          std::to_string(f.utf16_end),
          f.rule,
          std::string(to_string(f.severity)),
          join(ids, " "),
          join(titles, " | "),
          join(urls, " | "),
          join(penalties, " | "),
          content_field(ctx_.shown(f.message)),
          content_field(ctx_.shown(f.matched)),
          content_field(ctx_.shown(f.excerpt)),
          f.window ? f.window->election : "",
          f.window ? std::to_string(f.window->round) : "",
          f.window ? f.window->name : "",
          f.window ? local_time(f.window->from, zone) : "",
          f.window ? local_time(f.window->until, zone) : "",
          f.lawful_from ? local_time(*f.lawful_from, zone) : "",
          result.published_at ? local_time(*result.published_at, result.zone) : "",
          f.fingerprint,
          f.suppressed ? "true" : "false",
          f.suppression,
          info_.rules_version,
          info_.calendar_version};
      row(r);
    }
  }

  void end(const Summary&) override { out_.flush(); }

 private:
  void row(const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) out_ << (i ? "," : "") << csv_field(fields[i]);
    out_ << "\r\n";
  }

  Context ctx_;
  std::ostream& out_;
  RunInfo info_;
};

}  // namespace

std::unique_ptr<Writer> make_csv_writer(Context ctx, std::ostream& out) {
  return std::make_unique<CsvWriter>(std::move(ctx), out);
}

}  // namespace veille::report_detail
