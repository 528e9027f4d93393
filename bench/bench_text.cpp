// bench_text CORPUS.jsonl [--repeat N] — single-core throughput of the text stage on the "text"
// fields of a JSON-lines corpus: folded view (Analysis construction), tokenizer
// (Analysis::tokens()), ICU's word BreakIterator over the same text as the reference, and lemma
// lookups through the warm cache. Prints a Markdown table fragment (best of N runs) on stdout;
// progress goes to stderr.
#include <simdjson.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <unordered_set>
#include <vector>

#include "veille/text.hpp"

namespace {

// CPU time of this thread: the machine may be shared, and "one core" means time on that core.
struct Clock {
  using time_point = double;
  static time_point now() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};

double seconds(Clock::time_point a, Clock::time_point b) {
  return b - a;
}

std::vector<std::string> load_texts(const std::string& path) {
  simdjson::padded_string json;
  auto err = simdjson::padded_string::load(path).get(json);
  if (err) throw std::runtime_error(path + ": cannot read: " + simdjson::error_message(err));
  std::vector<std::string> texts;
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document_stream stream;
  err = parser.iterate_many(json, 1 << 24).get(stream);
  if (err) throw std::runtime_error(path + ": " + simdjson::error_message(err));
  std::size_t line = 0;
  for (auto doc : stream) {
    ++line;
    std::string_view text;
    if (doc["text"].get_string().get(text)) {
      std::cerr << "bench_text: " << path << ": record " << line << ": no \"text\" string\n";
      continue;
    }
    texts.emplace_back(text);
  }
  return texts;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  std::string only;  // run one measurement only (profiling): fold, tokens, icu, lemma
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else if (path.empty() && a[0] != '-') {
      path = a;
    } else {
      std::cerr << "usage: bench_text CORPUS.jsonl [--repeat N] [--only fold|tokens|icu|lemma]\n";
      return 2;
    }
  }
  if (path.empty()) {
    std::cerr << "usage: bench_text CORPUS.jsonl [--repeat N] [--only fold|tokens|icu|lemma]\n";
    return 2;
  }
  std::vector<std::string> texts;
  try {
    texts = load_texts(path);
  } catch (const std::exception& e) {
    std::cerr << "bench_text: " << e.what() << "\n";
    return 2;
  }
  std::size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  if (bytes == 0) {
    std::cerr << "bench_text: " << path << ": no text\n";
    return 2;
  }
  const double mb = static_cast<double>(bytes) / 1e6;
  std::cerr << "bench_text: " << texts.size() << " texts, " << mb << " MB of text\n";

  // 1. Folded view: Analysis construction (copy, NFKC_Casefold + marks + confusables + leet,
  //    offset map). The language is given so that no detection runs.
  double best_fold = 1e18;
  std::size_t sink = 0;
  for (int r = 0; r < (only.empty() || only == "fold" ? repeat : 0); ++r) {
    auto t0 = Clock::now();
    for (const auto& t : texts) {
      veille::Analysis a(t, "fr");
      sink += a.folded().size();
    }
    best_fold = std::min(best_fold, seconds(t0, Clock::now()));
  }
  std::cerr << "bench_text: fold " << mb / best_fold << " MB/s\n";

  // 2. Tokenizer: documents one at a time, as the engine does (fold + tokens() + destruction),
  //    minus the fold-only time of step 1.
  double best_both = 1e18;
  std::size_t ntokens = 0;
  for (int r = 0; r < (only.empty() || only == "tokens" ? repeat : 0); ++r) {
    ntokens = 0;
    auto t0 = Clock::now();
    for (const auto& t : texts) {
      veille::Analysis a(t, "fr");
      ntokens += a.tokens().size();
    }
    best_both = std::min(best_both, seconds(t0, Clock::now()));
  }
  const double best_tok = std::max(1e-9, best_both - best_fold);
  std::cerr << "bench_text: fold+tokens " << mb / best_both << " MB/s, tokenizer alone "
            << mb / best_tok << " MB/s, " << ntokens << " tokens\n";

