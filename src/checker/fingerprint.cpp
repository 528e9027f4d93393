#include "checker/fingerprint.hpp"

#include <cstdint>
#include <cstdio>

namespace veille::detail {
namespace {

constexpr std::uint64_t kOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kPrime = 0x100000001b3ULL;

void mix(std::uint64_t& h, std::string_view field) {
  for (unsigned char c : field) {
    h ^= c;
    h *= kPrime;
  }
  h ^= 0x1f;  // unit separator between fields
  h *= kPrime;
}

}  // namespace

std::string fingerprint(std::string_view rule, std::string_view document,
                        std::string_view normalized_text, std::string_view window) {
  std::uint64_t h = kOffset;
  mix(h, rule);
  mix(h, document);
  mix(h, normalized_text);
  mix(h, window);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace veille::detail
