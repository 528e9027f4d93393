#!/usr/bin/env bash
# make bench: generate the corpus, then measure side by side, in one go: cat (I/O limit),
# ripgrep with the pack's anchor patterns, veille check --jobs 1 and --jobs 2; then a large
# input for peak RSS. Writes docs/performance.md.
# Usage: bash bench/run.sh [BUILD_DIR=build]
# Knobs (environment): BENCH_MB=200 (corpus size), BENCH_BIG_MB=1000 (peak-RSS run; 0 = skip),
# BENCH_RUNS=3 (runs per measurement, median wall time), BENCH_SEED=42.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
MB=${BENCH_MB:-200}
BIG_MB=${BENCH_BIG_MB:-1000}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-42}
OUT="$ROOT/bench/out"
DOC=${BENCH_DOC:-"$ROOT/docs/performance.md"}
export VEILLE_DATA_DIR=${VEILLE_DATA_DIR:-$ROOT}
mkdir -p "$OUT" "$ROOT/docs"

log() { echo "bench: $*" >&2; }

# --- build ----------------------------------------------------------------------------------
cmake --build "$BUILD" --target veille_cli gen_corpus -j 2 >&2 || { log "build failed"; exit 2; }
have_text=0 have_engine=0
cmake --build "$BUILD" --target bench_text -j 2 >&2 && have_text=1 || log "bench_text does not build: skipped"
cmake --build "$BUILD" --target bench_engine -j 2 >&2 && have_engine=1 || log "bench_engine does not build: skipped"
VEILLE="$BUILD/veille"

# --- corpus ---------------------------------------------------------------------------------
CORPUS="$OUT/corpus-${MB}MB-seed${SEED}.jsonl"
[ -s "$CORPUS" ] || "$BUILD/gen_corpus" "$CORPUS" "$MB" "$SEED" || exit 2
BYTES=$(stat -L -c %s "$CORPUS")
LINES=$(wc -l <"$CORPUS")

# --- anchors for ripgrep --------------------------------------------------------------------
PATTERNS="$OUT/anchors.txt"
# A fixed list of typical anchors, for the reference row when the pack's cannot be used.
fallback_anchors() {
  printf '%s\n' '(?-u:\b)sondages?(?-u:\b)' '(?-u:\b)estimations?(?-u:\b)' \
    '(?-u:\b)r[eé]sultats?(?-u:\b)' 'sortie des urnes' '(?-u:\b)votez(?-u:\b)' \
    '(?-u:\b)bureaux? de vote' '(?-u:\b)participation(?-u:\b)' '(?-u:\b)ifop|ipsos|opinionway|elabe(?-u:\b)' \
    '\d{1,2}[,.]\d\s?%' '#\w*(pr[eé]sidentielle|[eé]lection|leaks|vote)\w*'
}
anchor_note="the pack's anchors (\`bench_engine --print-anchors\`)"
if [ "$have_engine" = 1 ] && "$BUILD/bench_engine" --print-anchors >"$PATTERNS" 2>"$OUT/anchors.err" \
   && [ -s "$PATTERNS" ]; then
  # RE2 accepts an escaped apostrophe or double quote (\', \"), ripgrep's regex syntax does
  # not: same pattern.
  sed -i -e "s/\\\\'/'/g" -e 's/\\"/"/g' "$PATTERNS"
else
  # Fallback so that the reference row still exists: a fixed list of typical anchors.
  anchor_note="a fixed fallback list (bench_engine unavailable)"
  fallback_anchors >"$PATTERNS"
fi
# ripgrep's regex engine gives up its DFA on the full pack (112 anchors, ~340 KB of regex with
# case folding): measured 6 min for 20 MB on this machine, an hour for the corpus. Past 100 KB
# of anchor text the reference row uses the fixed list above instead, and says so.
if [ "$(wc -c <"$PATTERNS")" -gt 100000 ]; then
  anchor_note="a fixed list of 10 typical anchors (the pack's $(wc -l <"$PATTERNS") anchors, $(($(wc -c <"$PATTERNS") / 1024)) KB of regex, exceed what ripgrep's DFA handles: 6 min for 20 MB)"
  fallback_anchors >"$PATTERNS"
fi
NPAT=$(wc -l <"$PATTERNS")

