// The folding pass: original UTF-8 -> folded view + offset map. ASCII runs take a fast path;
// other code points go through the per-code-point table (fold_table.cpp). Confusable letters
// are mapped to Latin only inside words that also hold Latin letters; leetspeak digits are
// mapped afterwards, only inside letter/digit runs that look like disguised words.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "text/fold_internal.hpp"
#include "text/utf8.hpp"

namespace veille::text_detail {
namespace {

enum AsciiClass : std::uint8_t { aPunct, aLower, aUpper, aDigit, aSpace, aDrop, aBacktick };

struct AsciiTable {
  std::uint8_t cls[128];
  constexpr AsciiTable() : cls{} {
    for (int c = 0; c < 128; ++c) {
      std::uint8_t k = aPunct;
      if (c >= 'a' && c <= 'z')
        k = aLower;
      else if (c >= 'A' && c <= 'Z')
        k = aUpper;
      else if (c >= '0' && c <= '9')
        k = aDigit;
      else if (c == ' ' || (c >= 9 && c <= 13))
        k = aSpace;
      else if (c < 32 || c == 127)
        k = aDrop;
      else if (c == '`')
        k = aBacktick;
      cls[c] = k;
    }
  }
};
constexpr AsciiTable kAscii;

char leet_letter(char d) {
  switch (d) {
    case '0':
      return 'o';
    case '1':
      return 'i';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '8':
      return 'b';
    case '9':
      return 'g';
    default:
      return 0;
  }
}

inline bool is_alnum_ascii(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// Rewrites leetspeak digits inside the letter/digit run [a, b) of `t`.
// A run of at most two digits between letters is mapped when the run holds at least three
// letters (M4cr0n, s0ndage); once a run has such an interior group, single digits at its ends
// are mapped too (dr0g3). Times (20h30), ordinals (2e, 1er), codes (G7, mp3, B2B) stay.
void rewrite_leet_run(std::string& t, std::size_t a, std::size_t b) {
  struct Group {
    std::size_t s, e;
    bool digit;
  };
  Group groups[64];
  std::size_t ng = 0, letters = 0;
  for (std::size_t i = a; i < b;) {
    bool d = t[i] >= '0' && t[i] <= '9';
    std::size_t j = i;
    while (j < b && ((t[j] >= '0' && t[j] <= '9') == d)) ++j;
    if (ng == 64) return;  // not a word
    groups[ng++] = {i, j, d};
    if (!d) letters += j - i;
    i = j;
  }
  if (letters < 3) return;
  auto mappable = [&](const Group& g) {
    for (std::size_t i = g.s; i < g.e; ++i)
      if (!leet_letter(t[i])) return false;
    return true;
  };
  bool interior = false;
  for (std::size_t g = 1; g + 1 < ng; ++g)
    if (groups[g].digit && groups[g].e - groups[g].s <= 2 && mappable(groups[g])) interior = true;
  if (!interior) return;
  for (std::size_t g = 0; g < ng; ++g) {
    const Group& gr = groups[g];
    if (!gr.digit || !mappable(gr)) continue;
    bool inner = g > 0 && g + 1 < ng;
    std::size_t len = gr.e - gr.s;
    if ((inner && len <= 2) || (!inner && len == 1))
      for (std::size_t i = gr.s; i < gr.e; ++i) t[i] = leet_letter(t[i]);
  }
}

void rewrite_leet(std::string& t, const std::vector<std::uint32_t>& cands) {
  std::size_t done = 0;
  for (std::uint32_t f : cands) {
    if (f < done || f >= t.size()) continue;
    std::size_t a = f, b = f;
    while (a > 0 && is_alnum_ascii(t[a - 1])) --a;
    while (b < t.size() && is_alnum_ascii(t[b])) ++b;
    done = b;
    // Leave URLs, e-mail addresses and mentions alone: look at the surrounding chunk.
    bool skip = false;
    for (std::size_t i = a, n = 0; i > 0 && n < 256 && t[i - 1] != ' '; --i, ++n) {
      char c = t[i - 1];
      if (c == '/' || c == '@' || c == ':' || c == '=' || c == '&' || c == '?') skip = true;
    }
    for (std::size_t i = b, n = 0; i < t.size() && n < 256 && t[i] != ' '; ++i, ++n) {
      char c = t[i];
      if (c == '/' || c == '@' || c == '=' || c == '&' || c == '?') skip = true;
    }
    if (!skip) rewrite_leet_run(t, a, b);
  }
}

inline bool ascii_letter(char c) {
  return c >= 'a' && c <= 'z';
}

// Original offset of folded byte f, and whether f starts a piece or lies in a linear one
// (so that a new piece can begin exactly there).
bool cut_point(const std::vector<Seg>& segs, std::size_t f, std::uint32_t& orig, bool& linear) {
  auto it = std::upper_bound(segs.begin(), segs.end() - 1, f,
                             [](std::size_t v, const Seg& s) { return v < s.f; });
  const Seg& s = *(it - 1);
  if (s.f == f) {
    orig = s.orig();
    linear = s.linear();
    return true;
  }
  if (!s.linear()) return false;
  orig = static_cast<std::uint32_t>(s.orig() + (f - s.f));
  linear = true;
  return true;
}

// Letters spelled out one by one ("s o n d a g e", at least four) are joined into a word: the
// spaces between them leave the folded view and each letter maps to itself plus the space
// after it. Only whole runs of single letters are joined (a single letter word next to a
// longer word, as in "il y a", is never touched).
void join_spaced_letters(FoldResult& r, bool with_map) {
  std::string& t = r.text;
  const std::size_t n = t.size();
  constexpr std::size_t kMinLetters = 4;
  struct Run {
    std::size_t a, b;  // folded [a, b): "x y z w"
  };
  std::vector<Run> runs;
  for (std::size_t i = 0; i + 2 < n; ++i) {
    if (t[i + 1] != ' ' || !ascii_letter(t[i]) || !ascii_letter(t[i + 2])) continue;
    if (i > 0 && t[i - 1] != ' ') continue;  // the first letter must stand alone
    std::size_t j = i, count = 1;
    while (j + 2 < n && t[j + 1] == ' ' && ascii_letter(t[j + 2]) &&
           (j + 3 == n || !std::isalnum(static_cast<unsigned char>(t[j + 3])))) {
      j += 2;
      ++count;
    }
    if (count >= kMinLetters &&
        (j + 1 == n || t[j + 1] == ' ' || !std::isalnum(static_cast<unsigned char>(t[j + 1]))))
      runs.push_back({i, j + 1});
    i = j;
  }
  // Keep only runs whose inner spaces carry no line break and, with a map, whose ends can
  // start pieces.
  std::vector<Run> ok;
  std::size_t bk = 0;
  for (const Run& whole : runs) {
    // A line break splits a run (runs and breaks are both in order: one pointer walks the
    // breaks); each part needs four letters again.
    while (bk < r.breaks.size() && r.breaks[bk].first <= whole.a) ++bk;
    std::size_t a = whole.a;
    while (a < whole.b) {
      std::size_t b = whole.b;
      if (bk < r.breaks.size() && r.breaks[bk].first < whole.b) b = r.breaks[bk++].first;
      const Run run{a, b};
      a = b + 1;
      if ((run.b - run.a + 1) / 2 < kMinLetters) continue;
      std::uint32_t o;
      bool lin;
      if (with_map && (!cut_point(r.segs, run.a, o, lin) || !cut_point(r.segs, run.b, o, lin)))
        continue;
      ok.push_back(run);
    }
  }
  if (ok.empty()) return;
  if (!with_map) {
    std::string out;
    out.reserve(n);
    std::size_t p = 0;
    for (const Run& run : ok) {
      out.append(t, p, run.a - p);
      for (std::size_t k = run.a; k < run.b; k += 2) out.push_back(t[k]);
      p = run.b;
    }
    out.append(t, p, n - p);
    t.swap(out);
    return;
  }
  std::vector<Seg> segs;
  segs.reserve(r.segs.size() + ok.size() * 8);
  std::string out;
  out.reserve(n);
  std::size_t removed = 0, si = 0, p = 0;
  auto shifted = [&](Seg s) {
    s.f = static_cast<std::uint32_t>(s.f - removed);
    return s;
  };
  for (const Run& run : ok) {
    // Pieces before the run, unchanged (shifted by what earlier runs removed).
    while (si + 1 < r.segs.size() && r.segs[si].f < run.a) segs.push_back(shifted(r.segs[si++]));
    out.append(t, p, run.a - p);
    // One piece per letter: the letter and the space after it.
    for (std::size_t k = run.a; k < run.b; k += 2) {
      std::uint32_t o = 0;
      bool lin = false;
      cut_point(r.segs, k, o, lin);
      segs.push_back({static_cast<std::uint32_t>(out.size()), o});
      out.push_back(t[k]);
    }
    removed += (run.b - run.a) / 2;
    // The piece that holds the end of the run restarts right after it.
    std::uint32_t o = 0;
    bool lin = false;
    cut_point(r.segs, run.b, o, lin);
    while (si + 1 < r.segs.size() && r.segs[si].f <= run.b) {
      if (r.segs[si].f == run.b) break;
      ++si;
    }
    if (si + 1 < r.segs.size() && r.segs[si].f == run.b) {
      // a piece starts exactly at the end: copied by the next loop
    } else {
      segs.push_back({static_cast<std::uint32_t>(run.b - removed), o | (lin ? Seg::kLinear : 0u)});
    }
    p = run.b;
  }
  while (si < r.segs.size()) segs.push_back(shifted(r.segs[si++]));
  out.append(t, p, n - p);
  std::size_t before = 0, ri = 0;
  for (auto& br : r.breaks) {
    for (; ri < ok.size() && ok[ri].b <= br.first; ++ri) before += (ok[ri].b - ok[ri].a) / 2;
    br.first = static_cast<std::uint32_t>(br.first - before);
  }
  t.swap(out);
  r.segs.swap(segs);
}

class Folder {
 public:
  Folder(std::string_view in, FoldResult& out, bool with_map)
      : in_(in), out_(out), map_(with_map) {}

  void run() {
    out_.segs.clear();
    out_.breaks.clear();
    out_.invalid_utf8 = false;
    // The output buffer is sized ahead and written through a pointer; w_ is its logical size.
    // ASCII never expands, so the fast path only needs room for the rest of the input.
    std::string& t = out_.text;
    t.clear();
    t.resize(in_.size() + 16);
    w_ = 0;
    if (map_) out_.segs.reserve(in_.size() / 8 + 8);
    const auto* s = reinterpret_cast<const unsigned char*>(in_.data());
    const std::size_t n = in_.size();
    std::size_t i = 0;
    while (i < n) {
      unsigned c = s[i];
      if (c < 0x80) {
        std::uint8_t k = kAscii.cls[c];
        if (k == aSpace) {
          i = whitespace_run(i);
          continue;
        }
        if (k == aDrop) {
          drop(i);
          ++i;
          continue;
        }
        // ASCII fast path: a run of letters, digits and punctuation, byte for byte.
        begin_linear(i);
        ensure(n - i);
        char* o = t.data();
        std::size_t w = w_;
        while (true) {
          if (k == aLower) {
            if (prev_ == aDigit) leet_.push_back(static_cast<std::uint32_t>(w));
            o[w++] = static_cast<char>(c);
            ++i;
            while (i < n && static_cast<unsigned>(s[i] - 'a') < 26u)
              o[w++] = static_cast<char>(s[i++]);
            word_latin_ = true;
          } else if (k == aDigit) {
            if (prev_ == aLower) leet_.push_back(static_cast<std::uint32_t>(w));
            o[w++] = static_cast<char>(c);
            ++i;
            while (i < n && static_cast<unsigned>(s[i] - '0') < 10u)
              o[w++] = static_cast<char>(s[i++]);
          } else if (k == aUpper) {
            if (prev_ == aDigit) leet_.push_back(static_cast<std::uint32_t>(w));
            o[w++] = static_cast<char>(c + 32);
            ++i;
            k = aLower;
            word_latin_ = true;
          } else if (k == aBacktick) {
            o[w++] = '\'';
            ++i;
            word_latin_ = false;
            k = aPunct;
          } else {
            o[w++] = static_cast<char>(c);
            ++i;
            word_latin_ = false;
          }
          prev_ = k;
          if (i == n) break;
          c = s[i];
          if (c >= 0x80) break;
          k = kAscii.cls[c];
          if (k == aSpace) {
            // A single ' ' between two non-space ASCII bytes stays in the linear piece.
            if (c == ' ' && i + 1 < n && s[i + 1] < 0x80 && kAscii.cls[s[i + 1]] != aSpace &&
                kAscii.cls[s[i + 1]] != aDrop) {
              note_space(o, w);
              o[w++] = ' ';
              prev_ = aSpace;
              word_latin_ = false;
              ++i;
              c = s[i];
              k = kAscii.cls[c];
              continue;
            }
            break;
          }
          if (k == aDrop) break;
        }
        w_ = w;
        continue;
      }
      char32_t cp = 0;
      std::size_t len = decode_utf8(in_, i, cp);
      if (len == 0) {
        out_.invalid_utf8 = true;
        begin_piece(i);
        put("\xEF\xBF\xBD", 3);
        prev_ = aPunct;
        word_latin_ = false;
        ++i;
        continue;
      }
      const CpEntry& e = cp_entry(cp);
      switch (e.kind) {
        case kSpace:
          i = whitespace_run(i);
          continue;
        case kDrop:
          drop(i);
          i += len;
          continue;
        case kLong: {
          begin_piece(i);
          const std::string f = fold_code_point(cp);
          put(f.data(), f.size());
          prev_ = (e.flags & kLetter) ? aLower : aPunct;
          if (!(e.flags & kWordChar)) word_latin_ = false;
          i += len;
          continue;
        }
        default:
          break;
      }
      begin_piece(i);
      if (e.latin && mixed_word(i, len)) {
        if (prev_ == aDigit) leet_.push_back(static_cast<std::uint32_t>(w_));
        put(&e.latin, 1);
        prev_ = aLower;
        word_latin_ = true;
      } else {
        const std::size_t at = w_;
        put(e.bytes, e.len);
        if (e.flags & kLetter) {
          if (e.flags & kLatinScript) word_latin_ = true;
          // A folded Latin letter (é -> e) counts as a letter for the leetspeak pass.
          bool ascii_letter = e.len == 1 && e.bytes[0] >= 'a' && e.bytes[0] <= 'z';
          if (ascii_letter && prev_ == aDigit) leet_.push_back(static_cast<std::uint32_t>(at));
          prev_ = ascii_letter ? aLower : aPunct;
        } else if (e.len == 1 && e.bytes[0] >= '0' && e.bytes[0] <= '9') {
          if (prev_ == aLower) leet_.push_back(static_cast<std::uint32_t>(at));
          prev_ = aDigit;
        } else {
          prev_ = aPunct;
          if (!(e.flags & kWordChar)) word_latin_ = false;
        }
      }
      i += len;
    }
    t.resize(w_);
    if (map_) out_.segs.push_back({static_cast<std::uint32_t>(w_), static_cast<std::uint32_t>(n)});
    if (!leet_.empty()) rewrite_leet(t, leet_);
    if (spaced_) join_spaced_letters(out_, map_);
  }

 private:
  std::uint32_t fpos() const { return static_cast<std::uint32_t>(w_); }
  // Called before a space is written at w: counts single-letter words in a row, so that the
  // spelled-out-letters pass only runs when there may be something to join.
  void note_space(const char* o, std::size_t w) {
    if (w >= 1 && o[w - 1] >= 'a' && o[w - 1] <= 'z' && (w == 1 || o[w - 2] == ' ')) {
      if (++singles_ >= 3) spaced_ = true;
    } else {
      singles_ = 0;
    }
  }
  void ensure(std::size_t k) {
    std::string& t = out_.text;
    if (w_ + k > t.size()) t.resize(std::max(t.size() * 2, w_ + k + 16));
  }
  void put(const char* p, std::size_t k) {
    ensure(k);
    std::memcpy(out_.text.data() + w_, p, k);
    w_ += k;
  }

  void begin_linear(std::size_t i) {
    if (!map_ || linear_) return;
    out_.segs.push_back({fpos(), static_cast<std::uint32_t>(i) | Seg::kLinear});
    linear_ = true;
  }
  void begin_piece(std::size_t i) {
    linear_ = false;
    if (map_) out_.segs.push_back({fpos(), static_cast<std::uint32_t>(i)});
  }
  void drop(std::size_t i) {
    if (!map_) return;
    // Consecutive dropped characters share one zero-length piece.
    if (!linear_ && !out_.segs.empty() && out_.segs.back().f == fpos()) return;
    linear_ = false;
    out_.segs.push_back({fpos(), static_cast<std::uint32_t>(i)});
  }

  // Consumes a run of whitespace (and ignorable characters inside it) starting at i; emits one
  // space and records line breaks. Returns the index after the run.
  std::size_t whitespace_run(std::size_t i) {
    const std::size_t start = i, n = in_.size();
    const auto* s = reinterpret_cast<const unsigned char*>(in_.data());
    std::uint32_t breaks = 0;
    while (i < n) {
      unsigned c = s[i];
      if (c < 0x80) {
        std::uint8_t k = kAscii.cls[c];
        if (k == aSpace) {
          if (c == '\n' || (c == '\r' && !(i + 1 < n && s[i + 1] == '\n'))) ++breaks;
          ++i;
          continue;
        }
        if (k == aDrop) {
          ++i;
          continue;
        }
        break;
      }
      char32_t cp = 0;
      std::size_t len = decode_utf8(in_, i, cp);
      if (len == 0) break;
      const CpEntry& e = cp_entry(cp);
      if (e.kind == kSpace) {
        if (e.flags & kNewline) breaks += cp == 0x2029 ? 2 : 1;  // U+2029 ends a paragraph
      } else if (e.kind != kDrop) {
        break;
      }
      i += len;
    }
    if (i - start == 1 && s[start] == ' ') {
      begin_linear(start);
    } else {
      begin_piece(start);
    }
    if (breaks) out_.breaks.emplace_back(fpos(), breaks);
    note_space(out_.text.data(), w_);
    put(" ", 1);
    prev_ = aSpace;
    word_latin_ = false;
    return i;
  }

  // Whether the word around the confusable letter at [i, i+len) also holds Latin letters.
  bool mixed_word(std::size_t i, std::size_t len) {
    if (word_latin_) return true;
    if (i < decided_until_) return decided_mixed_;
    const auto* s = reinterpret_cast<const unsigned char*>(in_.data());
    std::size_t j = i + len;
    bool found = false;
    while (j < in_.size()) {
      unsigned c = s[j];
      if (c < 0x80) {
        std::uint8_t k = kAscii.cls[c];
        if (k == aLower || k == aUpper) {
          found = true;
          break;
        }
        if (k == aDigit || k == aDrop) {
          ++j;
          continue;
        }
        break;
      }
      char32_t cp = 0;
      std::size_t l = decode_utf8(in_, j, cp);
      if (l == 0) break;
      const CpEntry& e = cp_entry(cp);
      if (e.kind == kDrop) {
        j += l;
        continue;
      }
      if (!(e.flags & kWordChar)) break;
      if (e.flags & kLatinScript) {
        found = true;
        break;
      }
      j += l;
    }
    decided_until_ = j;
    decided_mixed_ = found;
    return found;
  }

  std::string_view in_;
  FoldResult& out_;
  bool map_;
  bool linear_ = false;
  bool word_latin_ = false;
  std::uint8_t prev_ = aSpace;
  std::size_t decided_until_ = 0;
  bool decided_mixed_ = false;
  std::vector<std::uint32_t> leet_;
  std::size_t w_ = 0;  // bytes written to out_.text
  std::uint32_t singles_ = 0;
  bool spaced_ = false;
};

}  // namespace

void fold_text(std::string_view in, FoldResult& out, bool with_map) {
  Folder(in, out, with_map).run();
}

namespace {
// Index of the piece holding folded byte f (the last piece with f_k <= f and a non-empty
// range), for f < folded size.
std::size_t piece_of(const std::vector<Seg>& segs, std::size_t f) {
  auto it = std::upper_bound(segs.begin(), segs.end() - 1, f,
                             [](std::size_t v, const Seg& s) { return v < s.f; });
  return static_cast<std::size_t>(it - segs.begin()) - 1;
}
}  // namespace

std::size_t map_start(const std::vector<Seg>& segs, std::size_t f) {
  if (segs.empty()) return 0;
  const Seg& last = segs.back();
  if (f >= last.f) return last.orig();
  const std::size_t k = piece_of(segs, f);
  const Seg& s = segs[k];
  return s.linear() ? s.orig() + (f - s.f) : s.orig();
}

std::size_t map_end(const std::vector<Seg>& segs, std::size_t f_end) {
  if (segs.empty()) return 0;
  if (f_end == 0) return segs.front().orig();
  const Seg& last = segs.back();
  if (f_end > last.f) return last.orig();
  const std::size_t k = piece_of(segs, f_end - 1);
  const Seg& s = segs[k];
  return s.linear() ? s.orig() + (f_end - s.f) : segs[k + 1].orig();
}

}  // namespace veille::text_detail
