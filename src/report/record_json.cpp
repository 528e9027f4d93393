#include "report/record_json.hpp"

#include "report/json_text.hpp"

namespace veille::report_detail {

namespace {

std::string strings_json(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += json_quote(items[i]);
  }
  return out + "]";
}

std::string field(std::string_view name) {
  return json_quote(name) + ":";
}

}  // namespace

std::string window_json(const Window& w, std::string_view zone) {
  std::string out = "{";
  out += field("name") + json_quote(w.name);
  out += "," + field("from") + json_quote(local_time(w.from, zone));
  out += "," + field("until") + json_quote(local_time(w.until, zone));
  out += "," + field("cites") + strings_json(w.cites);
  out += "," + field("confidence") + json_quote(to_string(w.confidence));
  return out + "}";
}

std::string finding_json(const Context& ctx, const Finding& f, const Result& result) {
  const std::string zone = zone_of(f, result);
  std::string out = "{";
  out += field("rule") + json_quote(f.rule);
  out += "," + field("cites") + strings_json(cite_ids(f));
  out += "," + field("severity") + json_quote(to_string(f.severity));
  out += "," + field("start") + std::to_string(f.start);
  out += "," + field("end") + std::to_string(f.end);
  out += "," + field("line") + std::to_string(f.line);
  out += "," + field("column") + std::to_string(f.column);
  out += "," + field("utf16_start") + std::to_string(f.utf16_start);
  out += "," + field("utf16_end") + std::to_string(f.utf16_end);
  out += "," + field("matched") + json_quote(ctx.shown(f.matched));
  out += "," + field("excerpt") + json_quote(ctx.shown(f.excerpt));
  out += "," + field("message") + json_quote(ctx.shown(f.message));
  if (f.window) {
    out += "," + field("election") + json_quote(f.window->election);
    out += "," + field("round") + std::to_string(f.window->round);
    out += "," + field("window") + window_json(*f.window, zone);
  } else {
    out += "," + field("election") + "null," + field("round") + "null," + field("window") + "null";
  }
  out += "," + field("lawful_from") +
         (f.lawful_from ? json_quote(local_time(*f.lawful_from, zone)) : std::string("null"));
  out += "," + field("fingerprint") + json_quote(f.fingerprint);
  if (!f.missing.empty()) out += "," + field("missing") + strings_json(f.missing);
  if (ctx.options.explain && !f.trace.empty()) out += "," + field("trace") + strings_json(f.trace);
  if (f.suppressed) {
    out += "," + field("suppressed") + "true";
    out += "," + field("suppression") + json_quote(f.suppression);
  }
  return out + "}";
}

std::string record_json(const Context& ctx, const RunInfo& info, const Document& doc,
                        const Result& result, RecordJsonOptions options) {
  std::string out = "{" + field("id") + json_quote(doc.id);
  if (result.status == Result::Status::error) {
    out += "," + field("status") + "\"error\"";
    out += "," + field("error") + json_quote(ctx.shown(result.error));
    if (options.full) {
      out += "," + field("source") + json_quote(doc.source);
      out += "," + field("line") + std::to_string(doc.line);
    }
    return out + "," + field("findings") + "[]}";
  }
  out += "," + field("status") + "\"ok\"";
  out += "," + field("published_at") +
         (result.published_at ? json_quote(local_time(*result.published_at, result.zone))
                              : std::string("null"));
  if (options.full) {
    out += "," + field("source") + json_quote(doc.source);
    out += "," + field("line") + std::to_string(doc.line);
    out += "," + field("lang") + json_quote(result.lang);
    out += "," + field("zone") + json_quote(result.zone);
    out += "," + field("published_at_from_now") + (result.published_at_from_now ? "true" : "false");
  }
  out += "," + field("findings") + "[";
  bool first = true;
  for (const Finding* f : ctx.visible(result)) {
    if (!first) out += ',';
    first = false;
    out += finding_json(ctx, *f, result);
  }
  out += "]";
  if (!result.notices.empty()) {
    out += "," + field("notices") + "[";
    for (std::size_t i = 0; i < result.notices.size(); ++i) {
      const Notice& n = result.notices[i];
      if (i) out += ',';
      out += "{" + field("code") + json_quote(n.code) + "," + field("message") +
             json_quote(ctx.shown(ctx.notice_text(n))) + "}";
    }
    out += "]";
  }
  out += "," + field("versions") + "{" + field("rules") + json_quote(info.rules_version) + "," +
         field("calendar") + json_quote(info.calendar_version) + "}";
  return out + "}";
}

}  // namespace veille::report_detail
