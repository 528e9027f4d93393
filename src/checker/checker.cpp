// The Checker facade: Document -> Analysis -> Matches -> Findings in their legal windows.
#include "veille/checker.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "checker/finding_builder.hpp"
#include "checker/finding_merge.hpp"
#include "checker/paragraph_pass.hpp"

namespace veille {
namespace {

Result error_result(std::string message) {
  Result r;
  r.status = Result::Status::error;
  r.error = std::move(message);
  return r;
}

std::string territory_list() {
  std::string list;
  for (const auto& t : territories()) list += (list.empty() ? "" : " ") + t.code;
  return list;
}

Notice notice(std::string code, std::string message,
              std::map<std::string, std::string> params = {}) {
  Notice n;
  n.code = std::move(code);
  n.message = std::move(message);
  n.params = std::move(params);
  return n;
}

// A rule tagged "statistical" (a <model> score, docs/rules-guide.md) is a fallback for texts the
// written rules miss: its finding is dropped when a finding of another rule in the same text
// already carries all of its citations.
void drop_covered_statistical(std::vector<Finding>& findings, const RuleSet& rules) {
  auto statistical = [&](const Finding& f) {
    const Rule* r = rules.rule(f.rule);
    return r && std::find(r->tags.begin(), r->tags.end(), "statistical") != r->tags.end();
  };
  std::set<const Law*> carried;
  bool any = false;
  for (const auto& f : findings) {
    if (statistical(f))
      any = true;
    else
      carried.insert(f.cites.begin(), f.cites.end());
  }
  if (!any) return;
  std::erase_if(findings, [&](const Finding& f) {
    if (!statistical(f)) return false;
    for (const Law* law : f.cites)
      if (!carried.count(law)) return false;
    return true;
  });
}

}  // namespace

// What the checker needs from the calendar at one instant: the active windows, the elections
// they belong to (for election-specific lexicons) and the rules that can yield a finding.
struct Period {
  std::vector<Window> active;
  std::vector<char> allowed;  // per rule: no window (always) or one of its windows active
  MatchOptions match_options;
};

// The active windows only change at window boundaries: per territory, the sorted boundaries
// and one Period per interval between them, computed once (on first use) instead of per record.
struct Timeline {
  std::once_flag once;
  std::vector<Instant> bounds;  // sorted, unique
  std::vector<Period> periods;  // periods[k] holds on [bounds[k-1], bounds[k])
};

struct Checker::Impl {
  CheckerOptions options;
  RuleSet rules;
  Calendar calendar;
  std::unique_ptr<Matcher> matcher;
  std::set<std::string> languages;  // languages some rule covers ("*" = a rule covers all)
  bool all_languages = false;       // languages contains "*"
  std::vector<std::unique_ptr<Timeline>> timelines;  // aligned with territories()

  Period make_period(Instant t, const Territory& where) const {
    Period p;
    p.active = calendar.active_at(t, where);
    p.match_options.explain = options.explain;
    p.match_options.max_matches_per_rule = options.max_matches_per_rule;
    for (const auto& w : p.active)
      if (std::find(p.match_options.elections.begin(), p.match_options.elections.end(),
                    w.election) == p.match_options.elections.end())
        p.match_options.elections.push_back(w.election);
    p.allowed.reserve(rules.rules().size());
    for (const auto& rule : rules.rules())
      p.allowed.push_back(rule.always() || !detail::applicable_windows(rule, p.active).empty());
    return p;
  }

