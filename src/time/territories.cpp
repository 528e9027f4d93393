// Territories the tool knows and their IANA zones (legal brief 1.24, table "IANA time zones").
#include <string_view>

#include "veille/time.hpp"

namespace veille {

const std::vector<Territory>& territories() {
  // Polynésie spans three zones; the brief says to use Pacific/Tahiti unless a commune is known.
  static const std::vector<Territory> all = {
      {"FR", "France métropolitaine", "Europe/Paris"},
      {"GP", "Guadeloupe", "America/Guadeloupe"},
      {"MQ", "Martinique", "America/Martinique"},
      {"GF", "Guyane", "America/Cayenne"},
      {"RE", "La Réunion", "Indian/Reunion"},
      {"YT", "Mayotte", "Indian/Mayotte"},
      {"PM", "Saint-Pierre-et-Miquelon", "America/Miquelon"},
      {"BL", "Saint-Barthélemy", "America/St_Barthelemy"},
      {"MF", "Saint-Martin", "America/Marigot"},
      {"PF", "Polynésie française", "Pacific/Tahiti"},
      {"NC", "Nouvelle-Calédonie", "Pacific/Noumea"},
      {"WF", "Wallis-et-Futuna", "Pacific/Wallis"},
  };
  return all;
}

const Territory* find_territory(std::string_view code) {
  for (const auto& t : territories())
    if (t.code.size() == code.size()) {
      bool same = true;
      for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c != t.code[i]) same = false;
      }
      if (same) return &t;
    }
  return nullptr;
}

}  // namespace veille
