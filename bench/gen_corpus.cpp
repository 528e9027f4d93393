// gen_corpus OUT [MB=200] [SEED=42]: a deterministic, realistic JSON-lines corpus of posts for
// `make bench`. xorshift64* with a fixed seed (no <random> distributions: they differ between
// standard libraries), so the output is byte-identical on every machine.
//
// About 10 % of posts are election-related (results, estimates, polls, calls to vote, hashtags);
// the rest is everyday chatter (sport, food, weather, culture) in French with accents, elisions
// (' and ’), hashtags, emoji (ZWJ sequences, flags, VS16), URLs, @mentions, percentages with
// NBSP/NNBSP, and some English, German and Spanish. Times fall around the 2017 and 2022
// presidential weekends with various offsets; territory and lang are sometimes given.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545F4914F6CDD1Dull;
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>((next() >> 11) % n); }
  bool chance(unsigned percent) { return below(1000) < percent * 10; }
  bool permille(unsigned p) { return below(1000) < p; }
  template <class T, std::size_t N>
  const T& pick(const T (&a)[N]) {
    return a[below(N)];
  }
};

const char* kChatFr[] = {
    "Quel match hier soir, l'équipe a été incroyable jusqu'à la dernière minute",
    "Je viens de finir une tarte aux pommes, c’est la recette de ma grand-mère",
    "Il pleut encore sur Rennes, j'aurais dû prendre mon parapluie",
    "Le nouveau film de Céline Sciamma est magnifique, allez-y",
    "Quelqu’un connaît un bon boulanger près de la gare de Lyon ?",
    "Soleil et 24 °C à Marseille, parfait pour la plage",
    "Concert génial à l'Olympia ce week-end, merci à tous",
    "Les fraises de Plougastel sont arrivées au marché, enfin",
    "On a perdu 2-1 à domicile, l’arbitre n’a rien vu",
    "Petit-déjeuner en terrasse, café crème et croissant",
    "Exposition Monet à l'Orangerie : file d’attente d’une heure",
    "Mon chat refuse de sortir quand il fait froid, il a bien raison",
    "Randonnée dans les Pyrénées, vue à couper le souffle",
    "Qui regarde la finale de Roland-Garros cet après-midi ?",
    "Recette de la ratatouille : courgettes, aubergines, poivrons, tomates",
    "Embouteillages sur le périphérique, comme d'habitude",
    "Le Tour de France passe devant chez nous demain",
    "J’ai enfin lu « L’Étranger », quel livre",
    "Orage violent à Lyon, les caves sont inondées",
    "Fête de la musique : on joue place du Capitole à 21 h",
    "Les soldes commencent mercredi, préparez vos cartes",
    "Brunch du dimanche : œufs brouillés, saumon, jus d’orange pressé",
    "Grève des transports prévue jeudi, pensez au télétravail",
    "Le PSG s'impose 3-0, doublé de l’attaquant",
    "Vacances à La Réunion, le piton de la Fournaise est superbe",
};
const char* kChatOther[] = {
    "Great game last night, what a comeback",
    "Does anyone know a good ramen place near the station?",
    "Heute regnet es in Berlin schon wieder, typisch",
    "Das Konzert gestern war wunderbar, danke an alle",
    "Qué partido tan increíble anoche, enhorabuena al equipo",
    "Hoy hace un sol espléndido en Sevilla",
    "Just finished a 10k run in the rain, feeling great",
    "Frühstück auf dem Balkon mit frischen Brötchen",
};
const char* kElection[] = {
    "Premières estimations : le candidat serait en tête avec",
    "Sortie des urnes : selon un institut, le second tour donnerait",
    "Les bureaux de vote ferment à 20 h dans les grandes villes, d’après nos informations",
    "Sondage Ifop publié ce soir : intentions de vote à",
    "Votez pour notre candidat dimanche, chaque voix compte",
    "Résultats partiels dans le Calvados : le sortant à",
    "La RTBF annonce déjà les premiers chiffres, participation à",
    "Selon la Commission des sondages, aucune publication avant la fermeture",
    "Allez voter ! Les bureaux sont ouverts jusqu’à 19 h",
    "Participation à 17 heures : en légère baisse, à",
    "Le candidat appelle à voter massivement au second tour",
    "Estimation Ipsos : le résultat serait de",
    "On nous dit que c’est plié, déjà",
    "Élection présidentielle : les électeurs de Guadeloupe votent dès samedi, taux de",
    "Les Suisses publient les résultats, on connaît déjà le score :",
};
const char* kElectionEn[] = {
    "Exit polls in France show the incumbent at",
    "French election: early estimates circulating, around",
};
const char* kHashChat[] = {"#météo",    "#foot", "#recette",      "#cinéma",   "#Paris",
                           "#vacances", "#OM",   "#TourDeFrance", "#dimanche", "#BonneJournée"};
const char* kHashElection[] = {"#Presidentielle2022", "#presidentielle2017", "#JeVote",
                               "#MacronLeaks",        "#SecondTour",         "#Elysee2022",
                               "#RadioLondres",       "#électionleaks",      "#dimanche20h"};
const char* kEmoji[] = {
    "😀",       "🙄",     "⚽",      "☀️", "🍰",           "🇫🇷",     "👨‍👩‍👧",
    "🗳️", "👍🏽", "❤️", "🎉",      "🧑‍🍳", "🌧️"};
