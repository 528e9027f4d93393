#pragma once
// Byte offsets -> what people and web clients count: 1-based line and column (code points),
// UTF-16 code units; and a short excerpt around a span.
#include <cstddef>
#include <string>
#include <string_view>

namespace veille::detail {

struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;  // code points from the line start, 1-based
  std::size_t utf16 = 0;   // UTF-16 code units from the text start
};

TextPosition position_of(std::string_view text, std::size_t byte_offset);
// UTF-16 length of text[0, byte_offset).
std::size_t utf16_offset(std::string_view text, std::size_t byte_offset);
// The span with up to `context` bytes on each side, cut on character boundaries, on one line,
// "…" where cut.
std::string excerpt_around(std::string_view text, std::size_t start, std::size_t end,
                           std::size_t context = 40);

}  // namespace veille::detail
