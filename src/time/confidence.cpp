#include "veille/time.hpp"

namespace veille {

std::string_view to_string(Confidence c) {
  switch (c) {
    case Confidence::verified:
      return "verified";
    case Confidence::partly_verified:
      return "partly-verified";
    case Confidence::unverified:
      return "unverified";
  }
  return "unverified";
}

}  // namespace veille
