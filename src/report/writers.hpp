#pragma once
// The concrete writers; make_writer() picks one.
#include <memory>
#include <ostream>

#include "report/common.hpp"

namespace veille::report_detail {

std::unique_ptr<Writer> make_text_writer(Context ctx, std::ostream& out);
std::unique_ptr<Writer> make_json_writer(Context ctx, std::ostream& out);
std::unique_ptr<Writer> make_jsonl_writer(Context ctx, std::ostream& out);
std::unique_ptr<Writer> make_sarif_writer(Context ctx, std::ostream& out);
std::unique_ptr<Writer> make_html_writer(Context ctx, std::ostream& out);
std::unique_ptr<Writer> make_csv_writer(Context ctx, std::ostream& out);

}  // namespace veille::report_detail
