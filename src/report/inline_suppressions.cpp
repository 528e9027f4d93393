// Inline suppression directives in copy (documented in docs/output-schema.md).
#include <algorithm>

#include "veille/report.hpp"

namespace veille {

namespace {

constexpr std::string_view kKeyword = "veille-ignore";

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// "RULE: reason" (after the keyword). False when malformed or without a reason.
bool parse_body(std::string_view body, InlineSuppression& out) {
  if (body.empty() || !space(body.front())) return false;
  body = trim(body);
  const auto colon = body.find(':');
  if (colon == std::string_view::npos) return false;
  // A citation id holds colons itself (fr:code-electoral:L52-2): the separator is the first
  // colon followed by a space or the end.
  std::size_t sep = colon;
  while (sep != std::string_view::npos && sep + 1 < body.size() && !space(body[sep + 1]))
    sep = body.find(':', sep + 1);
  if (sep == std::string_view::npos) return false;
  const std::string_view rule = trim(body.substr(0, sep));
  const std::string_view reason = trim(body.substr(sep + 1));
  if (rule.empty() || reason.empty()) return false;
  for (char c : rule)
    if (space(c)) return false;
  out.rule = std::string(rule);
  out.reason = std::string(reason);
  return true;
}

}  // namespace

std::vector<InlineSuppression> find_inline_suppressions(std::string_view text) {
  std::vector<InlineSuppression> out;
  // Comment form, anywhere.
  for (std::size_t pos = text.find("<!--"); pos != std::string_view::npos;
       pos = text.find("<!--", pos + 4)) {
    const auto close = text.find("-->", pos + 4);
    if (close == std::string_view::npos) break;
    const std::string_view inner = trim(text.substr(pos + 4, close - pos - 4));
    InlineSuppression s;
    if (inner.substr(0, kKeyword.size()) == kKeyword &&
        parse_body(inner.substr(kKeyword.size()), s)) {
      s.offset = pos;
      out.push_back(std::move(s));
    }
  }
  // Plain-text form: a line holding only the directive.
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    const std::string_view t = trim(line);
    InlineSuppression s;
    if (t.substr(0, kKeyword.size()) == kKeyword && parse_body(t.substr(kKeyword.size()), s)) {
      s.offset = start + static_cast<std::size_t>(t.data() - line.data());
      out.push_back(std::move(s));
    }
    start = end + 1;
  }
  std::sort(out.begin(), out.end(), [](const InlineSuppression& a, const InlineSuppression& b) {
    return a.offset < b.offset;
  });
  return out;
}

}  // namespace veille
