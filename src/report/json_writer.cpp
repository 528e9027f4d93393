// json (one document for the run, streamed) and jsonl (one line per record).
#include <map>
#include <vector>

#include "report/json_text.hpp"
#include "report/record_json.hpp"
#include "report/writers.hpp"

namespace veille::report_detail {

namespace {

std::string counts_json(const std::map<std::string, std::uint64_t>& counts) {
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : counts) {
    if (!first) out += ',';
    first = false;
    out += json_quote(k) + ":" + std::to_string(v);
  }
  return out + "}";
}

std::string seconds_json(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

class JsonlWriter final : public Writer {
 public:
  JsonlWriter(Context ctx, std::ostream& out) : ctx_(std::move(ctx)), out_(out) {}
  void begin(const RunInfo& info) override { info_ = info; }
  void write(const Document& doc, const Result& result) override {
    out_ << record_json(ctx_, info_, doc, result, {}) << '\n';
  }
  void end(const Summary&) override { out_.flush(); }
  bool renders_records() const override { return true; }
  std::string render(const Document& doc, const Result& result) const override {
    return record_json(ctx_, info_, doc, result, {}) + '\n';
  }
  void write_rendered(const Document&, const Result&, std::string_view text) override {
    out_ << text;
  }

 private:
  Context ctx_;
  std::ostream& out_;
  RunInfo info_;
};

class JsonWriter final : public Writer {
 public:
  JsonWriter(Context ctx, std::ostream& out) : ctx_(std::move(ctx)), out_(out) {}

  void begin(const RunInfo& info) override {
    info_ = info;
    out_ << "{\"schema_version\":" << kOutputSchemaVersion
         << ",\n\"tool\":{\"name\":\"veille\",\"version\":" << json_quote(info.tool_version)
         << "},\n\"versions\":{\"rules\":" << json_quote(info.rules_version)
         << ",\"calendar\":" << json_quote(info.calendar_version)
         << "},\n\"locale\":" << json_quote(ctx_.catalog.locale())
         << ",\n\"at\":" << (info.at.empty() ? "null" : json_quote(info.at));
    if (!info.generated_at.empty()) out_ << ",\n\"generated_at\":" << json_quote(info.generated_at);
    out_ << ",\n\"inputs\":[";
    for (std::size_t i = 0; i < info.inputs.size(); ++i)
      out_ << (i ? "," : "") << json_quote(info.inputs[i]);
    out_ << "],\n\"records\":[";
  }

  void write(const Document& doc, const Result& result) override {
    out_ << (first_ ? "\n" : ",\n") << record_json(ctx_, info_, doc, result, {.full = true});
    first_ = false;
    for (const Finding* f : ctx_.visible(result))
      for (const Law* law : f->cites)
        if (law && !seen_.count(law->id)) {
          seen_.emplace(law->id, laws_.size());
          laws_.push_back(law);
        }
  }

  void end(const Summary& s) override {
    out_ << "],\n\"summary\":{\"records\":" << s.records << ",\"errors\":" << s.errors
         << ",\"findings\":" << s.findings << ",\"suppressed\":" << s.suppressed
         << ",\"by_severity\":" << counts_json(s.by_severity)
         << ",\"by_citation\":" << counts_json(s.by_citation) << ",\"bytes\":" << s.bytes
         << ",\"seconds\":" << seconds_json(s.seconds) << "},\n\"citations\":[";
    for (std::size_t i = 0; i < laws_.size(); ++i) {
      const Law& l = *laws_[i];
      out_ << (i ? ",\n" : "\n") << "{\"id\":" << json_quote(l.id)
           << ",\"title\":" << json_quote(l.title) << ",\"url\":" << json_quote(l.url)
           << ",\"penalty\":" << json_quote(l.penalty)
           << ",\"penalty_en\":" << json_quote(l.penalty_en)
           << ",\"confidence\":" << json_quote(to_string(l.confidence)) << "}";
    }
    out_ << "]}\n";
    out_.flush();
  }

 private:
  Context ctx_;
  std::ostream& out_;
  RunInfo info_;
  bool first_ = true;
  std::map<std::string, std::size_t> seen_;
  std::vector<const Law*> laws_;
};

}  // namespace

std::unique_ptr<Writer> make_json_writer(Context ctx, std::ostream& out) {
  return std::make_unique<JsonWriter>(std::move(ctx), out);
}
std::unique_ptr<Writer> make_jsonl_writer(Context ctx, std::ostream& out) {
  return std::make_unique<JsonlWriter>(std::move(ctx), out);
}

}  // namespace veille::report_detail
