#include "checker/finding_builder.hpp"

#include <algorithm>

#include "checker/fingerprint.hpp"
#include "checker/local_time_text.hpp"
#include "checker/text_position.hpp"

namespace veille::detail {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

void replace_all(std::string& s, std::string_view key, std::string_view value) {
  for (std::size_t pos = s.find(key); pos != std::string::npos;
       pos = s.find(key, pos + value.size()))
    s.replace(pos, key.size(), value);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

std::string election_title(const Calendar& calendar, const std::string& id) {
  const Election* e = calendar.find(id);
  return e && !e->title.empty() ? e->title : id;
}

// Windows whose end makes the same text lawful: publication bans. The end of a procedural window
// (L163-1 platform duties, L163-2 référé), of the L48-2 heuristic or of the official campaign
// says nothing about when the text could lawfully be published.
bool ends_a_ban(const std::string& window) {
  static const std::vector<std::string> bans{"silence",         "poll-blackout",
                                             "results-embargo", "free-number-ban",
                                             "paid-advertising-ban", "institutional-promotion-ban"};
  return contains(bans, window);
}

std::string window_key(const Window& w) {
  return w.name + "|" + w.election + "|" + std::to_string(w.round);
}

}  // namespace

std::vector<const Window*> applicable_windows(const Rule& rule,
                                              const std::vector<Window>& active) {
  std::vector<const Window*> out;
  for (const auto& w : active)
    if (contains(rule.windows, w.name) && (rule.elections.empty() || contains(rule.elections, w.kind)))
      out.push_back(&w);
  return out;
}

Instant lawful_from(const Rule& rule, const Calendar& calendar, const Territory& territory,
                    Instant blocked_until) {
  Instant t = blocked_until;
  for (int guard = 0; guard < 16; ++guard) {
    const std::vector<Window> active = calendar.active_at(t, territory);
    const auto still = applicable_windows(rule, active);
    if (still.empty()) break;
    for (const Window* w : still) t = std::max(t, w->until);
  }
  return t;
}

std::optional<Finding> build_finding(const FindingContext& ctx, const Match& match) {
  const Rule& rule = *match.rule;
  Finding f;
  f.rule = rule.id;
  f.zone = ctx.territory.zone;

  if (!rule.always()) {
    const auto windows = applicable_windows(rule, ctx.active);
    if (windows.empty()) return std::nullopt;  // lawful at this time
    const Window* last = *std::max_element(
        windows.begin(), windows.end(),
        [](const Window* a, const Window* b) { return a->until < b->until; });
    f.window = *last;
    if (ends_a_ban(last->name))
      f.lawful_from = lawful_from(rule, ctx.calendar, ctx.territory, last->until);
    if (ctx.explain)
      for (const Window* w : windows)
        f.trace.push_back("window " + w->name + " (" + w->election + ", round " +
                          std::to_string(w->round) + ", " + ctx.territory.code +
                          "): " + format_local(w->from, f.zone) + " <= " +
                          format_local(ctx.when, f.zone) + " < " + format_local(w->until, f.zone));
  } else if (ctx.explain) {
    f.trace.push_back("rule applies at any time (no window)");
  }

  for (const auto& id : rule.cites)
    if (const Law* law = ctx.rules.law(id)) f.cites.push_back(law);
  f.severity = rule.severity_for(ctx.doc.meta.author_role);
  if (ctx.explain)
    f.trace.push_back("severity " + std::string(to_string(f.severity)) + " for author_role " +
                      std::string(to_string(ctx.doc.meta.author_role)));

  const std::string_view text = ctx.doc.text;
  f.start = std::min(match.span.start, text.size());
  f.end = std::clamp(match.span.end, f.start, text.size());
  const TextPosition begin = position_of(text, f.start);
  f.line = begin.line;
  f.column = begin.column;
  f.utf16_start = begin.utf16;
  f.utf16_end = utf16_offset(text, f.end);
  f.matched = std::string(text.substr(f.start, f.end - f.start));
  f.excerpt = excerpt_around(text, f.start, f.end);
  f.missing = match.missing;
  for (const auto& line : match.trace) f.trace.push_back(line);

  std::string message = rule.message.in(ctx.locale);
  if (message.empty()) message = rule.message.fr.empty() ? rule.message.en : rule.message.fr;
  replace_all(message, "{match}", f.matched);
  replace_all(message, "{missing}", join(f.missing, ", "));
  if (f.window) {
    replace_all(message, "{window}", f.window->name);
    replace_all(message, "{window_end}", human_local_time(f.window->until, f.zone, ctx.locale));
    replace_all(message, "{election}", election_title(ctx.calendar, f.window->election));
    replace_all(message, "{round}", std::to_string(f.window->round));
  }
  if (f.lawful_from)
    replace_all(message, "{lawful_from}", human_local_time(*f.lawful_from, f.zone, ctx.locale));
  f.message = std::move(message);

  const std::string document = ctx.doc.id_given ? ctx.doc.id : std::string{};
  f.fingerprint =
      fingerprint(rule.id, document, fold(f.matched), f.window ? window_key(*f.window) : "always");
  return f;
}

}  // namespace veille::detail