  // 3. Reference: ICU word BreakIterator (root/fr rules) over the same original text, UTF-8.
  double best_icu = 1e18;
  std::size_t icu_words = 0;
  {
    UErrorCode ec = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale("fr"), ec));
    if (U_FAILURE(ec)) {
      std::cerr << "bench_text: ICU BreakIterator: " << u_errorName(ec) << "\n";
      return 3;
    }
    for (int r = 0; r < (only.empty() || only == "icu" ? repeat : 0); ++r) {
      icu_words = 0;
      UText* ut = nullptr;
      auto t0 = Clock::now();
      for (const auto& t : texts) {
        ec = U_ZERO_ERROR;
        ut = utext_openUTF8(ut, t.data(), static_cast<int64_t>(t.size()), &ec);
        bi->setText(ut, ec);
        for (int32_t p = bi->next(); p != icu::BreakIterator::DONE; p = bi->next())
          if (bi->getRuleStatus() != UBRK_WORD_NONE) ++icu_words;
      }
      best_icu = std::min(best_icu, seconds(t0, Clock::now()));
      utext_close(ut);
    }
  }
  std::cerr << "bench_text: ICU BreakIterator " << mb / best_icu << " MB/s\n";

  // 4. Lemma lookups through the warm cache: the word tokens of the first 20,000 texts.
  std::vector<std::string> words;
  for (std::size_t i = 0; i < (only.empty() || only == "lemma" ? texts.size() : 0) && i < 20000;
       ++i) {
    veille::Analysis a(texts[i], "fr");
    for (const auto& tok : a.tokens())
      if (tok.kind == veille::TokenKind::word)
        words.emplace_back(a.original().substr(tok.span.start, tok.span.end - tok.span.start));
  }
  std::size_t distinct = std::unordered_set<std::string>(words.begin(), words.end()).size();
  auto& lem = veille::Lemmatizer::instance();
  auto tw = Clock::now();
  for (const auto& w : words) sink += lem.lookup(w, "fr")->size();  // fills the cache
  const double warmup = seconds(tw, Clock::now());
  double best_lookup = 1e18;
  std::size_t lookups = 0;
  for (int r = 0; r < repeat; ++r) {
    lookups = 0;
    auto t0 = Clock::now();
    for (int round = 0; round < 5; ++round)
      for (const auto& w : words) {
        sink += lem.lookup(w, "fr")->size();
        ++lookups;
      }
    best_lookup = std::min(best_lookup, seconds(t0, Clock::now()));
  }
  if (words.empty()) return 0;
  const double lookups_per_s = static_cast<double>(lookups) / best_lookup;
  std::cerr << "bench_text: lemma lookups " << lookups_per_s / 1e6 << " M/s (warm-up " << warmup
            << " s for " << words.size() << " words, " << distinct << " distinct)\n";

  std::printf(
      "| Text stage, one core (%.1f MB of post text, %zu posts, best of %d, thread CPU time) | "
      "Result | "
      "Target |\n",
      mb, texts.size(), repeat);
  std::printf("|---|---:|---:|\n");
  std::printf(
      "| Folded view (`Analysis` construction: NFKC_Casefold, marks, confusables, "
      "offset map) | %.0f MB/s | >= 200 MB/s |\n",
      mb / best_fold);
  std::printf(
      "| Tokenizer (`Analysis::tokens()`, %zu tokens; fold+tokens minus fold) | %.0f MB/s "
      "| >= 150 MB/s |\n",
      ntokens, mb / best_tok);
  std::printf("| Folded view + tokens, per document | %.0f MB/s | – |\n", mb / best_both);
  std::printf("| Reference: ICU word BreakIterator, same text (%zu words) | %.0f MB/s | – |\n",
              icu_words, mb / best_icu);
  std::printf(
      "| Lemma lookups through the warm cache (%zu distinct words) | %.1f M/s | >= 5 M/s "
      "|\n",
      distinct, lookups_per_s / 1e6);
  std::printf("| Cache warm-up: %zu lookups incl. Hunspell misses | %.2f s | – |\n", words.size(),
              warmup);
  if (sink == 42) std::printf("\n");  // keep the work observable
  return 0;
}
