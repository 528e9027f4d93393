// Per-code-point folding table: NFKC_Casefold (ICU), nonspacing marks removed, apostrophes,
// quotes and hyphens unified, whitespace and ignorable characters classified, and for
// Greek/Cyrillic/Armenian/Cherokee letters the Latin letter they are confusable with (UTS #39
// skeleton from ICU's SpoofChecker data). Blocks of 256 code points are computed on first use
// and then shared read-only by every thread.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include <array>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>

#include "text/fold_internal.hpp"

namespace veille::text_detail {
namespace {

constexpr std::size_t kBlocks = 0x110000 / 256;

struct Block {
  CpEntry e[256];
};

std::array<std::atomic<Block*>, kBlocks>& blocks() {
  static std::array<std::atomic<Block*>, kBlocks> table{};
  return table;
}

std::mutex& block_mutex() {
  static std::mutex m;
  return m;
}

bool is_apostrophe(UChar32 c) {
  switch (c) {
    case 0x2019:
    case 0x2018:
    case 0x201B:
    case 0x02BC:
    case 0x02BB:
    case 0x02BD:
    case 0x00B4:
    case 0x2032:
    case 0xFF07:
    case 0x0060:
    case 0x02B9:
    case 0x055A:
    case 0xA78C:
    case 0x2035:
      return true;
    default:
      return false;
  }
}

bool is_double_quote(UChar32 c) {
  switch (c) {
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
    case 0xFF02:
    case 0x301D:
    case 0x301E:
    case 0x301F:
    case 0x2036:
    case 0x2039:
    case 0x203A:
      return true;
    default:
      return false;
  }
}

bool is_hyphen(UChar32 c) {
  switch (c) {
    case 0x2010:
    case 0x2011:
    case 0x2212:
    case 0xFE63:
    case 0xFF0D:
    case 0x2043:
      return true;
    default:
      return false;
  }
}

bool wants_skeleton(UChar32 c) {
  UErrorCode ec = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(c, &ec);
  return U_SUCCESS(ec) &&
         (sc == USCRIPT_GREEK || sc == USCRIPT_CYRILLIC || sc == USCRIPT_ARMENIAN ||
          sc == USCRIPT_CHEROKEE || sc == USCRIPT_COPTIC);
}

// The Latin letter a Greek/Cyrillic/... letter is confusable with, or 0.
char latin_lookalike(UChar32 c) {
  static USpoofChecker* checker = [] {
    UErrorCode ec = U_ZERO_ERROR;
    USpoofChecker* sc = uspoof_open(&ec);
    return U_SUCCESS(ec) ? sc : nullptr;
  }();
  if (!checker) return 0;
  icu::UnicodeString s(c);
  std::string in;
  s.toUTF8String(in);
  char buf[32];
  UErrorCode ec = U_ZERO_ERROR;
  int32_t n = uspoof_getSkeletonUTF8(checker, 0, in.c_str(), -1, buf, sizeof buf, &ec);
  if (U_FAILURE(ec) || n <= 0 || n >= static_cast<int32_t>(sizeof buf)) return 0;
  std::string_view sk(buf, static_cast<std::size_t>(n));
  if (sk == "rn") return 'm';  // the skeleton writes m as "rn"
  if (sk.size() != 1) return 0;
  char l = sk[0];
  if (l >= 'A' && l <= 'Z') l = static_cast<char>(l - 'A' + 'a');
  if (l < 'a' || l > 'z') return 0;
  // Skeletons map capital I (and 1) to l: an upper-case I-like letter reads as i.
  if (l == 'l' && u_isupper(c)) l = 'i';
  return l;
}

std::string fold_cp_impl(UChar32 c) {
  UErrorCode ec = U_ZERO_ERROR;
  static const icu::Normalizer2* nfkccf = icu::Normalizer2::getNFKCCasefoldInstance(ec);
  static const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(ec);
  static const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(ec);
  ec = U_ZERO_ERROR;
  icu::UnicodeString src(c);
  icu::UnicodeString folded = nfkccf->normalize(src, ec);
  if (U_FAILURE(ec)) return {};
  icu::UnicodeString decomposed = nfd->normalize(folded, ec);
  if (U_FAILURE(ec)) return {};
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    int8_t t = u_charType(d);
    if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK) continue;
    if (d == 0x0153) {  // oe ligature: French writes both
      stripped.append(UChar32('o')).append(UChar32('e'));
      continue;
    }
    if (d == 0x00E6) {
      stripped.append(UChar32('a')).append(UChar32('e'));
      continue;
    }
    stripped.append(d);
  }
  icu::UnicodeString composed = nfc->normalize(stripped, ec);
  if (U_FAILURE(ec)) return {};
  std::string out;
  composed.toUTF8String(out);
  return out;
}

CpEntry compute_entry(UChar32 c) {
  CpEntry e;
  if (c >= 0xD800 && c <= 0xDFFF) {
    e.kind = kDrop;
    return e;
  }
  if (u_isUWhiteSpace(c)) {
    e.kind = kSpace;
    if (c == 0x85 || c == 0x2028 || c == 0x2029) e.flags |= kNewline;
    return e;
  }
  auto set_ascii = [&](char ch) {
    e.kind = kNormal;
    e.len = 1;
    e.bytes[0] = ch;
  };
  if (is_apostrophe(c)) {
    set_ascii('\'');
    return e;
  }
  if (is_double_quote(c)) {
    set_ascii('"');
    return e;
  }
  if (is_hyphen(c)) {
    set_ascii('-');
    return e;
  }
  int8_t type = u_charType(c);
  if (type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR) {
    // Kept as they are (and cheap to tabulate: most of the code space is unassigned).
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
      e.kind = kDrop;
      return e;
    }
    icu::UnicodeString u(c);
    std::string b;
    u.toUTF8String(b);
    e.len = static_cast<std::uint8_t>(b.size());
    std::memcpy(e.bytes, b.data(), b.size());
    return e;
  }
  if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR ||
      u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
    e.kind = kDrop;
    return e;
  }
  std::string f = fold_cp_impl(c);
  if (f.empty()) {
    e.kind = kDrop;
    return e;
  }
  if (f.size() > sizeof e.bytes) {
    e.kind = kLong;
  } else {
    e.kind = kNormal;
    e.len = static_cast<std::uint8_t>(f.size());
    std::memcpy(e.bytes, f.data(), f.size());
  }
  if (u_isalpha(c)) {
    e.flags |= kLetter | kWordChar;
    UErrorCode ec = U_ZERO_ERROR;
    if (uscript_getScript(c, &ec) == USCRIPT_LATIN) e.flags |= kLatinScript;
    if (wants_skeleton(c)) e.latin = latin_lookalike(c);
  } else if (u_isdigit(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) {
    e.flags |= kWordChar;
  }
  return e;
}

}  // namespace

const CpEntry& cp_entry(char32_t cp) {
  const std::size_t b = cp >> 8;
  Block* block = blocks()[b].load(std::memory_order_acquire);
  if (!block) {
    std::lock_guard<std::mutex> lock(block_mutex());
    block = blocks()[b].load(std::memory_order_relaxed);
    if (!block) {
      auto fresh = std::make_unique<Block>();
      for (UChar32 i = 0; i < 256; ++i)
        fresh->e[i] = compute_entry(static_cast<UChar32>(b << 8) + i);
      block = fresh.release();  // lives for the whole process
      blocks()[b].store(block, std::memory_order_release);
    }
  }
  return block->e[cp & 0xFF];
}

std::string fold_code_point(char32_t cp) {
  return fold_cp_impl(static_cast<UChar32>(cp));
}

}  // namespace veille::text_detail
