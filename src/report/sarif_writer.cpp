// sarif: SARIF 2.1.0, one run. Results are streamed; tool.driver.rules follow them (JSON member
// order is free), so memory stays flat on big batches.
#include <map>
#include <ostream>

#include "report/json_text.hpp"
#include "report/writers.hpp"

namespace veille::report_detail {

namespace {

const char* level(Severity s) {
  switch (s) {
    case Severity::violation:
      return "error";
    case Severity::risk:
      return "warning";
    case Severity::notice:
      return "note";
  }
  return "note";
}

// A path as a URI reference: unreserved and path characters kept, the rest percent-encoded.
std::string uri_of(std::string_view path) {
  static const std::string_view keep =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/:@!$&'()*+,;=";
  std::string out;
  for (unsigned char c : path) {
    if (keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out.empty() ? "-" : out;
}

std::string strings_json(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + json_quote(items[i]);
  return out + "]";
}

struct RuleEntry {
  std::string id;
  Severity severity;
  std::vector<const Law*> cites;
};

class SarifWriter final : public Writer {
 public:
  SarifWriter(Context ctx, std::ostream& out) : ctx_(std::move(ctx)), out_(out) {}

  void begin(const RunInfo& info) override {
    info_ = info;
    out_ << "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
            "\n\"runs\":[{\"results\":[";
  }

  void write(const Document& doc, const Result& result) override {
    const std::string uri = uri_of(doc.source);
    if (result.status == Result::Status::error) {
      notification("error", "record-error", ctx_.shown(result.error), doc, uri);
      return;
    }
    for (const Notice& n : result.notices)
      notification("note", n.code, ctx_.shown(ctx_.notice_text(n)), doc, uri);
    for (const Finding* f : ctx_.visible(result)) this->result(doc, result, *f, uri);
  }

  void end(const Summary& s) override {
    out_ << "],\n\"invocations\":[{\"executionSuccessful\":true,"
            "\"toolExecutionNotifications\":[";
    for (std::size_t i = 0; i < notifications_.size(); ++i)
      out_ << (i ? ",\n" : "\n") << notifications_[i];
    out_ << "]}],\n\"tool\":{\"driver\":{\"name\":\"veille\",\"version\":"
         << json_quote(info_.tool_version) << ",\"rules\":[";
    for (std::size_t i = 0; i < rules_.size(); ++i)
      out_ << (i ? ",\n" : "\n") << rule_json(rules_[i]);
    out_ << "]}},\n\"columnKind\":\"unicodeCodePoints\",\"properties\":{\"schema_version\":"
         << kOutputSchemaVersion << ",\"rules_version\":" << json_quote(info_.rules_version)
         << ",\"calendar_version\":" << json_quote(info_.calendar_version)
         << ",\"locale\":" << json_quote(ctx_.catalog.locale()) << ",\"records\":" << s.records
         << ",\"errors\":" << s.errors << ",\"findings\":" << s.findings
         << ",\"suppressed\":" << s.suppressed << "}}]}\n";
    out_.flush();
  }

 private:
  std::size_t rule_index(const Finding& f) {
    auto [it, added] = rule_ids_.emplace(f.rule, rules_.size());
    if (added) rules_.push_back({f.rule, f.severity, f.cites});
    return it->second;
  }

  std::string rule_json(const RuleEntry& r) const {
    std::vector<std::string> titles, ids, penalties;
    std::string help;
    for (const Law* law : r.cites) {
      if (!law) continue;
      ids.push_back(law->id);
      titles.push_back(law->title.empty() ? law->id : law->title);
      const std::string& pen = ctx_.catalog.locale() == "en" && !law->penalty_en.empty()
                                   ? law->penalty_en
                                   : law->penalty;
      penalties.push_back(pen);
      if (help.empty()) help = law->url;
    }
    std::string out = "{\"id\":" + json_quote(r.id) + ",\"shortDescription\":{\"text\":" +
                      json_quote(titles.empty() ? r.id : join(titles, "; ")) + "}";
    if (!help.empty()) out += ",\"helpUri\":" + json_quote(help);
    out += ",\"defaultConfiguration\":{\"level\":\"" + std::string(level(r.severity)) + "\"}";
    out += ",\"properties\":{\"cites\":" + strings_json(ids) +
           ",\"penalties\":" + strings_json(penalties) + "}}";
    return out;
  }

  void result(const Document& doc, const Result& res, const Finding& f, const std::string& uri) {
    const std::size_t index = rule_index(f);
    const auto end = position_at(doc.text, f.end);
    const std::string zone = zone_of(f, res);
    std::string msg = ctx_.shown(f.message);
    if (msg.empty()) msg = f.rule;
    out_ << (first_ ? "\n" : ",\n");
    first_ = false;
    out_ << "{\"ruleId\":" << json_quote(f.rule) << ",\"ruleIndex\":" << index << ",\"level\":\""
         << level(f.severity) << "\",\"message\":{\"text\":" << json_quote(msg)
         << "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":"
         << json_quote(uri) << "},\"region\":{\"startLine\":" << f.line
         << ",\"startColumn\":" << f.column << ",\"endLine\":" << end.line
         << ",\"endColumn\":" << end.column << ",\"byteOffset\":" << f.start
         << ",\"byteLength\":" << (f.end > f.start ? f.end - f.start : 0)
         << ",\"snippet\":{\"text\":" << json_quote(ctx_.shown(f.matched)) << "}}}";
    if (doc.line > 0)
      out_ << ",\"logicalLocations\":[{\"name\":" << json_quote(doc.id) << ",\"kind\":\"record\"}]";
    out_ << "}],\"partialFingerprints\":{\"veille/v1\":" << json_quote(f.fingerprint) << "}";
    if (f.suppressed)
      out_ << ",\"suppressions\":[{\"kind\":\""
           << (f.suppression.rfind("inline", 0) == 0 ? "inSource" : "external")
           << "\",\"justification\":" << json_quote(f.suppression) << "}]";
    out_ << ",\"properties\":{\"record\":" << json_quote(doc.id) << ",\"record_line\":" << doc.line
         << ",\"cites\":" << strings_json(cite_ids(f)) << ",\"severity\":\""
         << to_string(f.severity) << "\",\"window\":";
    if (f.window)
      out_ << "{\"name\":" << json_quote(f.window->name)
           << ",\"election\":" << json_quote(f.window->election) << ",\"round\":" << f.window->round
           << ",\"from\":" << json_quote(local_time(f.window->from, zone))
           << ",\"until\":" << json_quote(local_time(f.window->until, zone)) << "}";
    else
      out_ << "null";
    out_ << ",\"lawful_from\":"
         << (f.lawful_from ? json_quote(local_time(*f.lawful_from, zone)) : std::string("null"))
         << ",\"utf16_start\":" << f.utf16_start << ",\"utf16_end\":" << f.utf16_end << "}}";
  }

  void notification(const char* lvl, const std::string& code, const std::string& text,
                    const Document& doc, const std::string& uri) {
    std::string n = "{\"level\":\"" + std::string(lvl) +
                    "\",\"message\":{\"text\":" + json_quote(text.empty() ? code : text) + "}";
    if (!code.empty()) n += ",\"descriptor\":{\"id\":" + json_quote(code) + "}";
    n += ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":" + json_quote(uri) +
         "}}";
    if (doc.line > 0)
      n += ",\"logicalLocations\":[{\"name\":" + json_quote(doc.id) + ",\"kind\":\"record\"}]";
    n += "}]}";
    notifications_.push_back(std::move(n));
  }

  Context ctx_;
  std::ostream& out_;
  RunInfo info_;
  bool first_ = true;
  std::map<std::string, std::size_t> rule_ids_;
  std::vector<RuleEntry> rules_;
  std::vector<std::string> notifications_;
};

}  // namespace

std::unique_ptr<Writer> make_sarif_writer(Context ctx, std::ostream& out) {
  return std::make_unique<SarifWriter>(std::move(ctx), out);
}

}  // namespace veille::report_detail
