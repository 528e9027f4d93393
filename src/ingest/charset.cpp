// Charset handling: UTF-8 validation, declared charsets, ICU detection (ucsdet) and conversion
// (ucnv) to UTF-8.
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

#include "ingest/internal.hpp"

namespace veille::ingest {

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* e = p + s.size();
  while (p < e) {
    // ASCII fast path, 8 bytes at a time.
    while (e - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (w & 0x8080808080808080ull) break;
      p += 8;
    }
    if (p >= e) break;
    unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (e - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    p += n + 1;
  }
  return true;
}

double binary_share(std::string_view s) {
  std::size_t n = std::min<std::size_t>(s.size(), 64 * 1024);
  if (n == 0) return 0;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++bad;
  }
  return static_cast<double>(bad) / static_cast<double>(n);
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  while (!s.empty() && sp(s.front())) s.remove_prefix(1);
  while (!s.empty() && sp(s.back())) s.remove_suffix(1);
  return s;
}

namespace {
// Value after `key` (e.g. "charset=" or "encoding=") up to a quote, space, ; or >.
std::string value_after(std::string_view head_lower, std::string_view key, std::size_t from) {
  auto k = head_lower.find(key, from);
  if (k == std::string_view::npos) return {};
  std::size_t i = k + key.size();
  while (i < head_lower.size() &&
         (head_lower[i] == ' ' || head_lower[i] == '"' || head_lower[i] == '\''))
    ++i;
  std::size_t j = i;
  while (j < head_lower.size() &&
         (std::isalnum(static_cast<unsigned char>(head_lower[j])) || head_lower[j] == '-' ||
          head_lower[j] == '_' || head_lower[j] == '.' || head_lower[j] == ':'))
    ++j;
  return std::string(head_lower.substr(i, j - i));
}
}  // namespace

std::string declared_charset(std::string_view s, bool xml) {
  std::string head = lower_ascii(s.substr(0, 4096));
  if (xml) {
    auto decl = head.find("<?xml");
    if (decl == std::string::npos) return {};
    auto end = head.find("?>", decl);
    std::string_view prolog = std::string_view(head).substr(
        decl, end == std::string::npos ? std::string::npos : end - decl);
    return value_after(prolog, "encoding=", 0);
  }
  // <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
  for (std::size_t m = head.find("<meta"); m != std::string::npos; m = head.find("<meta", m + 5)) {
    auto end = head.find('>', m);
    std::string_view tag =
        std::string_view(head).substr(m, end == std::string::npos ? std::string::npos : end - m);
    std::string v = value_after(tag, "charset=", 0);
    if (!v.empty()) return v;
  }
  return {};
}

namespace {
std::string convert(std::string_view bytes, const char* charset, std::string* error) {
  UErrorCode ec = U_ZERO_ERROR;
  UConverter* from = ucnv_open(charset, &ec);
  if (U_FAILURE(ec)) {
    *error = std::string("unknown charset \"") + charset + "\"";
    return {};
  }
  std::unique_ptr<UConverter, void (*)(UConverter*)> from_guard(from, ucnv_close);
  UConverter* to = ucnv_open("UTF-8", &ec);
  std::unique_ptr<UConverter, void (*)(UConverter*)> to_guard(to, ucnv_close);
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, bytes.data() + bytes.size(),
                 nullptr, nullptr, nullptr, nullptr, true, true, &ec);
  if (U_FAILURE(ec)) {
    *error = std::string("cannot convert from ") + charset + ": " + u_errorName(ec);
    return {};
  }
  out.resize(static_cast<std::size_t>(target - out.data()));
  return out;
}

bool is_utf8_name(std::string_view cs) {
  std::string l = lower_ascii(cs);
  return l == "utf-8" || l == "utf8";
}
}  // namespace

Decoded to_utf8(std::string_view bytes, std::string_view declared) {
  Decoded d;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (valid_utf8(bytes) &&
      (declared.empty() || is_utf8_name(declared) || lower_ascii(declared) == "us-ascii" ||
       lower_ascii(declared) == "ascii")) {
    d.text.assign(bytes);
    return d;
  }
  std::string charset(declared);
  if (charset.empty() || (is_utf8_name(charset) && !valid_utf8(bytes))) {
    // Valid UTF-8 with a non-UTF-8 declaration falls through to the declared charset; invalid
    // UTF-8 (declared so or not) goes to the detector.
    UErrorCode ec = U_ZERO_ERROR;
    UCharsetDetector* det = ucsdet_open(&ec);
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
    auto sample = bytes.substr(0, 1 << 20);
    ucsdet_setText(det, sample.data(), static_cast<int32_t>(sample.size()), &ec);
    const UCharsetMatch* m = ucsdet_detect(det, &ec);
    const char* name = m ? ucsdet_getName(m, &ec) : nullptr;
    if (U_FAILURE(ec) || !name) {
      d.error = "cannot detect the charset";
      return d;
    }
    charset = name;
    // The detector says ISO-8859-1 for most Western single-byte text; windows-1252 is its
    // superset used in practice (curly quotes, euro sign in 0x80-0x9F).
    if (lower_ascii(charset) == "iso-8859-1") charset = "windows-1252";
    if (is_utf8_name(charset)) charset = "windows-1252";
  } else if (lower_ascii(charset) == "iso-8859-1" || lower_ascii(charset) == "latin1") {
    charset = "windows-1252";  // as browsers do (WHATWG Encoding)
  }
  std::string error;
  d.text = convert(bytes, charset.c_str(), &error);
  if (!error.empty()) {
    d.error = error;
    d.text.clear();
    return d;
  }
  d.charset = charset;
  return d;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::optional<InlineSuppression> parse_ignore_directive(std::string_view comment,
                                                        std::size_t offset) {
  comment = trim(comment);
  constexpr std::string_view kKey = "veille-ignore";
  if (comment.substr(0, kKey.size()) != kKey) return std::nullopt;
  comment.remove_prefix(kKey.size());
  if (!comment.empty() && comment.front() != ' ' && comment.front() != '\t' &&
      comment.front() != ':')
    return std::nullopt;  // e.g. "veille-ignored"
  comment = trim(comment);
  InlineSuppression s;
  s.offset = offset;
  // RULE ends at ':' or whitespace. Rule ids may hold ':' (citation ids fr:code-electoral:L52-2),
  // so the separator is ": " (colon then space) or a final ':'.
  std::size_t sep = comment.find(": ");
  if (sep == std::string_view::npos && !comment.empty() && comment.back() == ':')
    sep = comment.size() - 1;
  std::string_view rule = sep == std::string_view::npos ? comment : comment.substr(0, sep);
  std::string_view reason = sep == std::string_view::npos ? "" : comment.substr(sep + 1);
  auto sp = rule.find_first_of(" \t");
  if (sp != std::string_view::npos) {
    if (sep == std::string_view::npos) reason = rule.substr(sp);
    rule = rule.substr(0, sp);
  }
  s.rule = std::string(trim(rule));
  s.reason = std::string(trim(reason));
  if (s.rule.empty()) s.rule = "*";
  return s;
}

}  // namespace veille::ingest
