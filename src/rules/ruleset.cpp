// RuleSet: the immutable result of loading packs.
#include "rules/ruleset_impl.hpp"

namespace veille {
namespace rules_detail {
std::unique_ptr<RuleSet::Impl> load_impl(const LoadOptions& options);
}

RuleSet::RuleSet() : impl_(std::make_unique<Impl>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

RuleSet RuleSet::load(const LoadOptions& options) {
  RuleSet set;
  set.impl_ = rules_detail::load_impl(options);
  return set;
}

const std::string& RuleSet::version() const {
  return impl_->version;
}
const std::vector<Rule>& RuleSet::rules() const {
  return impl_->rules;
}

const Rule* RuleSet::rule(std::string_view id) const {
  auto it = impl_->rule_index.find(std::string(id));
  return it == impl_->rule_index.end() ? nullptr : &impl_->rules[it->second];
}

const Law* RuleSet::law(std::string_view citation_id) const {
  auto it = impl_->law_index.find(std::string(citation_id));
  return it == impl_->law_index.end() ? nullptr : &impl_->laws[it->second];
}

const std::vector<Law>& RuleSet::laws() const {
  return impl_->laws;
}

const std::vector<std::string>* RuleSet::lexicon(std::string_view name) const {
  auto it = impl_->lexicons.find(name);
  return it == impl_->lexicons.end() ? nullptr : &it->second.folded;
}

const Lexicon* RuleSet::find_lexicon(std::string_view name) const {
  auto it = impl_->lexicons.find(name);
  return it == impl_->lexicons.end() ? nullptr : &it->second;
}

const std::vector<std::string>& RuleSet::warnings() const {
  return impl_->warnings;
}
const std::vector<std::string>& RuleSet::files() const {
  return impl_->files;
}

}  // namespace veille
