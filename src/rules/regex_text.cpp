// Pattern text helpers: the \b rewrite (RE2's \b is ASCII-only), prefilter and ripgrep forms,
// quoting of literals.
#include <string>
#include <string_view>
#include <vector>

#include "veille/rules.hpp"

namespace veille {
namespace {

// A lexical piece of a pattern: what matters for the rewrite is groups, alternation and \b.
struct Piece {
  enum Kind { open, close, bar, boundary, other } kind = other;
  std::size_t begin = 0, end = 0;  // bytes in the pattern
};

// Adjacent literal pieces become one: the rewrite only looks at groups, bars and \b, and a
// piece per byte made splitting the pack's long alternations allocation-bound.
void push(std::vector<Piece>& out, const Piece& piece, bool merge = true) {
  if (merge && piece.kind == Piece::other && !out.empty() && out.back().kind == Piece::other &&
      out.back().end == piece.begin)
    out.back().end = piece.end;
  else
    out.push_back(piece);
}

std::vector<Piece> split_pattern(std::string_view p, bool merge = true) {
  std::vector<Piece> out;
  out.reserve(p.size() / 4 + 4);

  std::size_t i = 0;
  while (i < p.size()) {
    Piece piece;
    piece.begin = i;
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      char n = p[i + 1];
      piece.kind = n == 'b' ? Piece::boundary : Piece::other;
      i += 2;
      if ((n == 'p' || n == 'P') && i < p.size() && p[i] == '{') {
        while (i < p.size() && p[i] != '}') ++i;
        if (i < p.size()) ++i;
      } else if (n == 'x' && i < p.size() && p[i] == '{') {
        while (i < p.size() && p[i] != '}') ++i;
        if (i < p.size()) ++i;
      } else if (n == 'Q') {  // \Q...\E literal text
        std::size_t e = p.find("\\E", i);
        i = e == std::string_view::npos ? p.size() : e + 2;
      }
    } else if (c == '[') {  // character class, up to its closing ]
      ++i;
      if (i < p.size() && p[i] == '^') ++i;
      if (i < p.size() && p[i] == ']') ++i;
      while (i < p.size() && p[i] != ']') {
        if (p[i] == '\\' && i + 1 < p.size())
          i += 2;
        else if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == ':') {
          std::size_t e = p.find(":]", i + 2);
          i = e == std::string_view::npos ? i + 1 : e + 2;
        } else
          ++i;
      }
      if (i < p.size()) ++i;
    } else if (c == '(') {
      ++i;
      if (i < p.size() && p[i] == '?') {
        // (?flags) alone is not a group opener; (?flags:...), (?:...), (?P<n>...) are.
        std::size_t j = i + 1;
        while (j < p.size() && p[j] != ')' && p[j] != ':' && p[j] != '<') ++j;
        if (j < p.size() && p[j] == ')') {
          i = j + 1;
          piece.kind = Piece::other;
          piece.end = i;
          push(out, piece, merge);
          continue;
        }
        if (j < p.size() && p[j] == '<') j = p.find('>', j);
        i = j == std::string_view::npos ? p.size() : j + 1;
      }
      piece.kind = Piece::open;
    } else if (c == ')') {
      piece.kind = Piece::close;
      ++i;
    } else if (c == '|') {
      piece.kind = Piece::bar;
      ++i;
    } else {
      ++i;
    }
    piece.end = i;
    push(out, piece, merge);
  }
  return out;
}

// For every piece, the opener and the closer of the innermost group around it (-1 and
// ps.size() at top level). One pass, so finding a '|''s group is O(1) on long alternations.
struct Enclosing {
  std::vector<long> opener;
  std::vector<std::size_t> closer;
};

