// Condition tree helpers: descriptions for traces and `rules show`, token needs.
#include <cstdio>
#include <string>

#include "rules/ruleset_impl.hpp"

namespace veille {

std::string_view to_string(Condition::Type type) {
  switch (type) {
    case Condition::Type::regex:
      return "regex";
    case Condition::Type::word:
      return "word";
    case Condition::Type::phrase:
      return "phrase";
    case Condition::Type::all:
      return "all";
    case Condition::Type::any:
      return "any";
    case Condition::Type::not_:
      return "not";
    case Condition::Type::near:
      return "near";
    case Condition::Type::count:
      return "count";
    case Condition::Type::absent:
      return "absent";
    case Condition::Type::meta:
      return "meta";
    case Condition::Type::model:
      return "model";
  }
  return "?";
}

bool Condition::needs_tokens() const {
  switch (type) {
    case Type::word:
    case Type::phrase:
    case Type::near:
      return true;
    default:
      break;
  }
  for (const auto& c : children)
    if (c.needs_tokens()) return true;
  return false;
}

namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::string Condition::describe() const {
  std::string d(to_string(type));
  switch (type) {
    case Type::regex:
      d += " \"" + pattern + "\"";
      break;
    case Type::word:
      d += " " + tokens.front().source;
      break;
    case Type::phrase: {
      d += " [";
      bool first = true;
      for (const auto& t : tokens) {
        if (!first) d += " ";
        first = false;
        if (t.gap_before) d += "<gap max=" + std::to_string(t.gap_before) + "> ";
        d += t.source;
      }
      d += "]";
      break;
    }
    case Type::near:
      d += unit == Unit::tokens     ? " (within " + std::to_string(distance) + " tokens)"
           : unit == Unit::sentence ? " (same sentence)"
                                    : " (same paragraph)";
      break;
    case Type::count:
      d += " (min " + std::to_string(min) + ")";
      break;
    case Type::meta: {
      if (!roles.empty()) {
        std::vector<std::string> r;
        for (auto role : roles) r.emplace_back(to_string(role));
        d += " author_role=\"" + join(r, " ") + "\"";
      }
      if (sponsored) d += std::string(" sponsored=\"") + (*sponsored ? "true" : "false") + "\"";
      if (!langs.empty()) d += " lang=\"" + join(langs, " ") + "\"";
      if (!territories.empty()) d += " territory=\"" + join(territories, " ") + "\"";
      break;
    }
    case Type::model: {
      char t[16];
      std::snprintf(t, sizeof t, "%.2f", threshold);
      d += " cite=\"" + cite + "\" (score >= " + t + ")";
      break;
    }
    default:
      break;
  }
  if (!name.empty() && type != Type::absent) d += " name=\"" + name + "\"";
  if (type == Type::absent) d += " \"" + name + "\"";
  return d;
}

}  // namespace veille
