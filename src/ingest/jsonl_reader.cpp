// JSON-lines posts: the design brief's record schema plus --field NAME=PATH mappings.
// Every line yields one Document; a line that cannot be read yields one with `error` set.
#include "ingest/jsonl_reader.hpp"

#include <algorithm>
#include <cstring>

namespace veille::ingest {

namespace {
constexpr std::size_t kReadBlock = 1u << 20;
constexpr const char* kTargets[] = {"id",   "text",        "title",     "published_at", "territory",
                                    "lang", "author_role", "sponsored", "url",          "author"};
enum Target { kId, kText, kTitle, kPublished, kTerritory, kLang, kRole, kSponsored, kUrl, kAuthor };
constexpr int kTargetCount = 10;

// At most `n` bytes of `s`, cut on a UTF-8 boundary, "…" when cut.
std::string excerpt(std::string_view s, std::size_t n = 80) {
  s = trim(s);
  if (s.size() <= n) return std::string(s);
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return std::string(s.substr(0, n)) + "…";
}

const char* type_name(simdjson::ondemand::json_type t) {
  using T = simdjson::ondemand::json_type;
  switch (t) {
    case T::array:
      return "an array";
    case T::object:
      return "an object";
    case T::number:
      return "a number";
    case T::string:
      return "a string";
    case T::boolean:
      return "a boolean";
    case T::null:
      return "null";
  }
  return "a value";
}

struct FieldError {
  std::string message;
};
}  // namespace

LineSplitter::LineSplitter(ByteSource& src, std::size_t cap, std::string_view prefill)
    : src_(src), cap_(cap) {
  buf_.resize(std::max<std::size_t>(prefill.size(), kReadBlock) + kReadBlock +
              simdjson::SIMDJSON_PADDING);
  std::memcpy(buf_.data(), prefill.data(), prefill.size());
  e_ = prefill.size();
}

std::size_t LineSplitter::capacity_after(const Line& line) const {
  return static_cast<std::size_t>(buf_.data() + buf_.size() - line.bytes.data());
}

bool LineSplitter::next(Line& line) {
  line = Line{};
  std::size_t scan = b_;
  bool over = false;
  std::uint64_t skipped = 0;
  for (;;) {
    const void* nl = scan < e_ ? std::memchr(buf_.data() + scan, '\n', e_ - scan) : nullptr;
    if (nl || eof_) {
      std::size_t pos =
          nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data()) : e_;
      if (!nl && b_ == e_ && !over) return false;
      if (over || pos - b_ > cap_) {
        line.over_cap = true;
        line.length = skipped + (pos - b_);
      } else {
        line.bytes = std::string_view(buf_.data() + b_, pos - b_);
        line.length = pos - b_;
      }
      b_ = nl ? pos + 1 : e_;
      return true;
    }
    // No newline yet: drop what is over the cap, compact, read more.
    if (over || e_ - b_ > cap_) {
      over = true;
      skipped += e_ - b_;
      b_ = e_;
    }
    if (b_ > 0) {
      std::memmove(buf_.data(), buf_.data() + b_, e_ - b_);
      e_ -= b_;
      b_ = 0;
    }
    scan = e_;
    if (buf_.size() < e_ + kReadBlock + simdjson::SIMDJSON_PADDING)
      buf_.resize(std::max(buf_.size() * 2, e_ + kReadBlock + simdjson::SIMDJSON_PADDING));
    std::size_t n = src_.read(buf_.data() + e_, kReadBlock);
    if (n == 0) eof_ = true;
    e_ += n;
  }
}

FieldMap::FieldMap(const std::vector<std::pair<std::string, std::string>>& overrides) {
  nodes.push_back({});
  paths.assign(std::begin(kTargets), std::end(kTargets));
  for (const auto& [name, path] : overrides)
    for (int t = 0; t < kTargetCount; ++t)
      if (name == kTargets[t]) paths[static_cast<std::size_t>(t)] = path;
  for (int t = 0; t < kTargetCount; ++t) {
    std::string_view p = paths[static_cast<std::size_t>(t)];
    int node = 0;
    while (!p.empty()) {
      auto dot = p.find('.');
      std::string key(p.substr(0, dot));
      p = dot == std::string_view::npos ? std::string_view{} : p.substr(dot + 1);
      int found = -1;
      for (int c : nodes[static_cast<std::size_t>(node)].children)
        if (nodes[static_cast<std::size_t>(c)].key == key) found = c;
      if (found < 0) {
        found = static_cast<int>(nodes.size());
        nodes.push_back({key, -1, {}});
        nodes[static_cast<std::size_t>(node)].children.push_back(found);
      }
      node = found;
    }
    if (nodes[static_cast<std::size_t>(node)].target < 0)
      nodes[static_cast<std::size_t>(node)].target = t;
  }
}

JsonlParser::JsonlParser(const InputOptions& options) : map_(options.fields) {}

