// Hunspell lemmatizer behind a two-level cache: a per-thread map (no locks) in front of a
// process-wide sharded map (one mutex per shard). Dictionaries are opened lazily, one Hunspell
// instance per language used under a mutex (Hunspell is not thread-safe; only misses reach it). The
// lists handed out by a thread are its own copies (no reference count shared between threads).
// Misses, including words the dictionary does not know, are cached too; both levels are bounded (a
// full map is cleared).
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <hunspell.hxx>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <unordered_map>

#include "text/utf8.hpp"
#include "veille/text.hpp"

namespace veille {
namespace {

struct LangInfo {
  std::string_view code;
  std::string_view dict;
};
constexpr std::array<LangInfo, 5> kLangs{
    {{"fr", "fr_FR"}, {"en", "en_US"}, {"de", "de_DE"}, {"es", "es_ES"}, {"it", "it_IT"}}};
constexpr std::size_t kShards = 16;
constexpr std::size_t kShardLimit = 1 << 15;   // entries per shard and language
constexpr std::size_t kThreadLimit = 1 << 16;  // entries per thread and language

// -1 when there is no dictionary for the language. Accepts "fr", "FR", "fr-FR", "fr_CA".
int lang_index(std::string_view lang) {
  if (lang.size() < 2) return -1;
  char a = static_cast<char>(lang[0] | 0x20), b = static_cast<char>(lang[1] | 0x20);
  if (lang.size() > 2 && lang[2] != '-' && lang[2] != '_') return -1;
  for (std::size_t i = 0; i < kLangs.size(); ++i)
    if (kLangs[i].code[0] == a && kLangs[i].code[1] == b) return static_cast<int>(i);
  return -1;
}

std::string dict_dir() {
  const char* env = std::getenv("VEILLE_HUNSPELL_DIR");
  return env && *env ? std::string(env) : std::string("/usr/share/hunspell");
}

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
struct Eq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
};
using Map = std::unordered_map<std::string, LemmaList, Hash, Eq>;

struct Shard {
  std::mutex mutex;
  Map map;
};

std::string nfc(std::string_view w) {
  for (unsigned char c : w)
    if (c >= 0x80) {
      UErrorCode ec = U_ZERO_ERROR;
      const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(ec);
      std::string clean = text_detail::sanitize_utf8(w);
      std::string out;
      icu::StringByteSink<std::string> sink(&out);
      n->normalizeUTF8(0, icu::StringPiece(clean.data(), static_cast<int32_t>(clean.size())), sink,
                       nullptr, ec);
      return U_SUCCESS(ec) ? out : clean;
    }
  return std::string(w);
}

class HunspellLemmatizer final : public Lemmatizer {
 public:
  HunspellLemmatizer() : dir_(dict_dir()) {
    for (std::size_t i = 0; i < kLangs.size(); ++i) {
      std::string base = dir_ + "/" + std::string(kLangs[i].dict);
      std::error_code ec;
      available_[i] =
          std::filesystem::exists(base + ".aff", ec) && std::filesystem::exists(base + ".dic", ec);
    }
  }

  std::vector<std::string> lemmas(std::string_view word, std::string_view lang) override {
    return *lookup(word, lang);
  }

  LemmaList lookup(std::string_view word, std::string_view lang) override {
    const int li = lang_index(lang);
    if (li < 0 || !available_[static_cast<std::size_t>(li)]) return fallback(word);
    const auto l = static_cast<std::size_t>(li);
    thread_local std::array<Map, kLangs.size()> local;
    Map& mine = local[l];
    if (auto it = mine.find(word); it != mine.end()) return it->second;
    const std::size_t h = Hash{}(word);
    Shard& shard = shards_[l][h % kShards];
    LemmaList found;
    {
      std::lock_guard<std::mutex> lock(shard.mutex);
      if (auto it = shard.map.find(word); it != shard.map.end()) found = it->second;
    }
    if (!found) {
      found = compute(word, l);
      std::lock_guard<std::mutex> lock(shard.mutex);
      if (shard.map.size() >= kShardLimit) shard.map.clear();
      shard.map.emplace(std::string(word), found);
    }
    if (mine.size() >= kThreadLimit) mine.clear();
    // The per-thread map keeps its own copy: every hit copies the shared_ptr (an atomic
    // reference count), and a control block shared with another thread would bounce its cache
    // line between the cores on each lookup.
    LemmaList own = std::make_shared<const std::vector<std::string>>(*found);
    mine.emplace(std::string(word), own);
    return own;
  }

  bool has_language(std::string_view lang) const override {
    const int li = lang_index(lang);
    return li >= 0 && available_[static_cast<std::size_t>(li)];
  }

 private:
  static LemmaList fallback(std::string_view word) {
    return std::make_shared<const std::vector<std::string>>(std::vector<std::string>{fold(word)});
  }

  // Hunspell is not thread-safe: one instance per language for the whole process, opened on
  // first use, used under its mutex. Only cache misses reach it (each distinct word once per
  // process while the shared cache holds it), so the lock is rarely taken; one instance per
  // thread cost each worker thread its own dictionary load (about 0.15 s and 30 MB for fr_FR)
  // and its own unload at thread exit. The instances are never destroyed (the process exit
  // reclaims them; a static pointer keeps them reachable for leak checkers).
  struct Speller {
    std::once_flag once;
    std::mutex mutex;
    Hunspell* hunspell = nullptr;
  };

  Speller& speller(std::size_t l) {
    Speller& sp = spellers_[l];
    std::call_once(sp.once, [&] {
      std::string base = dir_ + "/" + std::string(kLangs[l].dict);
      sp.hunspell = new Hunspell((base + ".aff").c_str(), (base + ".dic").c_str());
    });
    return sp;
  }

  LemmaList compute(std::string_view word, std::size_t l) {
    std::string w = nfc(word);
    bool has_digit = false;
    for (char c : w) has_digit |= (c >= '0' && c <= '9');
    if (has_digit) {
      // Leetspeak (M4cr0n) folds to letters; real alphanumerics (2e, covid19) stay as they are.
      w = fold(w);
      for (char c : w)
        if (c >= '0' && c <= '9') return fallback(word);
    }
    if (w.empty() || w.size() > 100) return fallback(word);
    Speller& sp = speller(l);
    std::vector<std::string> stems;
    {
      std::lock_guard<std::mutex> lock(sp.mutex);
      stems = sp.hunspell->stem(w);
    }
    if (stems.empty()) {
      std::string f = fold(w);
      if (f != w) {
        std::lock_guard<std::mutex> lock(sp.mutex);
        stems = sp.hunspell->stem(f);
      }
    }
    std::vector<std::string> out;
    for (const std::string& s : stems) {
      std::string f = fold(s);
      if (f.empty()) continue;
      bool dup = false;
      for (const auto& o : out) dup |= (o == f);
      if (!dup) out.push_back(std::move(f));
    }
    if (out.empty()) return fallback(word);
    return std::make_shared<const std::vector<std::string>>(std::move(out));
  }

  std::string dir_;
  std::array<bool, kLangs.size()> available_{};
  std::array<std::array<Shard, kShards>, kLangs.size()> shards_;
  std::array<Speller, kLangs.size()> spellers_;
};

}  // namespace

Lemmatizer& Lemmatizer::instance() {
  static HunspellLemmatizer lemmatizer;
  return lemmatizer;
}

}  // namespace veille
