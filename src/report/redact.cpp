// --redact: masks author handles and e-mail addresses.
#include "veille/report.hpp"

namespace veille {

namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_handle_char(char c) {
  return is_alnum(c) || c == '_';
}
bool is_local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char c) {
  return is_alnum(c) || c == '-' || c == '.';
}

// End of an e-mail domain starting at i (labels with a dot and a final label of 2+ letters),
// or npos when there is none.
std::size_t domain_end(std::string_view s, std::size_t i) {
  std::size_t e = i;
  while (e < s.size() && is_domain_char(s[e])) ++e;
  while (e > i && (s[e - 1] == '.' || s[e - 1] == '-')) --e;  // trailing punctuation
  const auto dot = s.substr(i, e - i).rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::string_view::npos;
  std::size_t letters = 0;
  for (std::size_t k = i + dot + 1; k < e; ++k) {
    const char c = s[k];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return std::string_view::npos;
    ++letters;
  }
  return letters >= 2 ? e : std::string_view::npos;
}

}  // namespace

std::string redact_personal_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t emitted = 0;  // s[emitted..i) not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '@') continue;
    // E-mail: local part right before '@' (not reaching into text already rewritten).
    std::size_t ls = i;
    while (ls > emitted && is_local_char(s[ls - 1])) --ls;
    while (ls < i && s[ls] == '.') ++ls;
    if (ls < i) {
      const std::size_t de = domain_end(s, i + 1);
      if (de != std::string_view::npos) {
        out.append(s.substr(emitted, ls - emitted));
        out += s[ls];
        out += "***@";
        out.append(s.substr(i + 1, de - i - 1));
        emitted = de;
        i = de - 1;
        continue;
      }
    }
    // Handle: '@' at a word start followed by [A-Za-z0-9_]+.
    const bool word_start = i == 0 || !(is_handle_char(s[i - 1]));
    std::size_t he = i + 1;
    while (he < s.size() && is_handle_char(s[he])) ++he;
    if (word_start && he > i + 1) {
      out.append(s.substr(emitted, i - emitted));
      out += '@';
      out += s[i + 1];
      out += "***";
      emitted = he;
      i = he - 1;
    }
  }
  out.append(s.substr(emitted));
  return out;
}

}  // namespace veille
