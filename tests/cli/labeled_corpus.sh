#!/usr/bin/env bash
# Labeled-corpus test (issue 6): precision and recall per citation must be >= 0.90 for every
# citation with at least 5 expected positives, on the tuning part and, if present, on the
# held-out part written independently of the rules.
# Usage: bash tests/cli/labeled_corpus.sh <veille-binary> <repo-root>
set -u
bin="${1:?usage: labeled_corpus.sh <veille-binary> <repo-root>}"
root="${2:?usage: labeled_corpus.sh <veille-binary> <repo-root>}"
py="$(command -v python3 || echo /usr/bin/python3)"
files=("$root/corpora/labeled/tuning.jsonl")
if [[ -f "$root/corpora/labeled/heldout.jsonl" ]]; then
  files+=("$root/corpora/labeled/heldout.jsonl")
fi
status=0
for f in "${files[@]}"; do
  if [[ ! -f "$f" ]]; then
    echo "missing labeled corpus: $f" >&2
    status=1
    continue
  fi
  VEILLE_DATA_DIR="$root" "$py" "$root/tools/corpus_eval.py" "$bin" "$f" --repo "$root" || status=1
done
exit $status
