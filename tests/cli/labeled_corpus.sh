#!/usr/bin/env bash
# Labeled-corpus test (issue 6): precision and recall per citation (citations with at least 5
# expected positives), on three parts (docs/legal-basis.md, "The parts the test checks"):
#  - tuning: tuning.jsonl (the rule authors' own records) and, as one corpus, dev*.jsonl (written
#    independently of the rules by other authors, then tuned on; dev-ho3* ... dev-ho20* were the
#    held-out sets of earlier passes, dev-long-* are long multi-paragraph texts). Both must reach
#    0.90 precision and recall per citation.
#  - held-out: heldout21a/b/c.jsonl, written independently by three authors who saw only
#    docs/labeling-guide.md and the calendar, sealed until the fifteenth pass's rules and
#    retrained model were committed (abcc9f0), never trained on (docs/legal-basis.md, "Thirteenth
#    to fifteenth passes"). Measured once: 0.945 / 0.958; ten of the eleven citations at 0.90 or
#    more on both measures, art. 2 at 0.796 / 0.843. Guarded by floors just under that, P >= 0.75
#    and R >= 0.80, so that a change that loses ground fails.
#  - heldout.jsonl: the first held-out set (partly seen, see the docs): guarded by floors. Its
#    precision floor went from 0.90 to 0.85 with the statistical rules ("Ninth pass") and to 0.80
#    with the tenth pass's retrained model: one more statistical art. 2 false positive, a poll
#    commented without figures (art. 2 precision 0.824 on 15 positives; 0.875 after the twelfth
#    pass's retrain; overall 0.964 / 0.981).
# LABELED_CORPUS_QUICK=1 (the sanitizer run) checks tuning.jsonl and the held-out part only.
# Usage: bash tests/cli/labeled_corpus.sh <veille-binary> <repo-root>
set -u
bin="${1:?usage: labeled_corpus.sh <veille-binary> <repo-root>}"
root="${2:?usage: labeled_corpus.sh <veille-binary> <repo-root>}"
py=/usr/bin/python3
[[ -x "$py" ]] || py="$(command -v python3)"
HELDOUT_MIN_PRECISION=${HELDOUT_MIN_PRECISION:-0.75}
HELDOUT_MIN_RECALL=${HELDOUT_MIN_RECALL:-0.80}
FIRST_HELDOUT_MIN_PRECISION=${FIRST_HELDOUT_MIN_PRECISION:-0.80}
FIRST_HELDOUT_MIN_RECALL=${FIRST_HELDOUT_MIN_RECALL:-0.75}
export VEILLE_DATA_DIR="$root"
lab="$root/corpora/labeled"
eval_() { "$py" "$root/tools/corpus_eval.py" "$bin" "$@" --repo "$root" --quiet; }
status=0
eval_ "$lab/tuning.jsonl" || status=1
if [[ "${LABELED_CORPUS_QUICK:-0}" != 1 ]]; then
  eval_ "$lab"/dev*.jsonl --combine "development (dev*.jsonl)" || status=1
  eval_ "$lab/heldout.jsonl" --min-precision "$FIRST_HELDOUT_MIN_PRECISION" \
    --min-recall "$FIRST_HELDOUT_MIN_RECALL" || status=1
fi
eval_ "$lab/heldout21a.jsonl" "$lab/heldout21b.jsonl" "$lab/heldout21c.jsonl" \
  --combine "held-out (heldout21a+b+c)" \
  --min-precision "$HELDOUT_MIN_PRECISION" --min-recall "$HELDOUT_MIN_RECALL" || status=1
exit $status
