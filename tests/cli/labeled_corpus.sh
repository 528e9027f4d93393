#!/usr/bin/env bash
# Labeled-corpus test (issue 6): precision and recall per citation (citations with at least 5
# expected positives).
#  - tuning.jsonl (the rule authors' own records) and dev.jsonl (written independently, then used
#    for tuning): both must reach 0.90 precision and recall per citation.
#  - heldout.jsonl (written independently, never seen by the rule authors): the target is 0.90
#    too, not reached yet (figures in docs/legal-basis.md); until it is, this test guards the
#    measured level against regressions with the floors below.
# Usage: bash tests/cli/labeled_corpus.sh <veille-binary> <repo-root>
set -u
bin="${1:?usage: labeled_corpus.sh <veille-binary> <repo-root>}"
root="${2:?usage: labeled_corpus.sh <veille-binary> <repo-root>}"
py=/usr/bin/python3
[[ -x "$py" ]] || py="$(command -v python3)"
HELDOUT_MIN_PRECISION=${HELDOUT_MIN_PRECISION:-0.85}
HELDOUT_MIN_RECALL=${HELDOUT_MIN_RECALL:-0.60}
export VEILLE_DATA_DIR="$root"
status=0
for f in tuning dev; do
  "$py" "$root/tools/corpus_eval.py" "$bin" "$root/corpora/labeled/$f.jsonl" --repo "$root" \
    --quiet || status=1
done
"$py" "$root/tools/corpus_eval.py" "$bin" "$root/corpora/labeled/heldout.jsonl" --repo "$root" \
  --quiet --min-precision "$HELDOUT_MIN_PRECISION" --min-recall "$HELDOUT_MIN_RECALL" || status=1
exit $status
