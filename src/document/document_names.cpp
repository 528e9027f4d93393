// Names of the Document enums, as used in input records and reports.
#include <array>
#include <utility>

#include "veille/document.hpp"

namespace veille {
namespace {
constexpr std::array<std::pair<ScopeKind, std::string_view>, 5> kScopes{{
    {ScopeKind::title, "title"},
    {ScopeKind::headline, "headline"},
    {ScopeKind::lede, "lede"},
    {ScopeKind::body, "body"},
    {ScopeKind::quote, "quote"},
}};
constexpr std::array<std::pair<AuthorRole, std::string_view>, 6> kRoles{{
    {AuthorRole::public_, "public"},
    {AuthorRole::candidate, "candidate"},
    {AuthorRole::party, "party"},
    {AuthorRole::campaign, "campaign"},
    {AuthorRole::media, "media"},
    {AuthorRole::authority, "authority"},
}};
}  // namespace

std::string_view to_string(ScopeKind kind) {
  for (const auto& [k, name] : kScopes)
    if (k == kind) return name;
  return "body";
}

std::optional<ScopeKind> scope_from_string(std::string_view name) {
  for (const auto& [k, n] : kScopes)
    if (n == name) return k;
  return std::nullopt;
}

std::string_view to_string(AuthorRole role) {
  for (const auto& [r, name] : kRoles)
    if (r == role) return name;
  return "public";
}

std::optional<AuthorRole> author_role_from_string(std::string_view name) {
  for (const auto& [r, n] : kRoles)
    if (n == name) return r;
  return std::nullopt;
}

}  // namespace veille
