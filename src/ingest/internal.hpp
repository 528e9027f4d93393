#pragma once
// Shared pieces of the ingest stage (not part of the public contract).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "veille/document.hpp"
#include "veille/ingest.hpp"

namespace veille::ingest {

// A stream of bytes: a file, a gzip file or stdin. read() returns 0 at end; throws
// std::runtime_error naming the source on a read error or a truncated/corrupt gzip stream.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual std::size_t read(char* buf, std::size_t cap) = 0;
  // Compressed bytes consumed (what progress counts) and the file size when known.
  virtual std::uint64_t position() const = 0;
  virtual std::uint64_t size() const = 0;
};
// Opens `path` ("-" = stdin); gzip is detected by its magic bytes, not by the name.
// Throws std::runtime_error naming the path when it cannot be opened.
std::unique_ptr<ByteSource> open_bytes(const std::string& path);

// Whole content of a source, at most `cap` bytes; sets *over_cap when there was more.
std::string read_all(ByteSource& src, std::size_t cap, bool* over_cap);

// --- charset -------------------------------------------------------------------------------
bool valid_utf8(std::string_view s);
// Share of bytes that are C0 controls other than \t \n \r \f, or NUL, in the first 64 KiB.
double binary_share(std::string_view s);
// The charset an HTML page (<meta charset>, http-equiv) or XML prolog (encoding=) declares, in
// the first 4 KiB; empty when none.
std::string declared_charset(std::string_view s, bool xml);
struct Decoded {
  std::string text;     // UTF-8
  std::string charset;  // source charset when not UTF-8 (declared or detected), else empty
  std::string error;    // conversion impossible
};
// UTF-8 stays as is (a BOM is removed); otherwise the declared charset, else ICU's detector.
Decoded to_utf8(std::string_view bytes, std::string_view declared);

// --- inline suppressions -------------------------------------------------------------------
// Parses the inside of a comment: "veille-ignore RULE: reason". nullopt when not a directive.
std::optional<InlineSuppression> parse_ignore_directive(std::string_view comment,
                                                        std::size_t offset);

// --- HTML to text (used by the HTML and feed readers) --------------------------------------
struct HtmlText {
  std::string text;
  std::vector<Scope> scopes;
  std::vector<InlineSuppression> suppressions;
  std::string title, published_at, url, lang, og_title, author;
};
// `utf8` must be UTF-8. `fragment`: a piece of HTML from a feed (no head, no scopes but body).
HtmlText html_to_text(std::string_view utf8, bool fragment);

// Whitespace helpers.
std::string collapse_spaces(std::string_view s);
std::string_view trim(std::string_view s);
std::string lower_ascii(std::string_view s);

// Default warn: "veille: <msg>" on stderr.
void default_warn(const std::string& msg);

}  // namespace veille::ingest
