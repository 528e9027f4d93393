// Hand-written tokenizer over the folded view: words (elisions split, apostrophe words and
// hyphenated compounds kept whole with their parts), numbers, percentages, clock times,
// hashtags, mentions, URLs, e-mail addresses, emoji, punctuation and symbols; sentence and
// paragraph indices. ASCII takes a table-driven fast path.
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>

#include "text/tokenizer.hpp"
#include "text/utf8.hpp"

namespace veille::text_detail {
namespace {

enum Cls : std::uint8_t { cOther, cAlpha, cDigit, cSpace };

struct Table {
  std::uint8_t c[256];
  constexpr Table() : c{} {
    for (int i = 0; i < 256; ++i) {
      std::uint8_t k = cOther;
      if (i >= 'a' && i <= 'z')
        k = cAlpha;
      else if (i >= '0' && i <= '9')
        k = cDigit;
      else if (i == ' ')
        k = cSpace;
      c[i] = k;
    }
  }
};
constexpr Table kT;

inline std::uint8_t cls(unsigned char c) {
  return kT.c[c];
}

bool is_emoji(char32_t cp) {
  if (cp >= 0x1F1E6 && cp <= 0x1F1FF) return true;  // regional indicators
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EXTENDED_PICTOGRAPHIC);
}

bool in_list(std::string_view w, std::initializer_list<std::string_view> list) {
  for (auto x : list)
    if (w == x) return true;
  return false;
}

// English and Dutch possessive 's after a name ("Macron's lead", "Le Pen's camp"): the name is
// the token, the 's is left out, so that lexicons of names match. Contractions keep their 's
// ("it's", "that's", "let's": one token, as before).
bool is_possessive_stem(std::string_view w) {
  return w.size() >= 2 &&
         !in_list(w,
                  {"it",      "that",     "he",  "she",  "what",  "there",    "here",      "let",
                   "who",     "where",    "how", "when", "why",   "everyone", "everybody", "nobody",
                   "someone", "somebody", "one", "this", "today", "t"});
}

bool is_elision(std::string_view w) {
  switch (w.size()) {
    case 1:
      return in_list(w, {"l", "d", "j", "m", "n", "s", "t", "c"});
    case 2:
      return w == "qu" || w == "un";
    case 3:
      return w == "all";
    case 4:
      return in_list(w, {"dell", "nell", "dall", "sull"});
    case 5:
      return in_list(w, {"jusqu", "quell", "quest"});
    case 6:
      return in_list(w, {"lorsqu", "puisqu", "quoiqu"});
    default:
      return false;
  }
}

bool is_abbreviation(std::string_view w) {
  if (w.size() == 1) return true;  // initials: M. Macron, E. Philippe
  return in_list(w,
                 {"mme", "mlle", "mmes", "mr",  "mrs", "ms",   "dr",  "st",  "ste",  "me",  "pr",
                  "cf",  "pp",   "vol",  "no",  "art", "av",   "bd",  "ex",  "fig",  "jr",  "sr",
                  "vs",  "env",  "min",  "max", "p",   "dept", "gen", "col", "prof", "sen", "rep"});
}

// Words a German ordinal number comes before: months (folded) and rounds, ranks, places.
bool is_ordinal_noun(std::string_view w) {
  return in_list(w,
                 {"januar",   "janner", "februar",   "marz",      "maerz",   "april",    "mai",
                  "juni",     "juli",   "august",    "september", "oktober", "november", "dezember",
                  "wahlgang", "runde",  "durchgang", "platz",     "stelle",  "mal",      "tag"});
}

bool is_tld(std::string_view t) {
  return in_list(
      t, {"fr",   "com", "org", "net", "co",  "io",    "eu",   "be",  "ch",   "ca",    "info",
          "gouv", "tv",  "uk",  "de",  "es",  "it",    "ly",   "me",  "news", "re",    "gp",
          "mq",   "gf",  "yt",  "pm",  "nc",  "pf",    "wf",   "lu",  "mc",   "nl",    "us",
          "gl",   "gle", "int", "edu", "gov", "media", "live", "app", "site", "online"});
}

class Tokenizer {
 public:
  Tokenizer(std::string_view original, const FoldResult& f, TokenizeResult& out)
      : orig_(original), f_(f.text), segs_(f.segs), breaks_(f.breaks), out_(out) {}

