// text: compiler-style lines, the source line with the span underlined, a closing summary.
#include <algorithm>
#include <ostream>

#include "report/law_registry.hpp"
#include "report/writers.hpp"

namespace veille::report_detail {

namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kCaret = "\x1b[1;32m";
constexpr const char* kDim = "\x1b[2m";

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::violation:
      return "\x1b[1;31m";
    case Severity::risk:
      return "\x1b[1;33m";
    case Severity::notice:
      return "\x1b[1;36m";
  }
  return "";
}

// Compiler-style lines stay one line: newlines and tabs in a message become spaces.
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return text;
}

class TextWriter final : public Writer {
 public:
  TextWriter(Context ctx, std::ostream& out) : ctx_(std::move(ctx)), out_(out) {}

  void begin(const RunInfo& info) override { info_ = info; }

  void write(const Document& doc, const Result& result) override {
    const std::string label = record_label(doc);
    if (result.status == Result::Status::error) {
      out_ << paint(kBold, label) << ": "
           << paint(severity_color(Severity::violation), ctx_.label("text.error")) << ": "
           << ctx_.shown(result.error) << '\n';
      return;
    }
    for (const Notice& n : result.notices)
      out_ << paint(kBold, label) << ": "
           << paint(severity_color(Severity::notice), ctx_.label("text.note")) << ": "
           << ctx_.shown(ctx_.notice_text(n)) << '\n';
    for (const Finding* f : ctx_.visible(result)) {
      laws_.add(*f);
      finding(doc, result, *f, label);
    }
  }

  void end(const Summary& s) override {
    out_ << '\n' << paint(kBold, ctx_.label("summary.heading")) << '\n';
    out_ << "  " << ctx_.label("summary.records") << ' ' << s.records << " · "
         << ctx_.label("summary.errors") << ' ' << s.errors << " · "
         << ctx_.label("summary.findings") << ' ' << s.findings << " · "
         << ctx_.label("summary.suppressed") << ' ' << s.suppressed << '\n';
    if (s.findings == 0) {
      out_ << "  " << ctx_.label("summary.none") << '\n';
      out_.flush();
      return;
    }
    out_ << "  " << ctx_.label("summary.by_severity");
    bool first = true;
    for (Severity sev : {Severity::violation, Severity::risk, Severity::notice}) {
      auto it = s.by_severity.find(std::string(to_string(sev)));
      if (it == s.by_severity.end() || it->second == 0) continue;
      out_ << (first ? " " : " · ") << paint(severity_color(sev), ctx_.severity_label(sev)) << ' '
           << it->second;
      first = false;
    }
    out_ << '\n' << "  " << ctx_.label("summary.by_citation") << '\n';
    std::size_t width = 0;
    for (const auto& [id, count] : s.by_citation) width = std::max(width, id.size());
    for (const auto& [id, count] : s.by_citation) {
      out_ << "    " << id << std::string(width - id.size(), ' ') << "  " << count;
      if (const Law* law = laws_.find(id); law && !law->title.empty()) out_ << "  " << law->title;
      out_ << '\n';
    }
    out_.flush();
  }

 private:
  std::string paint(const char* color, const std::string& text) const {
    if (!ctx_.options.color) return text;
    return std::string(color) + text + kReset;
  }

  void finding(const Document& doc, const Result& result, const Finding& f,
               const std::string& label) {
    const std::string zone = zone_of(f, result);
    out_ << paint(kBold, label + ":" + std::to_string(f.line) + ":" + std::to_string(f.column))
         << ": " << paint(severity_color(f.severity), ctx_.severity_label(f.severity)) << " ["
         << f.rule << "] " << one_line(ctx_.shown(f.message));
    const auto ids = cite_ids(f);
    if (!ids.empty()) out_ << " (" << join(ids, ", ") << ")";
    out_ << '\n';
    source_line(doc, f);
    if (f.window) {
      const Window& w = *f.window;
      std::map<std::string, std::string> p{{"window", ctx_.window_label(w.name)},
                                           {"election", w.election},
                                           {"round", std::to_string(w.round)},
                                           {"from", local_time(w.from, zone)},
                                           {"until", local_time(w.until, zone)}};
      out_ << "   = "
           << ctx_.catalog.format(w.round > 0 ? "text.window" : "text.window_no_round", p);
      if (f.lawful_from)
        out_ << "; "
             << ctx_.catalog.format("text.lawful_from",
                                    {{"time", local_time(*f.lawful_from, zone)}});
      out_ << '\n';
    } else if (f.lawful_from) {
      out_ << "   = "
           << ctx_.catalog.format("text.lawful_from", {{"time", local_time(*f.lawful_from, zone)}})
           << '\n';
    }
    if (!f.missing.empty())
      out_ << "   = " << ctx_.catalog.format("text.missing", {{"items", join(f.missing, ", ")}})
           << '\n';
    if (f.suppressed)
      out_ << "   = " << ctx_.catalog.format("text.suppressed", {{"reason", f.suppression}})
           << '\n';
    if (ctx_.options.explain)
      for (const auto& t : f.trace) out_ << "   " << paint(kDim, "· " + t) << '\n';
  }

  void source_line(const Document& doc, const Finding& f) {
    const std::string_view text = doc.text;
    if (f.start > text.size() || f.end < f.start) return;
    const auto [ls, le] = line_bounds(text, f.start);
    const std::size_t span_end = std::min(f.end, le);
    const std::string before = ctx_.shown(text.substr(ls, f.start - ls));
    const std::string span = ctx_.shown(text.substr(f.start, span_end - f.start));
    const std::string after = ctx_.shown(text.substr(span_end, le - span_end));
    const std::string number = std::to_string(f.line);
    const std::string gutter(number.size() + 1, ' ');
    out_ << ' ' << number << " | " << before << paint(severity_color(f.severity), span) << after
         << '\n';
    std::string pad;
    for (char c : before)
      if (c == '\t')
        pad += '\t';
      else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
        pad += ' ';
    const std::size_t width = std::max<std::size_t>(1, code_points(span));
    out_ << gutter << " | " << pad << paint(kCaret, "^" + std::string(width - 1, '~')) << '\n';
  }

  Context ctx_;
  std::ostream& out_;
  RunInfo info_;
  LawRegistry laws_;
};

}  // namespace

std::unique_ptr<Writer> make_text_writer(Context ctx, std::ostream& out) {
  return std::make_unique<TextWriter>(std::move(ctx), out);
}

}  // namespace veille::report_detail