  // The Period at `t` in `where` (a table territory), from the cached timeline.
  const Period* period(Instant t, const Territory& where) const {
    const auto& table = territories();
    if (table.empty() || &where < table.data() || &where >= table.data() + table.size())
      return nullptr;
    const auto index = static_cast<std::size_t>(&where - table.data());
    if (index >= timelines.size()) return nullptr;
    Timeline& tl = *timelines[index];
    std::call_once(tl.once, [&] {
      for (const auto& e : calendar.elections())
        for (const auto& w : calendar.windows(e, where)) {
          tl.bounds.push_back(w.from);
          tl.bounds.push_back(w.until);
        }
      std::sort(tl.bounds.begin(), tl.bounds.end());
      tl.bounds.erase(std::unique(tl.bounds.begin(), tl.bounds.end()), tl.bounds.end());
      // Before the first boundary no window has started; from each boundary to the next the
      // set of active windows is the one at the boundary itself.
      tl.periods.push_back(make_period(
          tl.bounds.empty() ? Instant{} : tl.bounds.front() - Instant::duration(1), where));
      for (const Instant b : tl.bounds) tl.periods.push_back(make_period(b, where));
      for (auto& p : tl.periods) p.match_options.rule_allowed = &p.allowed;
    });
    const auto k = static_cast<std::size_t>(
        std::upper_bound(tl.bounds.begin(), tl.bounds.end(), t) - tl.bounds.begin());
    return &tl.periods[k];
  }
};

Checker::Checker(CheckerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  const std::string data = data_dir();

  LoadOptions load;
  if (impl_->options.builtin_rules) load.paths.push_back(data + "/rules/fr");
  for (const auto& p : impl_->options.rule_paths) load.paths.push_back(p);
  load.enable = impl_->options.enable;
  load.disable = impl_->options.disable;
  impl_->rules = RuleSet::load(load);

  auto calendars = builtin_calendar_files();
  for (const auto& f : impl_->options.calendar_files) calendars.push_back(f);
  impl_->calendar = Calendar::load(calendars, impl_->options.calendar);

  impl_->matcher = std::make_unique<Matcher>(impl_->rules);
  for (const auto& rule : impl_->rules.rules()) {
    if (rule.languages.empty()) impl_->languages.insert("*");
    for (const auto& l : rule.languages) impl_->languages.insert(l);
  }
  impl_->all_languages = impl_->languages.count("*") > 0;
  for (std::size_t i = 0; i < territories().size(); ++i)
    impl_->timelines.push_back(std::make_unique<Timeline>());
}

Checker::~Checker() = default;

const RuleSet& Checker::rules() const {
  return impl_->rules;
}
const Calendar& Checker::calendar() const {
  return impl_->calendar;
}
const CheckerOptions& Checker::options() const {
  return impl_->options;
}

Result Checker::check(const Document& doc, std::optional<Instant> at) const {
  const auto& opt = impl_->options;
  if (!doc.error.empty()) return error_result(doc.error);
  if (doc.text.size() > opt.max_document_bytes)
    return error_result("document of " + std::to_string(doc.text.size()) +
                        " bytes exceeds the size cap of " + std::to_string(opt.max_document_bytes) +
                        " bytes (--max-doc-size)");

  const std::string code = doc.meta.territory.empty() ? "FR" : doc.meta.territory;
  const Territory* territory = find_territory(code);
  if (!territory)
    return error_result("field territory: unknown value \"" + code +
                        "\" (accepted: " + territory_list() + ")");

  Result result;
  result.zone = territory->zone;
  if (at) {
    result.published_at = *at;
  } else if (!doc.meta.published_at.empty()) {
    std::string why;
    auto parsed = parse_timestamp(doc.meta.published_at, *territory, &why);
    if (!parsed) return error_result("field published_at: " + why);
    result.published_at = parsed->at;
    if (!parsed->offset_given)
      result.notices.push_back(
          notice("time-assumed-zone",
                 "published_at has no UTC offset: read as local time in " + territory->zone,
                 {{"value", doc.meta.published_at}, {"zone", territory->zone}}));
  } else {
    result.published_at =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    result.published_at_from_now = true;
    result.notices.push_back(notice("time-now",
                                    "no publication time given: checked as if published now",
                                    {{"at", format_local(*result.published_at, territory->zone)}}));
  }
  const Instant when = *result.published_at;
  if (!impl_->calendar.covers(when))
    result.notices.push_back(notice(
        "time-outside-calendar",
        "the publication time is outside the period the election calendar covers: "
        "time-bound rules could not be checked",
        {{"at", format_local(when, territory->zone)}, {"calendar", impl_->calendar.version()}}));

  Analysis analysis(doc.text, doc.meta.lang);
  if (opt.detect_language || !impl_->all_languages)
    result.lang = analysis.lang();
  else
    result.lang = doc.meta.lang;
  if (!impl_->all_languages && !impl_->languages.count(result.lang))
    result.notices.push_back(
        notice("lang-without-rules",
               "no rule covers the language of this text (" + result.lang + "): it was not checked",
               {{"lang", result.lang}}));

  std::optional<Period> own;  // a territory outside the table: computed for this record
  const Period* period = impl_->period(when, *territory);
  if (!period) period = &own.emplace(impl_->make_period(when, *territory));
  if (own) own->match_options.rule_allowed = &own->allowed;
  const std::vector<Window>& active = period->active;

  const detail::FindingContext context{
      doc, *territory, when, active, impl_->calendar, impl_->rules, opt.locale, opt.explain};
  std::vector<Match> matches = impl_->matcher->match(analysis, doc, period->match_options);
  for (Match& m : detail::paragraph_matches(*impl_->matcher, impl_->rules, analysis, doc,
                                            period->match_options, matches, result.lang))
    matches.push_back(std::move(m));
  for (const Match& m : matches)
    if (auto f = detail::build_finding(context, m)) result.findings.push_back(std::move(*f));
  if (opt.merge_findings) drop_covered_statistical(result.findings, impl_->rules);
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const Finding& a, const Finding& b) {
                     return std::tie(a.start, a.end, a.rule) < std::tie(b.start, b.end, b.rule);
                   });
  if (opt.merge_findings) detail::merge_overlapping(result.findings, doc.text);
  return result;
}

}  // namespace veille