# --- measurement helpers --------------------------------------------------------------------
# Each run goes under /usr/bin/time: wall seconds, peak RSS, user+sys CPU seconds. The runs are
# interleaved (cat, rg, jobs1, jobs2, then again) so that a change in the machine's load hits
# every row alike; the table gives the median wall time and the median CPU time of each row.
# Exit codes 0 and 1 are both fine (findings / no match).
declare -A WALLS CPUS RSS STATUS WALL CPU
cmd_cat() { cat "$CORPUS"; }
cmd_ripgrep() { rg -c -i -f "$PATTERNS" "$CORPUS"; }
cmd_jobs1() { "$VEILLE" check --format jsonl --jobs 1 --progress never "$CORPUS"; }
cmd_jobs2() { "$VEILLE" check --format jsonl --jobs 2 --progress never "$CORPUS"; }
cmd_big() { "$VEILLE" check --format jsonl --jobs 2 --progress never "$BIG"; }
run_once() {
  local name=$1 rc w r u s
  [ "${STATUS[$name]:-ok}" = ok ] || return
  /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" bash -c "$(declare -f "cmd_$name"); \
    VEILLE='$VEILLE' CORPUS='$CORPUS' PATTERNS='$PATTERNS' BIG='${BIG:-}' cmd_$name" \
    >/dev/null 2>"$OUT/$name.err"
  rc=$?
  if [ "$rc" -gt 1 ]; then
    STATUS[$name]="failed (exit $rc: $(grep -v '^Command exited' "$OUT/$name.err" | head -c 200 | tr '\n' ' '))"
    log "$name failed: exit $rc"; return
  fi
  read -r w r u s < <(tail -1 "$OUT/time.txt")
  WALLS[$name]+="$w "
  CPUS[$name]+="$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}') "
  [ "$r" -gt "${RSS[$name]:-0}" ] && RSS[$name]=$r
  STATUS[$name]=ok
  log "$name: ${w}s wall, $(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')s CPU, $((r / 1024)) MB peak RSS"
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
finish() {
  local name=$1
  [ "${STATUS[$name]:-}" = ok ] || return
  WALL[$name]=$(echo "${WALLS[$name]}" | median)
  CPU[$name]=$(echo "${CPUS[$name]}" | median)
  RSS[$name]=$(awk -v k="${RSS[$name]}" 'BEGIN {printf "%.0f", k/1024}')
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= RUNS; round++)); do
  for name in cat ripgrep jobs1 jobs2; do run_once "$name"; done
done
for name in cat ripgrep jobs1 jobs2; do finish "$name"; done

BIG_NOTE="skipped (BENCH_BIG_MB=0)"
if [ "$BIG_MB" -gt 0 ]; then
  BIG="$OUT/corpus-${BIG_MB}MB-seed${SEED}.jsonl"
  [ -s "$BIG" ] || "$BUILD/gen_corpus" "$BIG" "$BIG_MB" "$SEED"
  run_once big
  finish big
  BIG_BYTES=$(stat -L -c %s "$BIG")
  BIG_NOTE="${STATUS[big]}"
fi

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- fragments from the stage benchmarks ----------------------------------------------------
TEXT_FRAG="_bench_text did not build: skipped._"
ENGINE_FRAG="_bench_engine did not build: skipped._"
[ "$have_text" = 1 ] && TEXT_FRAG=$("$BUILD/bench_text" "$CORPUS" 2>&1 || echo "_bench_text failed._")
[ "$have_engine" = 1 ] && ENGINE_FRAG=$("$BUILD/bench_engine" "$CORPUS" 2>&1 || echo "_bench_engine failed._")