Enclosing enclosing_groups(const std::vector<Piece>& ps) {
  Enclosing e;
  e.opener.assign(ps.size(), -1);
  e.closer.assign(ps.size(), ps.size());
  std::vector<long> open;                         // stack of unclosed openers
  std::vector<std::vector<std::size_t>> members;  // pieces directly inside each open group
  std::vector<std::size_t> top_level;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].kind == Piece::close && !open.empty()) {
      for (std::size_t m : members.back()) e.closer[m] = i;
      open.pop_back();
      members.pop_back();
    }
    e.opener[i] = open.empty() ? -1 : open.back();
    (members.empty() ? top_level : members.back()).push_back(i);
    if (ps[i].kind == Piece::open) {
      open.push_back(static_cast<long>(i));
      members.emplace_back();
    }
  }
  return e;
}

// Nothing but group openers and alternative starts between the pattern start and ps[i].
bool is_leading(const std::vector<Piece>& ps, const Enclosing& e, long i) {
  for (long j = i - 1; j >= 0; --j) {
    if (ps[j].kind == Piece::open) continue;
    if (ps[j].kind == Piece::bar) {
      j = e.opener[j];  // the loop's --j then looks before the group's opener
      if (j < 0) return true;
      continue;
    }
    return false;
  }
  return true;
}

bool is_trailing(const std::vector<Piece>& ps, const Enclosing& e, std::string_view p,
                 std::size_t i) {
  for (std::size_t j = i + 1; j < ps.size(); ++j) {
    if (ps[j].kind == Piece::close) {
      // a quantifier after the group makes it repeat: not an edge
      if (ps[j].end < p.size() &&
          std::string_view("*+?{").find(p[ps[j].end]) != std::string_view::npos)
        return false;
      continue;
    }
    if (ps[j].kind == Piece::bar) {
      j = e.closer[j];
      if (j >= ps.size()) return true;
      --j;  // let the loop see the closer
      continue;
    }
    return false;
  }
  return true;
}

bool ascii_only(std::string_view p) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
    if (p[i] == '\\' && i + 1 < p.size()) {
      char n = p[i + 1];
      if (n == 'p' || n == 'P' || n == 'x' || n == 'C') return false;
      ++i;
    }
  }
  return true;
}

}  // namespace

std::string rewrite_boundaries(std::string_view pattern, bool for_set) {
  const auto ps = split_pattern(pattern);
  const Enclosing enc = enclosing_groups(ps);
  const bool keep_ascii = for_set && ascii_only(pattern);
  std::string out;
  out.reserve(pattern.size() + 32);
  int n = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const Piece& piece = ps[i];
    if (piece.kind != Piece::boundary) {
      out.append(pattern.substr(piece.begin, piece.end - piece.begin));
      continue;
    }
    if (for_set) {
      if (keep_ascii) out += "\\b";
      continue;
    }
    if (is_leading(ps, enc, static_cast<long>(i)))
      out += "(?:^|(?P<vbL" + std::to_string(n++) + ">[^A-Za-z0-9_]))";
    else if (is_trailing(ps, enc, pattern, i))
      out += "(?:$|(?P<vbT" + std::to_string(n++) + ">[^A-Za-z0-9_]))";
    else
      out += "\\b";
  }
  return out;
}

bool edge_boundaries_only(std::string_view pattern, bool* leading, bool* trailing) {
  *leading = *trailing = false;
  if (!ascii_only(pattern)) return false;
  const auto ps = split_pattern(pattern);
  // top-level alternatives as [first, last] piece ranges
  std::vector<std::pair<std::size_t, std::size_t>> alts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].kind == Piece::open) ++depth;
    if (ps[i].kind == Piece::close) --depth;
    if (ps[i].kind == Piece::bar && depth == 0) {
      alts.emplace_back(start, i);
      start = i + 1;
    }
  }
  alts.emplace_back(start, ps.size());
  std::size_t lead = 0, trail = 0, edges = 0, total = 0;
  for (const auto& p : ps) total += p.kind == Piece::boundary;
  for (auto [a, b] : alts) {
    if (b == a) return false;  // an empty alternative
    const bool l = ps[a].kind == Piece::boundary;
    const bool t = b - 1 > a && ps[b - 1].kind == Piece::boundary;
    // a quantifier right after a leading \b, or a lone \b alternative: not an edge
    if (l && ps[a].end < pattern.size() &&
        std::string_view("*+?{").find(pattern[ps[a].end]) != std::string_view::npos)
      return false;
    lead += l;
    trail += t;
    edges += l + t;
  }
  if (edges != total) return false;  // some \b inside an alternative or a group
  if (lead != 0 && lead != alts.size()) return false;
  if (trail != 0 && trail != alts.size()) return false;
  *leading = lead != 0;
  *trailing = trail != 0;
  return true;
}