  void run() {
    out_.tokens.clear();
    out_.sentences.clear();
    out_.paragraphs.clear();
    out_.tokens.reserve(f_.size() / 5 + 4);
    const std::size_t n = f_.size();
    std::size_t i = 0;
    while (i < n) {
      const unsigned char c = static_cast<unsigned char>(f_[i]);
      const std::uint8_t k = cls(c);
      if (k == cSpace) {
        while (bi_ < breaks_.size() && breaks_[bi_].first < i) ++bi_;
        if (bi_ < breaks_.size() && breaks_[bi_].first == i) {
          pending_sentence_ = true;
          if (breaks_[bi_].second >= 2) pending_paragraph_ = true;
          ++bi_;
        }
        ++i;
        continue;
      }
      if (k == cAlpha) {
        i = word_or_url(i);
      } else if (k == cDigit) {
        i = number(i);
      } else if (c < 0x80) {
        i = ascii_other(i);
      } else {
        i = non_ascii(i);
      }
    }
    close_spans();
  }

 private:
  // ---- helpers over the folded view ----
  char at(std::size_t i) const { return i < f_.size() ? f_[i] : '\0'; }
  bool alpha(std::size_t i) const { return i < f_.size() && cls(f_[i]) == cAlpha; }
  bool digit(std::size_t i) const { return i < f_.size() && cls(f_[i]) == cDigit; }
  // Whether a word character (ASCII letter/digit or a non-ASCII letter/digit/mark) starts at i;
  // sets len to its byte length.
  bool word_char(std::size_t i, std::size_t& len) const {
    if (i >= f_.size()) return false;
    unsigned char c = static_cast<unsigned char>(f_[i]);
    if (c < 0x80) {
      len = 1;
      std::uint8_t k = cls(c);
      return k == cAlpha || k == cDigit;
    }
    char32_t cp = 0;
    len = decode_utf8(f_, i, cp);
    if (len == 0) {
      len = 1;
      return false;
    }
    return (cp_entry(cp).flags & kWordChar) != 0 && !is_emoji(cp);
  }
  bool word_char(std::size_t i) const {
    std::size_t len;
    return word_char(i, len);
  }
  std::size_t scan_word(std::size_t i) const {
    const std::size_t n = f_.size();
    const char* p = f_.data();
    while (true) {
      while (i < n && kT.c[static_cast<unsigned char>(p[i])] - 1u < 2u) ++i;  // alpha, digit
      if (i == n || static_cast<unsigned char>(p[i]) < 0x80) return i;
      std::size_t len;
      if (!word_char(i, len)) return i;
      i += len;
    }
  }
  // A space of the folded view that does not stand for a line break.
  bool plain_space(std::size_t i) const {
    if (at(i) != ' ') return false;
    for (std::size_t b = bi_; b < breaks_.size() && breaks_[b].first <= i; ++b)
      if (breaks_[b].first == i) return false;
    return true;
  }
  bool starts_with(std::size_t i, std::string_view s) const {
    return f_.size() >= i + s.size() && std::memcmp(f_.data() + i, s.data(), s.size()) == 0;
  }
  // Word `w` at i not followed by a word character.
  bool word_at(std::size_t i, std::string_view w) const {
    return starts_with(i, w) && !word_char(i + w.size());
  }

  // ---- token kinds ----
  std::size_t word_or_url(std::size_t i) {
    const char c0 = f_[i];
    if ((c0 == 'h' && (starts_with(i, "http://") || starts_with(i, "https://"))) ||
        (c0 == 'w' && starts_with(i, "www.")))
      return url(i, i);
    std::size_t j = scan_word(i);
    const char next = at(j);
    if (next == '@' || next == '.' || next == '_' || next == '+' || next == '-') {
      std::size_t e = email(i);
      if (e) {
        emit(TokenKind::email, i, e);
        return e;
      }
    }
    if (next == '.') {
      std::size_t e = bare_url(i);
      if (e) return e;
    }
    return word_from(i, j);
  }

  // Word starting at i whose first run of word characters ends at j.
  std::size_t word_from(std::size_t i, std::size_t j) {
    if (at(j) == '\'' && word_char(j + 1) && is_elision(f_.substr(i, j - i))) {
      emit(TokenKind::word, i, j + 1, /*elision=*/true);
      return j + 1;
    }
    bool compound = false;
    while (true) {
      const char c = at(j);
      std::size_t len = 0;
      if (c == '\'' && at(j + 1) == 's' && !word_char(j + 2, len) && at(j + 2) != '\'' &&
          at(j + 2) != '-' && is_possessive_stem(f_.substr(i, j - i))) {
        Token& t = emit(TokenKind::word, i, j);
        if (compound) split_parts(t);
        return j + 2;  // the possessive 's is not a token
      }
      if (c == '\'' && word_char(j + 1)) {
        j = scan_word(j + 1);
      } else if (c == '-' && word_char(j + 1)) {
        compound = true;
        j = scan_word(j + 1);
      } else {
        break;
      }
    }
    Token& t = emit(TokenKind::word, i, j);
    if (compound) split_parts(t);
    return j;
  }

