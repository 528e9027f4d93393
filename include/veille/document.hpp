#pragma once
// Stage contract: what readers (ingest/) produce and every later stage consumes.
// A Document is one post, article or feed item: its original UTF-8 text, the scopes inside it
// (byte ranges) and the metadata that decides which law applies (time, territory, who published).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace veille {

// A part of a document. Byte offsets into Document::text, half-open [start, end).
enum class ScopeKind { title, headline, lede, body, quote };
struct Scope {
  ScopeKind kind = ScopeKind::body;
  std::size_t start = 0;
  std::size_t end = 0;
};
std::string_view to_string(ScopeKind kind);
std::optional<ScopeKind> scope_from_string(std::string_view name);

// Who published. `public_` is the default (a private individual or unknown).
enum class AuthorRole { public_, candidate, party, campaign, media, authority };
std::string_view to_string(AuthorRole role);
std::optional<AuthorRole> author_role_from_string(std::string_view name);

struct Meta {
  // Publication time exactly as given by the input (ISO 8601, RFC 2822, Twitter, epoch ...).
  // Parsing belongs to the time/ stage; empty means "not given".
  std::string published_at;
  std::string territory;  // ISO 3166-1 alpha-2 as given; empty = not given (checked as FR,
                          // metropolitan France, unless the CLI's --territory says otherwise)
  std::string lang;              // ISO 639-1; empty = detect
  AuthorRole author_role = AuthorRole::public_;
  std::optional<bool> sponsored;
  std::string url;
  std::string author;
  std::string title;    // title when the input gives it separately (also a scope when in text)
  std::string charset;  // detected or declared charset of the source when not UTF-8
};

// An inline suppression found in the copy (e.g. <!-- veille-ignore RULE: reason -->).
struct InlineSuppression {
  std::string rule;  // rule id, citation id or "*"
  std::string reason;
  std::size_t offset = 0;  // byte offset of the directive in text
};

struct Document {
  std::string id;         // record id; readers fill the line number when the input has none
  bool id_given = false;  // true when the input itself carried the id (JSON id, feed guid):
                          // only then does the id enter finding fingerprints
  std::string source;     // file path, "-" for stdin, or feed URL
  std::uint64_t line = 0;  // 1-based line of the record in its source (0 = whole file)
  std::uint64_t ordinal = 0;  // 0-based position in the input stream (batch order)
  std::string text;           // original UTF-8 text that offsets refer to
  std::vector<Scope> scopes;  // empty = the whole text is body
  Meta meta;
  std::vector<InlineSuppression> suppressions;
  // Set by a reader when the record could not be read (broken JSON, missing text ...): the
  // record still flows through so that it yields exactly one output record, with this error.
  std::string error;
};

}  // namespace veille