std::string anchor_for_ripgrep(std::string_view set_pattern) {
  std::string out;
  const auto ps = split_pattern(set_pattern);
  for (const auto& piece : ps) {
    if (piece.kind == Piece::boundary)
      out += "(?-u:\\b)";
    else
      out.append(set_pattern.substr(piece.begin, piece.end - piece.begin));
  }
  return out;
}

namespace {

// The whole pattern is one group "(?:...)" with nothing after it: its inside.
std::string_view strip_group(std::string_view p) {
  while (p.size() >= 4 && p.substr(0, 3) == "(?:" && p.back() == ')') {
    const auto ps = split_pattern(p, false);
    int depth = 0;
    std::size_t close = 0;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      if (ps[i].kind == Piece::open) ++depth;
      if (ps[i].kind == Piece::close && --depth == 0) {
        close = i;
        break;
      }
    }
    if (close != ps.size() - 1) break;  // the first group closes before the end
    p = p.substr(3, p.size() - 4);
  }
  return p;
}

// Splits at depth-0 pieces for which `at(i)` holds; `width` pieces are dropped at each split.
template <class At>
std::vector<std::string_view> split_top(std::string_view p, const std::vector<Piece>& ps, At at,
                                        std::size_t width) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (ps[i].kind == Piece::open) ++depth;
    if (ps[i].kind == Piece::close) --depth;
    if (depth == 0 && at(i)) {
      out.push_back(p.substr(start, ps[i].begin - start));
      start = ps[i + width - 1].end;
      i += width - 1;
    }
  }
  out.push_back(p.substr(start));
  return out;
}

}  // namespace

PatternTree split_prefilter(std::string_view pattern) {
  PatternTree t;
  std::string_view p = strip_group(pattern);
  const auto ps = split_pattern(p, false);
  for (const auto& piece : ps) {
    // a flag group "(?i)" applies to what follows it: splitting would lose it
    if (piece.kind == Piece::other && p.substr(piece.begin, 2) == "(?") {
      t.pattern = std::string(pattern);
      return t;
    }
  }
  auto alts = split_top(
      p, ps, [&](std::size_t i) { return ps[i].kind == Piece::bar; }, 1);
  if (alts.size() > 1) {
    t.kind = PatternTree::Kind::any;
    for (auto a : alts) t.children.push_back(split_prefilter(a));
    return t;
  }
  auto dot_star = [&](std::size_t i) {
    return i + 1 < ps.size() && p.substr(ps[i].begin, ps[i].end - ps[i].begin) == "." &&
           p.substr(ps[i + 1].begin, ps[i + 1].end - ps[i + 1].begin) == "*" &&
           !(i + 2 < ps.size() && p.substr(ps[i + 2].begin, 1) == "?");
  };
  auto parts = split_top(p, ps, dot_star, 2);
  if (parts.size() > 1) {
    t.kind = PatternTree::Kind::all;
    for (auto part : parts)
      if (!part.empty()) t.children.push_back(split_prefilter(part));
    if (t.children.size() == 1) return t.children.front();
    if (!t.children.empty()) return t;
  }
  t.kind = PatternTree::Kind::leaf;
  t.children.clear();
  t.pattern = std::string(p);
  return t;
}

std::string quote_regex(std::string_view literal) {
  std::string out;
  out.reserve(literal.size() + 8);
  for (char c : literal) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace veille
