// Language detection with CLD2 (Debian libcld2): ISO 639-1 code, or empty when unsure.
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <algorithm>

#include "text/utf8.hpp"
#include "veille/text.hpp"

namespace veille {

std::string detect_language(std::string_view text) {
  constexpr std::size_t kMax = 1 << 16;  // the head of a long text says enough
  std::string_view head = text.substr(0, std::min(text.size(), kMax));
  while (!head.empty() && head.size() < text.size() &&
         (static_cast<unsigned char>(text[head.size()]) & 0xC0) == 0x80)
    head.remove_suffix(1);
  std::string clean = text_detail::sanitize_utf8(head);
  if (clean.empty()) return {};
  CLD2::Language langs[3];
  int percents[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  // French is the product's main language: hint CLD2 towards it for ambiguous text.
  CLD2::Language l = CLD2::DetectLanguageSummary(
      clean.data(), static_cast<int>(clean.size()), /*is_plain_text=*/true, /*tld_hint=*/"",
      /*encoding_hint=*/CLD2::UNKNOWN_ENCODING, /*language_hint=*/CLD2::FRENCH, langs, percents,
      &text_bytes, &reliable);
  if (l == CLD2::UNKNOWN_LANGUAGE || l == CLD2::TG_UNKNOWN_LANGUAGE) return {};
  // Short posts are rarely "reliable" for CLD2; accept an unreliable answer only for a clear
  // majority over enough text ("Les sondages" alone reads as Norwegian).
  if (!reliable && !(percents[0] >= 70 && text_bytes >= 40)) return {};
  std::string code = CLD2::LanguageCode(l);
  if (auto dash = code.find('-'); dash != std::string::npos) code.resize(dash);
  if (code == "iw") code = "he";
  if (code == "in") code = "id";
  if (code == "jw") code = "jv";
  if (code.size() != 2) return {};
  return code;
}

}  // namespace veille
