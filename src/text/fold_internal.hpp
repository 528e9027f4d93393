#pragma once
// Internal to the text stage: the per-code-point folding table and the folding pass that builds
// the folded view with its offset map.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace veille::text_detail {

enum CpKind : std::uint8_t {
  kNormal = 0,  // emit `bytes` (NFKC_Casefold, marks removed)
  kSpace,       // White_Space: part of a whitespace run -> one ' '
  kDrop,        // default-ignorable, format, control, lone combining mark: no output
  kLong,        // folded form longer than the inline buffer: computed on use
};

enum CpFlag : std::uint8_t {
  kLetter = 1,       // alphabetic
  kLatinScript = 2,  // letter of the Latin script
  kWordChar = 4,     // letter, digit or mark (part of a word)
  kNewline = 8,      // line or paragraph separator (U+0085, U+2028, U+2029)
};

struct CpEntry {
  std::uint8_t kind = kNormal;
  std::uint8_t len = 0;    // bytes used in `bytes`
  std::uint8_t flags = 0;  // CpFlag bits
  char latin = 0;          // Latin lookalike (UTS #39 skeleton) for Greek/Cyrillic/... letters
  char bytes[12] = {};
};

// Entry for a code point (thread-safe; blocks of 256 code points are computed on first use).
const CpEntry& cp_entry(char32_t cp);
// Full folded form of one code point (slow path, used for kLong entries).
std::string fold_code_point(char32_t cp);

// One piece of the offset map. Piece k covers folded bytes [f_k, f_{k+1}) and original bytes
// [o_k, o_{k+1}); a linear piece maps byte to byte, others map as a whole. A final sentinel holds
// (folded size, original size). Zero-length pieces (f_k == f_{k+1}) stand for dropped input.
struct Seg {
  std::uint32_t f;
  std::uint32_t o;  // top bit: linear
  static constexpr std::uint32_t kLinear = 0x80000000u;
  std::uint32_t orig() const { return o & ~kLinear; }
  bool linear() const { return (o & kLinear) != 0; }
};

struct FoldResult {
  std::string text;
  std::vector<Seg> segs;  // empty when the map was not requested
  // Whitespace runs that held line breaks: (folded offset of the space, number of line breaks).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> breaks;
  bool invalid_utf8 = false;
};

void fold_text(std::string_view in, FoldResult& out, bool with_map);

// Maps folded offsets back to original byte ranges.
std::size_t map_start(const std::vector<Seg>& segs, std::size_t f);
std::size_t map_end(const std::vector<Seg>& segs, std::size_t f_end);

}  // namespace veille::text_detail