const char* kMention[] = {"@jdupont", "@MarieL_75",   "@le_quotidien", "@AFPfr",
                          "@BFMTV",   "@paul.martin", "@Lyon_Info"};
const char* kUrl[] = {"https://t.co/aB3xYz9QwE", "https://www.lemonde.fr/politique/article/x.html",
                      "http://bit.ly/3xYzAbC", "https://www.francetvinfo.fr/meteo/",
                      "https://youtu.be/dQw4w9WgXcQ"};
const char* kPctSpace[] = {" ", "\u00A0", "\u202F", ""};
const char* kOffsets[] = {"+02:00", "Z", "+0200", "-04:00", "+04:00", "-10:00", "+11:00", "+01:00"};
const char* kTerritories[] = {"FR", "GP", "MQ", "RE", "PF", "NC", "YT", "GF"};
const char* kLangs[] = {"fr", "fr", "fr", "en", "de", "es"};

void json_escape(std::string& out, std::string_view s, Rng& rng) {
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '/':
        out += rng.permille(50) ? "\\/" : "/";
        break;
      default:
        out += c;
    }
  }
}

std::string percent(Rng& rng) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%zu,%zu", 20 + rng.below(60), rng.below(10));
  return std::string(buf) + rng.pick(kPctSpace) + "%";
}

std::string timestamp(Rng& rng) {
  // 2017-05-05..07 or 2022-04-22..24 (first rounds 2022, second rounds 2017 and 2022 too).
  static const char* days[] = {"2017-05-05", "2017-05-06", "2017-05-07", "2017-04-23",
                               "2022-04-22", "2022-04-23", "2022-04-24", "2022-04-10",
                               "2017-06-11", "2022-03-15"};
  char buf[64];
  std::size_t hour = rng.chance(50) ? 17 + rng.below(5) : rng.below(24);
  std::snprintf(buf, sizeof buf, "%sT%02zu:%02zu:%02zu%s", rng.pick(days), hour, rng.below(60),
                rng.below(60), rng.pick(kOffsets));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: gen_corpus OUT [MB=200] [SEED=42]\n");
    return 2;
  }
  const double mb = argc > 2 ? std::atof(argv[2]) : 200.0;
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 42;
  const auto target = static_cast<std::uint64_t>(mb * 1e6);
  std::FILE* out = std::fopen(argv[1], "wb");
  if (!out) {
    std::perror(argv[1]);
    return 2;
  }
  Rng rng{seed * 0x9E3779B97F4A7C15ull + 1};
  std::uint64_t written = 0, id = 860000000000000000ull, lines = 0, election = 0;
  std::string line, text;
  while (written < target) {
    text.clear();
    const bool is_election = rng.permille(100);
    const bool foreign = !is_election && rng.permille(80);
    if (is_election) {
      ++election;
      text += rng.permille(60) ? rng.pick(kElectionEn) : rng.pick(kElection);
      if (rng.chance(70)) text += " " + percent(rng);
      if (rng.chance(60)) text += std::string(" ") + rng.pick(kHashElection);
    } else {
      const std::size_t sentences = 1 + rng.below(3);
      for (std::size_t i = 0; i < sentences; ++i) {
        if (i) text += rng.chance(20) ? "\n" : ". ";
        text += foreign ? rng.pick(kChatOther) : rng.pick(kChatFr);
      }
      if (rng.chance(15)) text += " à " + percent(rng) + " de réduction";
      if (rng.chance(40)) text += std::string(" ") + rng.pick(kHashChat);
    }
    if (rng.chance(35)) text += std::string(" ") + rng.pick(kEmoji);
    if (rng.chance(20)) text = std::string(rng.pick(kMention)) + " " + text;
    if (rng.chance(15)) text += std::string(" ") + rng.pick(kUrl);
    if (rng.chance(10)) {  // a quoted fragment, cut on a UTF-8 boundary
      std::string q = rng.pick(kChatFr);
      std::size_t n = 30;
      while (n < q.size() && (static_cast<unsigned char>(q[n]) & 0xC0) == 0x80) ++n;
      text += " \"" + q.substr(0, n) + "…\"";
    }

    line = "{\"id\":\"" + std::to_string(id + rng.below(1000)) + "\",\"text\":\"";
    id += 1000;
    json_escape(line, text, rng);
    line += "\",\"published_at\":\"" + timestamp(rng) + "\"";
    if (rng.chance(15)) line += std::string(",\"territory\":\"") + rng.pick(kTerritories) + "\"";
    if (rng.chance(20))
      line += std::string(",\"lang\":\"") + (foreign ? rng.pick(kLangs) : "fr") + "\"";
    if (rng.permille(20)) line += ",\"author_role\":\"media\"";
    if (rng.permille(30)) line += ",\"retweet_count\":" + std::to_string(rng.below(5000));
    line += "}\n";
    std::fwrite(line.data(), 1, line.size(), out);
    written += line.size();
    ++lines;
  }
  std::fclose(out);
  std::fprintf(stderr, "gen_corpus: %s: %llu lines, %.1f MB, %.1f %% election-related\n", argv[1],
               static_cast<unsigned long long>(lines), static_cast<double>(written) / 1e6,
               100.0 * static_cast<double>(election) / static_cast<double>(lines));
  return 0;
}