  // Parts of a hyphenated compound ("jean-luc" -> "jean", "luc").
  static void split_parts(Token& t) {
    std::string_view w = t.folded;
    std::size_t p = 0;
    while (p <= w.size()) {
      std::size_t q = w.find('-', p);
      if (q == std::string_view::npos) q = w.size();
      if (q > p) t.parts.emplace_back(w.substr(p, q - p));
      p = q + 1;
    }
  }

  std::size_t url(std::size_t start, std::size_t i) {
    std::size_t j = i;
    while (j < f_.size() && f_[j] != ' ' && f_[j] != '"' && f_[j] != '<' && f_[j] != '>') ++j;
    // Trailing punctuation belongs to the sentence, a closing parenthesis only when unopened.
    while (j > start) {
      char c = f_[j - 1];
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'') {
        --j;
      } else if (c == ')') {
        std::string_view body = f_.substr(start, j - start);
        if (std::count(body.begin(), body.end(), '(') < std::count(body.begin(), body.end(), ')'))
          --j;
        else
          break;
      } else {
        break;
      }
    }
    emit(TokenKind::url, start, j);
    return j;
  }

  // Domain without a scheme: host labels with a known top-level domain, optionally a path.
  std::size_t bare_url(std::size_t i) {
    std::size_t j = i, labels = 0, last = i;
    while (true) {
      std::size_t s = j;
      while (alpha(j) || digit(j) || at(j) == '-') ++j;
      if (j == s) return 0;
      ++labels;
      last = s;
      if (at(j) == '.' && (alpha(j + 1) || digit(j + 1))) {
        ++j;
        continue;
      }
      break;
    }
    if (labels < 2 || word_char(j)) return 0;
    if (!is_tld(f_.substr(last, j - last))) return 0;
    if (at(j) == '/') return url(i, j);
    emit(TokenKind::url, i, j);
    return j;
  }

  std::size_t email(std::size_t i) {
    std::size_t j = i;
    auto local = [&](char c) {
      return cls(c) == cAlpha || cls(c) == cDigit || c == '.' || c == '_' || c == '%' || c == '+' ||
             c == '-';
    };
    while (j < f_.size() && local(f_[j])) ++j;
    if (at(j) != '@' || j == i) return 0;
    ++j;
    std::size_t dots = 0, label = 0, last_label_alpha = 0;
    std::size_t s = j;
    while (j < f_.size()) {
      char c = f_[j];
      if (alpha(j) || digit(j) || c == '-') {
        ++label;
        if (alpha(j)) ++last_label_alpha;
        ++j;
      } else if (c == '.' && label > 0 && (alpha(j + 1) || digit(j + 1))) {
        ++dots;
        label = 0;
        last_label_alpha = 0;
        ++j;
      } else {
        break;
      }
    }
    if (j == s || dots == 0 || last_label_alpha < 2 || last_label_alpha != label) return 0;
    return j;
  }