void JsonlParser::extract(int target, simdjson::ondemand::value v, Document& doc, bool& has_text) {
  using T = simdjson::ondemand::json_type;
  T type = v.type();
  const std::string& path = map_.paths[static_cast<std::size_t>(target)];
  auto bad = [&](const char* expected) {
    std::string raw(v.raw_json_token());
    throw FieldError{"field \"" + path + "\": expected " + expected + ", got " + type_name(type) +
                     " " + excerpt(raw)};
  };
  if (type == T::null) return;  // null = absent
  auto str = [&]() {
    if (type != T::string) bad("a string");
    return std::string(std::string_view(v.get_string()));
  };
  switch (target) {
    case kText:
      doc.text = str();
      has_text = true;
      break;
    case kId:
      if (type == T::number) {
        doc.id = std::string(trim(v.raw_json_token()));
      } else if (type == T::string) {
        doc.id = std::string(std::string_view(v.get_string()));
      } else {
        bad("a string or a number");
      }
      doc.id_given = true;
      break;
    case kPublished:
      if (type == T::number)
        doc.meta.published_at = std::string(trim(v.raw_json_token()));
      else if (type == T::string)
        doc.meta.published_at = std::string(std::string_view(v.get_string()));
      else
        bad("a string or a number (epoch seconds or milliseconds)");
      break;
    case kTitle:
      doc.meta.title = str();
      break;
    case kUrl:
      doc.meta.url = str();
      break;
    case kAuthor:
      doc.meta.author = str();
      break;
    case kTerritory: {
      std::string t = str();
      std::string up = t;
      for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (up.size() != 2 || !std::isalpha(static_cast<unsigned char>(up[0])) ||
          !std::isalpha(static_cast<unsigned char>(up[1])))
        throw FieldError{"field \"" + path + "\": \"" + excerpt(t) +
                         "\" is not an ISO 3166-1 alpha-2 code (FR, GP, MQ, GF, RE, YT, PM, BL, "
                         "MF, PF, NC, WF)"};
      doc.meta.territory = up;
      break;
    }
    case kLang: {
      std::string l = str();
      if (trim(l).empty()) break;
      std::string n = normalize_lang(l);
      if (n.empty())
        throw FieldError{"field \"" + path + "\": \"" + excerpt(l) +
                         "\" is not an ISO 639-1 language code"};
      doc.meta.lang = n;
      break;
    }
    case kRole: {
      std::string r = str();
      auto role = author_role_from_string(lower_ascii(trim(r)));
      if (!role)
        throw FieldError{"field \"" + path + "\": unknown value \"" + excerpt(r) +
                         "\" (expected candidate, party, campaign, media, authority or public)"};
      doc.meta.author_role = *role;
      break;
    }
    case kSponsored:
      if (type != T::boolean) bad("true or false");
      doc.meta.sponsored = bool(v.get_bool());
      break;
    default:
      break;
  }
}

void JsonlParser::visit(simdjson::ondemand::object obj, int node, Document& doc, bool& has_text) {
  const auto& children = map_.nodes[static_cast<std::size_t>(node)].children;
  for (auto field : obj) {
    std::string_view key = field.unescaped_key();
    int child = -1;
    for (int c : children)
      if (map_.nodes[static_cast<std::size_t>(c)].key == key) child = c;
    if (child < 0) continue;  // unknown fields are ignored (on-demand skips their value)
    const auto& n = map_.nodes[static_cast<std::size_t>(child)];
    simdjson::ondemand::value v = field.value();
    if (n.target >= 0) {
      extract(n.target, v, doc, has_text);
    } else if (!n.children.empty()) {
      simdjson::ondemand::object sub;
      if (v.get_object().get(sub) == simdjson::SUCCESS) visit(sub, child, doc, has_text);
    }
  }
}

void JsonlParser::parse(std::string_view line, std::size_t capacity, Document& doc) {
  std::string where = doc.source + ":" + std::to_string(doc.line) + ": ";
  bool has_text = false;
  doc.meta.territory.clear();  // not given: the CLI's --territory (else FR) applies
  try {
    auto json = parser_.iterate(line.data(), line.size(), capacity);
    simdjson::ondemand::document& d = json.value();
    auto type = d.type().value();
    if (type != simdjson::ondemand::json_type::object) {
      doc.error = where + "not a JSON object (got " + type_name(type) + "): " + excerpt(line);
    } else {
      visit(d.get_object(), 0, doc, has_text);
      const char* rest = nullptr;
      if (d.current_location().get(rest) == simdjson::SUCCESS)
        doc.error = where + "trailing characters after the JSON object: " + excerpt(line);
      else if (!has_text)
        doc.error = where + "missing field \"" + map_.paths[kText] + "\" (a string is required)";
    }
  } catch (const FieldError& e) {
    doc.error = where + e.message;
  } catch (const simdjson::simdjson_error& e) {
    doc.error = where + "invalid JSON (" + e.what() + "): " + excerpt(line);
  }
  if (!doc.error.empty()) doc.text.clear();
  if (doc.id.empty()) doc.id = std::to_string(doc.line);
}

}  // namespace veille::ingest
