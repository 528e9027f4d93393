// html: one self-contained, printable file. Documents are streamed as they come; the summary
// and the timeline, known only at the end, are written last and shown first (CSS flex order).
#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>
#include <tuple>

#include "report/law_registry.hpp"
#include "report/writers.hpp"

namespace veille::report_detail {

namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Body text: newlines kept as they are (the text sits in a pre-wrap block).
std::string esc_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n')
      out += '\n';
    else
      out += esc(std::string_view(&c, 1));
  }
  return out;
}

// A label as a table header: without its trailing colon ("constats :" -> "constats").
std::string header(std::string label) {
  while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
  return esc(label);
}

bool safe_url(std::string_view url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", v);
  return buf;
}

constexpr std::string_view kStyle = R"CSS(
:root{--violation:#b3261e;--risk:#b26a00;--notice:#1d5fa8;--line:#ddd}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:62rem;padding:1.5rem;color:#1b1b1b;display:flex;flex-direction:column;gap:1rem}
header.run{order:-3}#summary{order:-2}#timeline{order:-1}
h1{font-size:1.5rem;margin:0}h2{font-size:1.15rem;margin:0 0 .4rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555;font-size:.9rem;margin:.2rem 0}
article.doc{border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;break-inside:avoid-page}
article.error{border-color:var(--violation)}
pre.text{white-space:pre-wrap;word-wrap:break-word;font:inherit;background:#fafafa;border-left:3px solid var(--line);padding:.6rem .8rem;margin:.5rem 0}
mark{padding:0 .1em;border-radius:2px;cursor:help}
mark.violation{background:#f9d3d0;box-shadow:inset 0 -2px 0 var(--violation)}
mark.risk{background:#fde9c4;box-shadow:inset 0 -2px 0 var(--risk)}
mark.notice{background:#d6e6f8;box-shadow:inset 0 -2px 0 var(--notice)}
.sev{display:inline-block;font-size:.78rem;font-weight:600;text-transform:uppercase;color:#fff;border-radius:3px;padding:0 .35rem}
.sev.violation{background:var(--violation)}.sev.risk{background:var(--risk)}.sev.notice{background:var(--notice)}
ol.findings{padding-left:1.3rem}ol.findings li{margin:.4rem 0}
.cite,.window,.fp,.suppressed{font-size:.88rem;color:#333}.fp code{font-size:.8rem}
.penalty{color:#555}.suppressed{color:#777;font-style:italic}
ul.notices{color:#1d5fa8;font-size:.9rem}
.tl-row{display:grid;grid-template-columns:16rem 1fr;gap:.5rem;align-items:center;margin:.25rem 0}
.tl-track{position:relative;height:1.1rem;background:#f1f1f1;border-radius:3px}
.tl-bar{position:absolute;top:0;bottom:0;min-width:3px;background:var(--risk);border-radius:3px;opacity:.85}
.tl-mark{position:absolute;top:-.2rem;bottom:-.2rem;width:2px;background:var(--violation)}
.tl-label{font-size:.85rem}h3.tl-election{font-size:.95rem;margin:.6rem 0 .2rem}.tl-dates{font-size:.78rem;color:#555}
footer{order:10;color:#777;font-size:.8rem}
@media print{body{max-width:none;padding:0;font-size:11pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a[href]::after{content:" <" attr(href) ">";font-size:.8em;color:#555;word-break:break-all}
article.doc,ol.findings li,.tl-row{break-inside:avoid}}
)CSS";

struct TimelineWindow {
  Window window;
  std::string zone;
};

class HtmlWriter final : public Writer {
 public:
  HtmlWriter(Context ctx, std::ostream& out) : ctx_(std::move(ctx)), out_(out) {}

  void begin(const RunInfo& info) override {
    info_ = info;
    out_ << "<!DOCTYPE html>\n<html lang=\"" << esc(ctx_.catalog.locale())
         << "\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>"
         << esc(ctx_.label("html.title")) << "</title>\n<style>" << kStyle
         << "</style>\n</head>\n<body>\n<header class=\"run\">\n<h1>"
         << esc(ctx_.label("html.title")) << "</h1>\n<p class=\"meta\">veille "
         << esc(info.tool_version) << " · " << esc(ctx_.label("html.rules_version")) << " "
         << esc(info.rules_version) << " · " << esc(ctx_.label("html.calendar_version")) << " "
         << esc(info.calendar_version);
    if (!info.at.empty()) out_ << " · " << esc(ctx_.label("html.at")) << " " << esc(info.at);
    if (!info.generated_at.empty())
      out_ << " · " << esc(ctx_.label("html.generated_at")) << " " << esc(info.generated_at);
    out_ << "</p>\n";
    if (!info.inputs.empty()) {
      out_ << "<p class=\"meta\">" << esc(ctx_.label("html.inputs"));
      for (const auto& in : info.inputs) out_ << " <code>" << esc(in) << "</code>";
      out_ << "</p>\n";
    }
    out_ << "</header>\n";
  }

  void write(const Document& doc, const Result& result) override {
    ++ordinal_;
    mark_of_.clear();
    const std::string label = record_label(doc);
    const std::string anchor = "doc-" + std::to_string(ordinal_);
    if (result.status == Result::Status::error) {
      out_ << "<article class=\"doc error\" id=\"" << anchor << "\">\n<h2>" << esc(label)
           << "</h2>\n<p><span class=\"sev violation\">" << esc(ctx_.label("text.error"))
           << "</span> " << esc(ctx_.shown(result.error)) << "</p>\n</article>\n";
      return;
    }
    const auto findings = ctx_.visible(result);
    if (findings.empty() && result.notices.empty()) return;  // clean records: counted only
    out_ << "<article class=\"doc\" id=\"" << anchor << "\">\n<h2>" << esc(label) << "</h2>\n";
    out_ << "<p class=\"meta\">";
    if (result.published_at) {
      out_ << esc(ctx_.label("html.published_at")) << " "
           << esc(local_time(*result.published_at, result.zone));
      if (result.published_at_from_now) out_ << " (" << esc(ctx_.label("html.now")) << ")";
      if (published_.size() < 200) published_.insert(*result.published_at);
    }
    if (!result.lang.empty())
      out_ << " · " << esc(ctx_.label("html.lang")) << " " << esc(result.lang);
    if (!doc.meta.url.empty() && safe_url(doc.meta.url))
      out_ << " · <a href=\"" << esc(doc.meta.url) << "\">" << esc(doc.meta.url) << "</a>";
    out_ << "</p>\n";
    if (!result.notices.empty()) {
      out_ << "<ul class=\"notices\">\n";
      for (const Notice& n : result.notices)
        out_ << "<li>" << esc(ctx_.shown(ctx_.notice_text(n))) << "</li>\n";
      out_ << "</ul>\n";
    }
    if (!findings.empty()) {
      highlighted(doc, findings, anchor);
      out_ << "<ol class=\"findings\">\n";
      for (std::size_t k = 0; k < findings.size(); ++k)
        finding(*findings[k], result, anchor + "-f" + std::to_string(k + 1));
      out_ << "</ol>\n";
    }
    out_ << "</article>\n";
  }

  void end(const Summary& s) override {
    summary(s);
    timeline();
    out_ << "<footer>" << esc(ctx_.label("html.footer")) << "</footer>\n</body>\n</html>\n";
    out_.flush();
  }

 private:
  std::string mark_title(const Finding& f) const {
    std::string t = ctx_.severity_label(f.severity) + " [" + f.rule + "] " + ctx_.shown(f.message);
    const auto ids = cite_ids(f);
    if (!ids.empty()) t += " (" + join(ids, ", ") + ")";
    return t;
  }

  // The text with each finding's span in a <mark>; overlapping spans are merged into one mark.
  void highlighted(const Document& doc, const std::vector<const Finding*>& findings,
                   const std::string& anchor) {
    const std::string_view text = doc.text;
    std::vector<std::size_t> order(findings.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return findings[a]->start < findings[b]->start;
    });
    out_ << "<pre class=\"text\">";
    std::size_t pos = 0;
    for (std::size_t i = 0; i < order.size();) {
      const Finding* first = findings[order[i]];
      std::size_t start = std::min(std::max(first->start, pos), text.size());
      std::size_t end = std::min(std::max(first->end, start), text.size());
      Severity sev = first->severity;
      std::vector<std::size_t> members{order[i]};
      std::size_t j = i + 1;
      for (; j < order.size() && findings[order[j]]->start < end; ++j) {
        end = std::min(std::max(end, findings[order[j]]->end), text.size());
        sev = std::max(sev, findings[order[j]]->severity);
        members.push_back(order[j]);
      }
      out_ << esc_text(ctx_.shown(text.substr(pos, start - pos)));
      std::string title;
      for (std::size_t m : members) title += (title.empty() ? "" : "\n") + mark_title(*findings[m]);
      out_ << "<mark class=\"" << to_string(sev) << "\" id=\"" << anchor << "-m"
           << (members.front() + 1) << "\" title=\"" << esc(title) << "\">"
           << esc_text(ctx_.shown(text.substr(start, end - start))) << "</mark>";
      pos = end;
      i = j;
      for (std::size_t m : members)
        mark_of_[findings[m]] = anchor + "-m" + std::to_string(members.front() + 1);
    }
    out_ << esc_text(ctx_.shown(text.substr(pos))) << "</pre>\n";
  }

  void finding(const Finding& f, const Result& result, const std::string& id) {
    laws_.add(f);
    const std::string zone = zone_of(f, result);
    out_ << "<li id=\"" << id << "\" class=\"" << to_string(f.severity) << "\"><span class=\"sev "
         << to_string(f.severity) << "\">" << esc(ctx_.severity_label(f.severity)) << "</span> ";
    if (auto it = mark_of_.find(&f); it != mark_of_.end())
      out_ << "<a href=\"#" << it->second << "\">" << esc(ctx_.label("html.line")) << " " << f.line
           << ", " << esc(ctx_.label("html.column")) << " " << f.column << "</a> ";
    out_ << "<code>" << esc(f.rule) << "</code> " << esc(ctx_.shown(f.message)) << "\n";
    for (const Law* law : f.cites) {
      if (!law) continue;
      out_ << "<div class=\"cite\">";
      const std::string title = law->title.empty() ? law->id : law->title;
      if (safe_url(law->url))
        out_ << "<a class=\"law\" href=\"" << esc(law->url) << "\">" << esc(title) << "</a>";
      else
        out_ << esc(title);
      out_ << " <code>" << esc(law->id) << "</code>";
      if (law->confidence != Confidence::verified)
        out_ << " <em>(" << esc(ctx_.label("confidence." + std::string(to_string(law->confidence))))
             << ")</em>";
      const std::string& pen = ctx_.catalog.locale() == "en" && !law->penalty_en.empty()
                                   ? law->penalty_en
                                   : law->penalty;
      if (!pen.empty())
        out_ << " — <span class=\"penalty\">" << esc(ctx_.label("html.penalty")) << " " << esc(pen)
             << "</span>";
      out_ << "</div>\n";
    }
    if (f.window) {
      const Window& w = *f.window;
      std::map<std::string, std::string> p{{"window", ctx_.window_label(w.name)},
                                           {"election", w.election},
                                           {"round", std::to_string(w.round)},
                                           {"from", local_time(w.from, zone)},
                                           {"until", local_time(w.until, zone)}};
      out_ << "<div class=\"window\">"
           << esc(ctx_.catalog.format(w.round > 0 ? "text.window" : "text.window_no_round", p));
      if (f.lawful_from)
        out_ << "; <strong>"
             << esc(ctx_.catalog.format("text.lawful_from",
                                        {{"time", local_time(*f.lawful_from, zone)}}))
             << "</strong>";
      out_ << "</div>\n";
      add_window(w, zone);
    } else if (f.lawful_from) {
      out_ << "<div class=\"window\"><strong>"
           << esc(ctx_.catalog.format("text.lawful_from",
                                      {{"time", local_time(*f.lawful_from, zone)}}))
           << "</strong></div>\n";
    }
    if (!f.missing.empty())
      out_ << "<div class=\"window\">"
           << esc(ctx_.catalog.format("text.missing", {{"items", join(f.missing, ", ")}}))
           << "</div>\n";
    if (f.suppressed)
      out_ << "<div class=\"suppressed\">"
           << esc(ctx_.catalog.format("text.suppressed", {{"reason", f.suppression}}))
           << "</div>\n";
    if (ctx_.options.explain && !f.trace.empty()) {
      out_ << "<ul class=\"trace\">";
      for (const auto& t : f.trace) out_ << "<li><code>" << esc(t) << "</code></li>";
      out_ << "</ul>\n";
    }
    out_ << "<div class=\"fp\">" << esc(ctx_.label("html.fingerprint")) << " <code>"
         << esc(f.fingerprint) << "</code></div></li>\n";
  }

  void add_window(const Window& w, const std::string& zone) {
    const auto key = std::make_tuple(w.name, w.election, w.round, w.from, w.until);
    if (window_keys_.insert(key).second) windows_.push_back({w, zone});
  }

  void summary(const Summary& s) {
    out_ << "<section id=\"summary\">\n<h2>" << esc(ctx_.label("summary.heading"))
         << "</h2>\n<table class=\"totals\">\n<tr><th>" << header(ctx_.label("summary.records"))
         << "</th><th>" << header(ctx_.label("summary.errors")) << "</th><th>"
         << header(ctx_.label("summary.findings")) << "</th>";
    for (Severity sev : {Severity::violation, Severity::risk, Severity::notice})
      out_ << "<th><span class=\"sev " << to_string(sev) << "\">" << esc(ctx_.severity_label(sev))
           << "</span></th>";
    out_ << "<th>" << header(ctx_.label("summary.suppressed")) << "</th></tr>\n<tr><td class=\"n\">"
         << s.records << "</td><td class=\"n\">" << s.errors << "</td><td class=\"n\">"
         << s.findings << "</td>";
    for (Severity sev : {Severity::violation, Severity::risk, Severity::notice}) {
      auto it = s.by_severity.find(std::string(to_string(sev)));
      out_ << "<td class=\"n\">" << (it == s.by_severity.end() ? 0 : it->second) << "</td>";
    }
    out_ << "<td class=\"n\">" << s.suppressed << "</td></tr>\n</table>\n";
    if (s.by_citation.empty()) {
      out_ << "<p>" << esc(ctx_.label("summary.none")) << "</p>\n</section>\n";
      return;
    }
    out_ << "<table class=\"citations\">\n<tr><th>" << esc(ctx_.label("html.citation"))
         << "</th><th>" << header(ctx_.label("html.penalty")) << "</th><th>"
         << header(ctx_.label("summary.findings")) << "</th></tr>\n";
    for (const auto& [id, count] : s.by_citation) {
      const Law* law = laws_.find(id);
      out_ << "<tr><td>";
      if (law && safe_url(law->url))
        out_ << "<a class=\"law\" href=\"" << esc(law->url) << "\">"
             << esc(law->title.empty() ? id : law->title) << "</a>";
      else
        out_ << esc(law && !law->title.empty() ? law->title : id);
      out_ << " <code>" << esc(id) << "</code></td><td>";
      if (law)
        out_ << esc(ctx_.catalog.locale() == "en" && !law->penalty_en.empty() ? law->penalty_en
                                                                              : law->penalty);
      out_ << "</td><td class=\"n\">" << count << "</td></tr>\n";
    }
    out_ << "</table>\n</section>\n";
  }

  // One time scale per election (a six-month window and a two-hour one share no useful scale).
  void timeline() {
    if (windows_.empty()) return;
    std::map<std::string, std::vector<const TimelineWindow*>> by_election;
    for (const auto& w : windows_) by_election[w.window.election].push_back(&w);
    out_ << "<section id=\"timeline\">\n<h2>" << esc(ctx_.label("html.timeline")) << "</h2>\n";
    for (auto& [election, list] : by_election) {
      std::sort(list.begin(), list.end(), [](const TimelineWindow* a, const TimelineWindow* b) {
        return std::tie(a->window.from, a->window.until, a->window.round, a->window.name) <
               std::tie(b->window.from, b->window.until, b->window.round, b->window.name);
      });
      Instant lo = list.front()->window.from, hi = list.front()->window.until;
      for (const auto* w : list) {
        lo = std::min(lo, w->window.from);
        hi = std::max(hi, w->window.until);
      }
      const double span = std::max<double>(1.0, static_cast<double>((hi - lo).count()));
      auto at = [&](Instant t) { return 100.0 * static_cast<double>((t - lo).count()) / span; };
      out_ << "<h3 class=\"tl-election\">" << esc(election) << "</h3>\n";
      for (const auto* tw : list) {
        const Window& w = tw->window;
        const double left = at(w.from), width = at(w.until) - left;
        out_ << "<div class=\"tl-row\"><div><div class=\"tl-label\">"
             << esc(ctx_.window_label(w.name));
        if (w.round > 0)
          out_ << " · "
               << esc(ctx_.catalog.format("html.round", {{"round", std::to_string(w.round)}}));
        out_ << "</div><div class=\"tl-dates\">" << esc(local_time(w.from, tw->zone)) << " → "
             << esc(local_time(w.until, tw->zone)) << "</div></div><div class=\"tl-track\">"
             << "<div class=\"tl-bar\" style=\"left:" << percent(left)
             << ";width:" << percent(width) << "\" title=\"" << esc(ctx_.window_label(w.name))
             << "\"></div>";
        for (Instant p : published_)
          if (p >= lo && p <= hi)
            out_ << "<div class=\"tl-mark\" style=\"left:" << percent(at(p)) << "\" title=\""
                 << esc(ctx_.label("html.published_at")) << " " << esc(local_time(p, tw->zone))
                 << "\"></div>";
        out_ << "</div></div>\n";
      }
    }
    out_ << "</section>\n";
  }

  Context ctx_;
  std::ostream& out_;
  RunInfo info_;
  std::size_t ordinal_ = 0;
  LawRegistry laws_;
  std::map<const Finding*, std::string> mark_of_;
  std::set<std::tuple<std::string, std::string, int, Instant, Instant>> window_keys_;
  std::vector<TimelineWindow> windows_;
  std::set<Instant> published_;
};

}  // namespace

std::unique_ptr<Writer> make_html_writer(Context ctx, std::ostream& out) {
  return std::make_unique<HtmlWriter>(std::move(ctx), out);
}

}  // namespace veille::report_detail