  std::size_t number(std::size_t i) {
    std::size_t j = i;
    while (digit(j)) ++j;
    const std::size_t nd = j - i;
    const int value = nd == 1   ? f_[i] - '0'
                      : nd == 2 ? (f_[i] - '0') * 10 + (f_[i + 1] - '0')
                                : 100;
    // 20:00, 8:30 pm
    if (nd <= 2 && at(j) == ':' && digit(j + 1) && digit(j + 2) && !digit(j + 3) && value <= 24 &&
        (f_[j + 1] - '0') <= 5) {
      std::size_t e = j + 3;
      if (at(e) == ':' && digit(e + 1) && digit(e + 2) && !digit(e + 3)) e += 3;
      e = meridiem(e, value, e);
      emit(TokenKind::time, i, e);
      return e;
    }
    if (nd <= 2 && value <= 24) {
      std::size_t k = plain_space(j) ? j + 1 : j;
      if (at(k) == 'h' && !alpha(k + 1)) {
        std::size_t e = k + 1;
        if (digit(e) && digit(e + 1) && !digit(e + 2) && !alpha(e + 2) && f_[e] <= '5') {
          e += 2;
        } else if (plain_space(e) && digit(e + 1) && digit(e + 2) && !digit(e + 3) &&
                   !alpha(e + 3) && f_[e + 1] <= '5') {
          e += 3;
        } else if (digit(e)) {
          e = 0;  // 20h5x or 20h123: not a clock time
        }
        if (e) {
          emit(TokenKind::time, i, e);
          return e;
        }
      }
      if (value >= 1 && value <= 12) {
        std::size_t e = meridiem(j, value, 0);
        if (e) {
          emit(TokenKind::time, i, e);
          return e;
        }
      }
    }
    // Thousands groups with a space (NBSP/NNBSP are spaces in the folded view): 1 234 567.
    if (nd <= 3) {
      while (plain_space(j) && digit(j + 1) && digit(j + 2) && digit(j + 3) && !digit(j + 4) &&
             !alpha(j + 4))
        j += 4;
    }
    // Decimal comma/point and dotted or comma thousands groups: 52,3 / 1.234.567 / 3.5
    while ((at(j) == ',' || at(j) == '.') && digit(j + 1)) {
      j += 1;
      while (digit(j)) ++j;
    }
    if (alpha(j) || (static_cast<unsigned char>(at(j)) >= 0x80 && word_char(j))) {
      // 2e, 1er, 5km, 3eme: an alphanumeric word.
      std::size_t e = scan_word(j);
      return word_from(i, e);
    }
    // Percentages: 52,3 %, 52.3%, 52 pour cent, 52 per cent, 52 percent.
    std::size_t k = plain_space(j) ? j + 1 : j;
    if (at(k) == '%') {
      emit(TokenKind::percent, i, k + 1);
      return k + 1;
    }
    {
      std::size_t kk = plain_space(j) ? j + 1 : 0;
      if (kk) {
        for (std::string_view w : {"pour cent", "per cent", "percent", "pourcent", "pct"}) {
          if (w.find(' ') != std::string_view::npos) {
            // The space inside the phrase must not be a line break either.
            std::size_t sp = kk + w.find(' ');
            if (word_at(kk, w) && plain_space(sp)) {
              emit(TokenKind::percent, i, kk + w.size());
              return kk + w.size();
            }
          } else if (word_at(kk, w)) {
            emit(TokenKind::percent, i, kk + w.size());
            return kk + w.size();
          }
        }
      }
    }
    emit(TokenKind::number, i, j);
    return j;
  }

  // "am"/"pm"/"a.m."/"p.m." after an hour (optionally after a plain space); returns the end, or
  // `fail` when absent.
  std::size_t meridiem(std::size_t j, int hour, std::size_t fail) const {
    if (hour < 1 || hour > 12) return fail;
    std::size_t k = plain_space(j) ? j + 1 : j;
    if ((at(k) == 'a' || at(k) == 'p') && at(k + 1) == 'm' && !word_char(k + 2)) return k + 2;
    if ((at(k) == 'a' || at(k) == 'p') && at(k + 1) == '.' && at(k + 2) == 'm' && at(k + 3) == '.')
      return k + 4;
    return fail;
  }

  std::size_t ascii_other(std::size_t i) {
    const char c = f_[i];
    if (c == '#') {
      std::size_t j = i + 1, len;
      while (word_char(j, len) || at(j) == '_') j += (at(j) == '_' ? 1 : len);
      if (j > i + 1 && !(j == i + 2 && at(i + 1) == '_')) {
        Token& t = emit(TokenKind::hashtag, i, j);
        hashtag_parts(t);
        return j;
      }
    } else if (c == '@') {
      std::size_t j = i + 1, len;
      while (word_char(j, len) || at(j) == '_' || (at(j) == '.' && word_char(j + 1)))
        j += (word_char(j, len) ? len : 1);
      if (j > i + 1) {
        emit(TokenKind::mention, i, j);
        return j;
      }
    }
    std::size_t j = i + 1;
    if (c == '.' || c == '!' || c == '?') {
      while (at(j) == '.' || at(j) == '!' || at(j) == '?') ++j;
    }
    const bool symbol = c == '%' || c == '$' || c == '+' || c == '=' || c == '<' || c == '>' ||
                        c == '|' || c == '~' || c == '^' || c == '#' || c == '@' || c == '*' ||
                        c == '&';
    Token& t = emit(symbol ? TokenKind::symbol : TokenKind::punct, i, j);
    if (c == '.' || c == '!' || c == '?') sentence_end(t);
    return j;
  }

