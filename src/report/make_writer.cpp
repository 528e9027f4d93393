#include <stdexcept>

#include "report/writers.hpp"

namespace veille {

std::unique_ptr<Writer> make_writer(std::string_view format, const ReportOptions& options,
                                    std::ostream& out) {
  using namespace report_detail;
  if (format != "text" && format != "json" && format != "jsonl" && format != "sarif" &&
      format != "html" && format != "csv")
    throw std::invalid_argument("unknown output format \"" + std::string(format) +
                                "\" (expected text, json, jsonl, sarif, html or csv)");
  Context ctx = make_context(options);
  if (format == "text") return make_text_writer(std::move(ctx), out);
  if (format == "json") return make_json_writer(std::move(ctx), out);
  if (format == "jsonl") return make_jsonl_writer(std::move(ctx), out);
  if (format == "sarif") return make_sarif_writer(std::move(ctx), out);
  if (format == "html") return make_html_writer(std::move(ctx), out);
  return make_csv_writer(std::move(ctx), out);
}

std::vector<std::string> writer_formats() {
  return {"text", "json", "jsonl", "sarif", "html", "csv"};
}

// Writers that cannot render a record on its own render nothing; write_rendered() then falls
// back to write(), so a caller may always use the pair.
std::string Writer::render(const Document&, const Result&) const {
  return {};
}
void Writer::write_rendered(const Document& doc, const Result& result, std::string_view) {
  write(doc, result);
}

}  // namespace veille