# --- report ---------------------------------------------------------------------------------
# Hand-written analysis below this marker in docs/performance.md survives regeneration.
MARK='<!-- notes below are kept by bench/run.sh -->'
NOTES=""
[ -f "$DOC" ] && NOTES=$(awk -v m="$MARK" 'found {print} $0 == m {found = 1}' "$DOC")
mbps() { awk -v b="$BYTES" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", b / 1e6 / s; else print "n/a" }'; }
rps() { awk -v n="$LINES" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f×", a / b; else print "–" }'; }
row() {
  local name=$1 label=$2
  if [ "${STATUS[$name]:-}" != ok ]; then
    echo "| $label | ${STATUS[$name]:-not run} | | | | | | | |"; return
  fi
  local w=${WALL[$name]}
  echo "| $label | $w | ${CPU[$name]} | $(mbps "$w") | $(rps "$w") | $(mbps "${CPU[$name]}") | ${RSS[$name]} | $(ratio "$w" "${WALL[ripgrep]:-0}") | $(ratio "${WALL[jobs1]:-0}" "$w") |"
}
target() {  # target LABEL OK(0/1) DETAIL
  if [ "$2" = 1 ]; then echo "| $1 | **PASS** | $3 |"; else echo "| $1 | **MISS** | $3 |"; fi
}

{
  echo "# Performance"
  echo
  echo "Written by \`make bench\` (\`bench/run.sh\`); do not edit by hand. Run it again to refresh."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo); load average (1/5/15 min) at start: $LOAD_START, at end: $LOAD_END"
  echo "- Build: \`$BUILD\` ($(grep -m1 CMAKE_BUILD_TYPE:STRING "$BUILD/CMakeCache.txt" 2>/dev/null | cut -d= -f2))"
  echo "- Corpus: \`gen_corpus\` seed $SEED, $(awk -v b="$BYTES" 'BEGIN {printf "%.1f MB", b/1e6}'), $LINES JSON-lines posts (about 10 % election-related)"
  echo "- Wall and CPU (user + sys) time: median of $RUNS interleaved runs (\`/usr/bin/time\`); peak RSS: the largest of the runs."
  echo "  The machine is shared: with a load average above the core count, wall times (and the"
  echo "  --jobs 2 speed-up) depend on the other processes; CPU seconds do much less."
  echo "- ripgrep: \`rg -c -i -f anchors.txt\` with $NPAT patterns from $anchor_note"
  echo "- veille: \`veille check --format jsonl --jobs N --progress never CORPUS > /dev/null\`, full built-in French pack"
  echo
  echo "| Run | Wall s | CPU s | MB/s (wall) | records/s | MB per CPU-s | Peak RSS MB | × ripgrep wall | speed-up vs --jobs 1 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  row cat "\`cat\` (I/O limit)"
  row ripgrep "ripgrep, anchors"
  row jobs1 "veille --jobs 1"
  row jobs2 "veille --jobs 2"
  if [ "$BIG_MB" -gt 0 ] && [ "${STATUS[big]:-}" = ok ]; then
    echo "| veille --jobs 2, $(awk -v b="$BIG_BYTES" 'BEGIN {printf "%.0f MB", b/1e6}') input (1 run) | ${WALL[big]} | ${CPU[big]} | $(awk -v b="$BIG_BYTES" -v s="${WALL[big]}" 'BEGIN {printf "%.0f", b/1e6/s}') | | $(awk -v b="$BIG_BYTES" -v s="${CPU[big]}" 'BEGIN {printf "%.0f", b/1e6/s}') | ${RSS[big]} | | |"
  else
    echo "| veille --jobs 2, large input | $BIG_NOTE | | | | | | | |"
  fi
  echo
  echo "## Targets (issue 8)"
  echo
  echo "| Target | Result | Measured |"
  echo "|---|---|---|"
  if [ "${STATUS[jobs1]:-}" = ok ]; then
    v=$(mbps "${WALL[jobs1]}")
    c=$(mbps "${CPU[jobs1]}")
    target "≥ 100 MB/s of JSON-lines per core (--jobs 1)" "$(awk -v v="$c" 'BEGIN {print (v >= 100)}')" \
      "$v MB/s wall, $c MB per CPU-second ($(awk -v v="$c" 'BEGIN {printf "%+.0f %%", (v/100-1)*100}') vs target)"
  else target "≥ 100 MB/s per core" 0 "not measured: ${STATUS[jobs1]:-}"; fi
  if [ "${STATUS[jobs1]:-}" = ok ] && [ "${STATUS[jobs2]:-}" = ok ]; then
    s=$(awk -v a="${WALL[jobs1]}" -v b="${WALL[jobs2]}" 'BEGIN {printf "%.2f", a/b}')
    o=$(awk -v a="${CPU[jobs1]}" -v b="${CPU[jobs2]}" 'BEGIN {printf "%+.0f %%", (b/a-1)*100}')
    target "--jobs 2 ≥ 1.7× --jobs 1" "$(awk -v s="$s" 'BEGIN {print (s >= 1.7)}')" \
      "$s× wall; CPU time of --jobs 2 vs --jobs 1: $o (what parallelism costs)"
  else target "--jobs 2 ≥ 1.7× --jobs 1" 0 "not measured"; fi
  if [ "$BIG_MB" -gt 0 ] && [ "${STATUS[big]:-}" = ok ]; then
    target "peak RSS ≤ 300 MB on a 1 GB input" "$(awk -v r="${RSS[big]}" 'BEGIN {print (r <= 300)}')" \
      "${RSS[big]} MB on $(awk -v b="$BIG_BYTES" 'BEGIN {printf "%.0f MB", b/1e6}')"
  else target "peak RSS ≤ 300 MB on a 1 GB input" 0 "not measured ($BIG_NOTE); on $MB MB: ${RSS[jobs2]:-?} MB"; fi
  if [ "${STATUS[ripgrep]:-}" = ok ] && [ "${STATUS[jobs2]:-}" = ok ]; then
    x=$(awk -v a="${WALL[jobs2]}" -v b="${WALL[ripgrep]}" 'BEGIN {printf "%.1f", a/b}')
    target "wall time within 6× of ripgrep (veille --jobs 2)" "$(awk -v x="$x" 'BEGIN {print (x <= 6)}')" "${x}×"
  else target "wall time within 6× of ripgrep" 0 "not measured"; fi
  echo
  echo "## Where the time goes"
  echo
  echo "The stage benchmarks below run one core on the same corpus (text bytes only)."
  echo
  echo "### bench_text"
  echo
  echo "$TEXT_FRAG"
  echo
  echo "### bench_engine"
  echo
  echo "$ENGINE_FRAG"
  echo
  echo "$MARK"
  [ -n "$NOTES" ] && echo "$NOTES"
} >"$DOC"
log "wrote $DOC"
cat "$DOC"