  std::size_t non_ascii(std::size_t i) {
    char32_t cp = 0;
    std::size_t len = decode_utf8(f_, i, cp);
    if (len == 0) len = 1;  // cannot happen: the folded view is valid UTF-8
    if (is_emoji(cp)) {
      std::size_t j = i + len;
      bool ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
      while (j < f_.size()) {
        char32_t nx = 0;
        std::size_t l = decode_utf8(f_, j, nx);
        if (l == 0) break;
        if ((nx >= 0x1F3FB && nx <= 0x1F3FF) || nx == 0x20E3) {
          j += l;
        } else if (ri && nx >= 0x1F1E6 && nx <= 0x1F1FF) {
          j += l;
          ri = false;
        } else if (!ri && is_emoji(nx) && dropped_zwj_at(j)) {
          j += l;  // ZWJ sequence (the joiner itself is folded away): one emoji
        } else {
          break;
        }
      }
      Token& t = emit(TokenKind::emoji, i, j);
      // The variation selectors and joiners folded away after an emoji belong to it.
      t.span.end = dropped_end(j, t.span.end);
      if (!out_.sentences.empty()) out_.sentences.back().end = t.span.end;
      if (!out_.paragraphs.empty()) out_.paragraphs.back().end = t.span.end;
      return j;
    }
    const CpEntry& e = cp_entry(cp);
    if (e.flags & kWordChar) return word_or_url(i);
    const std::int8_t type = u_charType(static_cast<UChar32>(cp));
    const bool punct = (U_MASK(type) & U_GC_P_MASK) != 0;
    Token& t = emit(punct ? TokenKind::punct : TokenKind::symbol, i, i + len);
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0x061F || cp == 0x0964)
      sentence_end(t);
    return i + len;
  }

  // Zero-length pieces (dropped input) at folded offset f: their original range, or
  // [end, end) when there are none.
  std::pair<std::size_t, std::size_t> dropped_at(std::size_t f, std::size_t end) const {
    auto it = std::lower_bound(segs_.begin(), segs_.end() - 1, f,
                               [](const Seg& s, std::size_t v) { return s.f < v; });
    std::size_t k = static_cast<std::size_t>(it - segs_.begin());
    const std::size_t k0 = k;
    while (k + 1 < segs_.size() && segs_[k].f == f && segs_[k + 1].f == f) ++k;
    if (k == k0) return {end, end};
    return {segs_[k0].orig(), segs_[k].orig()};
  }
  std::size_t dropped_end(std::size_t f, std::size_t end) const {
    auto [a, b] = dropped_at(f, end);
    return a == end ? b : end;
  }
  bool dropped_zwj_at(std::size_t f) const {
    auto [a, b] = dropped_at(f, 0);
    return b > a && orig_.substr(a, b - a).find("\xE2\x80\x8D") != std::string_view::npos;
  }

  // Camel-case, digit and underscore parts of a hashtag, taken from the original spelling.
  void hashtag_parts(Token& t) {
    std::string_view o = orig_.substr(t.span.start, t.span.end - t.span.start);
    std::size_t p = 0;
    char32_t cp = 0;
    std::size_t l = decode_utf8(o, 0, cp);
    p = l ? l : 1;  // skip '#' (or a fullwidth number sign)
    enum { none, up, low, dig } prev = none, prev2 = none;
    std::size_t part_start = p;
    std::string cur;
    auto flush = [&](std::size_t end) {
      if (end > part_start) {
        std::string f = fold(o.substr(part_start, end - part_start));
        if (!f.empty()) t.parts.push_back(std::move(f));
      }
    };
    while (p < o.size()) {
      l = decode_utf8(o, p, cp);
      if (l == 0) {
        flush(p);
        ++p;
        part_start = p;
        prev = prev2 = none;
        continue;
      }
      const CpEntry& e = cp_entry(cp);
      if (e.kind == kDrop || (U_GET_GC_MASK(cp) & U_GC_M_MASK)) {
        p += l;
        continue;
      }
      const UChar32 u = static_cast<UChar32>(cp);
      auto cur_cls = u_isupper(u) || u_istitle(u) ? up
                     : u_isalpha(u)               ? low
                     : u_isdigit(u)               ? dig
                                                  : none;
      if (cur_cls == none) {
        flush(p);
        p += l;
        part_start = p;
        prev = prev2 = none;
        continue;
      }
      bool boundary = false;
      std::size_t cut = p;
      if (prev != none) {
        if ((cur_cls == dig) != (prev == dig))
          boundary = true;
        else if (cur_cls == up && prev == low)
          boundary = true;
        else if (cur_cls == low && prev == up && prev2 == up) {
          boundary = true;
          cut = last_start_;
        }
      }
      if (boundary && cut > part_start) {
        flush(cut);
        part_start = cut;
      }
      last_start_ = p;
      prev2 = prev;
      prev = cur_cls;
      p += l;
    }
    flush(o.size());
  }

  void sentence_end(const Token& t) {
    if (t.folded == "." && out_.tokens.size() >= 2) {
      const Token& prev = out_.tokens[out_.tokens.size() - 2];
      if (prev.kind == TokenKind::word && prev.fspan.end == t.fspan.start &&
          is_abbreviation(prev.folded))
        return;
      // A German ordinal ("am 14. April", "im 2. Wahlgang"): a day or rank number glued to
      // the dot and followed by a month or a round word does not end the sentence.
      if (prev.kind == TokenKind::number && prev.fspan.end == t.fspan.start &&
          prev.folded.size() <= 2 && is_ordinal_noun(word_after(t.fspan.end)))
        return;
    }
    pending_sentence_ = true;
  }

  // The run of ASCII letters after the spaces that follow folded offset `i`.
  std::string_view word_after(std::size_t i) const {
    std::string_view v(f_);
    if (i >= v.size() || v[i] != ' ') return {};
    while (i < v.size() && v[i] == ' ') ++i;
    std::size_t j = i;
    while (j < v.size() && v[j] >= 'a' && v[j] <= 'z') ++j;
    return v.substr(i, j - i);
  }

  // ---- emission ----
  std::size_t start_of(std::size_t f) {
    // Last piece with f_k <= f (pieces are visited in increasing order).
    while (sk_ + 1 < segs_.size() - 1 && segs_[sk_ + 1].f <= f) ++sk_;
    const Seg& s = segs_[sk_];
    return s.linear() ? s.orig() + (f - s.f) : s.orig();
  }
  std::size_t end_of(std::size_t fe) {
    const std::size_t f = fe - 1;
    if (ek_ < sk_) ek_ = sk_;
    while (ek_ + 1 < segs_.size() - 1 && segs_[ek_ + 1].f <= f) ++ek_;
    const Seg& s = segs_[ek_];
    return s.linear() ? s.orig() + (fe - s.f) : segs_[ek_ + 1].orig();
  }

  Token& emit(TokenKind kind, std::size_t fs, std::size_t fe, bool elision = false) {
    const bool closing = kind == TokenKind::punct && fe == fs + 1 &&
                         (f_[fs] == '"' || f_[fs] == ')' || f_[fs] == ']' || f_[fs] == '\'');
    if (!out_.tokens.empty() && !closing) {
      if (pending_paragraph_) {
        ++paragraph_;
        ++sentence_;
      } else if (pending_sentence_) {
        ++sentence_;
      }
      pending_paragraph_ = pending_sentence_ = false;
    } else if (out_.tokens.empty()) {
      pending_paragraph_ = pending_sentence_ = false;
    }
    // Constructed in place by parenthesised aggregate initialisation: value-initialising a
    // Token zero-fills the whole object with a `rep stos` first (a fifth of the tokenizer's
    // time), and a temporary costs a move.
    const Span span{start_of(fs), end_of(fe)};
    Token& t =
        out_.tokens.emplace_back(kind, span, Span{fs, fe}, std::string(f_.data() + fs, fe - fs),
                                 std::vector<std::string>{}, sentence_, paragraph_, elision);
    extend(out_.sentences, t.sentence, t.span);
    extend(out_.paragraphs, t.paragraph, t.span);
    return t;
  }

  static void extend(std::vector<Span>& spans, std::uint32_t index, Span s) {
    if (spans.size() <= index) {
      spans.push_back(s);
    } else {
      spans.back().end = s.end;
    }
  }

  void close_spans() {}

  std::string_view orig_;
  std::string_view f_;
  const std::vector<Seg>& segs_;
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& breaks_;
  TokenizeResult& out_;
  std::size_t bi_ = 0;
  std::size_t sk_ = 0, ek_ = 0;
  std::size_t last_start_ = 0;
  std::uint32_t sentence_ = 0, paragraph_ = 0;
  bool pending_sentence_ = false, pending_paragraph_ = false;
};

}  // namespace

void tokenize(std::string_view original, const FoldResult& folded, TokenizeResult& out) {
  Tokenizer(original, folded, out).run();
}

}  // namespace veille::text_detail
