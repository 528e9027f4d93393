// --shard K/N: stable FNV-1a 64 hash of the record id.
#include "veille/batch.hpp"

namespace veille {

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

bool in_shard(std::string_view id, unsigned k, unsigned n) {
  if (n == 0) return true;
  return fnv1a64(id) % n == static_cast<std::uint64_t>(k - 1);
}

}  // namespace veille
