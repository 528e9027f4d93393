#include "checker/text_position.hpp"

namespace veille::detail {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Bytes of the UTF-8 sequence starting with lead byte c (1 for invalid leads).
std::size_t sequence_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

std::size_t back_to_boundary(std::string_view text, std::size_t i) {
  while (i > 0 && i < text.size() && is_continuation(static_cast<unsigned char>(text[i]))) --i;
  return i;
}

std::size_t forward_to_boundary(std::string_view text, std::size_t i) {
  while (i < text.size() && is_continuation(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

}  // namespace

TextPosition position_of(std::string_view text, std::size_t byte_offset) {
  TextPosition pos;
  if (byte_offset > text.size()) byte_offset = text.size();
  for (std::size_t i = 0; i < byte_offset;) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = sequence_length(c);
    if (c == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
    pos.utf16 += len == 4 ? 2 : 1;
    i += len;
  }
  return pos;
}

std::size_t utf16_offset(std::string_view text, std::size_t byte_offset) {
  return position_of(text, byte_offset).utf16;
}

std::string excerpt_around(std::string_view text, std::size_t start, std::size_t end,
                           std::size_t context) {
  if (end > text.size()) end = text.size();
  if (start > end) start = end;
  std::size_t from = start > context ? back_to_boundary(text, start - context) : 0;
  std::size_t to = forward_to_boundary(text, end + context < text.size() ? end + context : text.size());
  // Stay on the lines of the span.
  if (auto nl = text.rfind('\n', start == 0 ? 0 : start - 1); nl != std::string_view::npos &&
                                                               nl >= from && start > 0)
    from = nl + 1;
  if (auto nl = text.find('\n', end); nl != std::string_view::npos && nl < to) to = nl;
  std::string out;
  if (from > 0) out += "…";
  for (char c : text.substr(from, to - from)) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (to < text.size()) out += "…";
  return out;
}

}  // namespace veille::detail
