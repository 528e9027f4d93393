#pragma once
// One checked record as JSON: the line of the jsonl format and an element of the json report.
#include <string>

#include "report/common.hpp"

namespace veille::report_detail {

struct RecordJsonOptions {
  bool full = false;  // json report: also source, line, lang, zone
};

std::string record_json(const Context& ctx, const RunInfo& info, const Document& doc,
                        const Result& result, RecordJsonOptions options);
std::string finding_json(const Context& ctx, const Finding& f, const Result& result);
std::string window_json(const Window& w, std::string_view zone);

}  // namespace veille::report_detail
