// Vocabulary the loader checks against: window names, election kinds, roles, scopes.
#include <array>
#include <string_view>

#include "rules/ruleset_impl.hpp"

namespace veille::rules_detail {

bool known_window(std::string_view name) {
  static constexpr std::array<std::string_view, 10> names = {"silence",
                                                             "poll-blackout",
                                                             "results-embargo",
                                                             "late-campaign",
                                                             "campaign",
                                                             "free-number-ban",
                                                             "paid-advertising-ban",
                                                             "institutional-promotion-ban",
                                                             "platform-transparency",
                                                             "false-news-injunction"};
  for (auto n : names)
    if (n == name) return true;
  return false;
}

bool known_election_kind(std::string_view kind) {
  static constexpr std::array<std::string_view, 9> kinds = {
      "presidentielle", "legislatives", "europeennes", "municipales", "departementales",
      "regionales",     "senatoriales", "referendum",  "partielle"};
  for (auto k : kinds)
    if (k == kind) return true;
  return false;
}

std::optional<AuthorRole> role_from_name(std::string_view name) {
  if (name == "public") return AuthorRole::public_;
  if (name == "candidate") return AuthorRole::candidate;
  if (name == "party") return AuthorRole::party;
  if (name == "campaign") return AuthorRole::campaign;
  if (name == "media") return AuthorRole::media;
  if (name == "authority") return AuthorRole::authority;
  return std::nullopt;
}

std::string_view role_name(AuthorRole role) {
  switch (role) {
    case AuthorRole::public_:
      return "public";
    case AuthorRole::candidate:
      return "candidate";
    case AuthorRole::party:
      return "party";
    case AuthorRole::campaign:
      return "campaign";
    case AuthorRole::media:
      return "media";
    case AuthorRole::authority:
      return "authority";
  }
  return "public";
}

std::optional<ScopeKind> scope_from_name(std::string_view name) {
  if (name == "title") return ScopeKind::title;
  if (name == "headline") return ScopeKind::headline;
  if (name == "lede") return ScopeKind::lede;
  if (name == "body") return ScopeKind::body;
  if (name == "quote") return ScopeKind::quote;
  return std::nullopt;
}

}  // namespace veille::rules_detail
