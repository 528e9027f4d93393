#pragma once
// Human wording of an instant in a zone, for rule messages: "dimanche 7 mai 2017 à 20:00
// (heure de Paris)" / "Sunday 7 May 2017 at 20:00 (Paris time)".
#include <string>
#include <string_view>

#include "veille/time.hpp"

namespace veille::detail {

std::string human_local_time(Instant t, std::string_view zone, std::string_view locale);

}  // namespace veille::detail
