#include "veille/rules.hpp"

namespace veille {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::notice:
      return "notice";
    case Severity::risk:
      return "risk";
    case Severity::violation:
      return "violation";
  }
  return "notice";
}

std::optional<Severity> severity_from_string(std::string_view name) {
  if (name == "notice") return Severity::notice;
  if (name == "risk") return Severity::risk;
  if (name == "violation") return Severity::violation;
  return std::nullopt;
}

}  // namespace veille
