#!/usr/bin/env python3
"""Precision and recall of veille's citations on a labeled corpus (python3 stdlib only).

Usage: corpus_eval.py VEILLE_BINARY LABELED.jsonl [LABELED2.jsonl ...]
           [--repo DIR] [--min-precision 0.90] [--min-recall 0.90] [--min-support 5]
           [--quiet] [--json] [--combine NAME] [--veille-arg ARGS]

Each labeled record is an input record of veille (id, text, published_at, territory, lang,
author_role, sponsored, ...) plus "expect": the citation ids a careful election lawyer would flag
for that text at that time. The script runs `veille check --format jsonl` on the file (veille reads
each record's own published_at), takes for every record the set of citation ids of its findings
(a finding counts for every id in its "cites" list) and compares it with "expect".

It prints precision and recall per citation and overall (micro-average), then every false
positive and false negative with the record id. Exit status: 0 when every citation with at least
--min-support expected positives reaches both thresholds and no record is rejected by veille
(status error: a labeled record must be a valid input); 1 otherwise; 2 on usage or run errors.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict


def load_labeled(path):
    records = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{lineno}: invalid JSON: {e}")
            if "expect" not in rec or not isinstance(rec["expect"], list):
                sys.exit(f"{path}:{lineno}: field 'expect' missing or not a list (id={rec.get('id')!r})")
            if "id" not in rec:
                sys.exit(f"{path}:{lineno}: field 'id' missing")
            records.append(rec)
    return records


def run_veille(binary, path, repo, extra=()):
    env = dict(os.environ)
    if repo:
        env["VEILLE_DATA_DIR"] = repo
    cmd = [binary, "check", "--format", "jsonl", *extra, path]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        sys.exit(f"error: {' '.join(cmd)} exited with {proc.returncode}")
    results = []
    for lineno, line in enumerate(proc.stdout.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            results.append(json.loads(line))
        except json.JSONDecodeError as e:
            sys.exit(f"error: veille output line {lineno} is not JSON: {e}: {line[:200]}")
    return results


def ratio(a, b):
    return a / b if b else None


def fmt(x):
    return "  n/a" if x is None else f"{x:5.3f}"


def collect(binary, path, repo, extra=()):
    """Runs veille on one labeled file; returns the raw counts and the listed errors."""
    labeled = load_labeled(path)
    results = run_veille(binary, path, repo, extra)
    if len(results) != len(labeled):
        sys.exit(f"error: {path}: {len(labeled)} records but veille printed {len(results)} result lines")
    raw = {"file": path, "records": len(labeled), "exact_records": 0,
           "tp": defaultdict(int), "fp": defaultdict(int), "fn": defaultdict(int),
           "support": defaultdict(int), "errors": [], "false_positives": [], "false_negatives": []}
    for rec, res in zip(labeled, results):
        rid = str(rec["id"])
        if str(res.get("id")) != rid:
            sys.exit(f"error: {path}: result order mismatch: expected id {rid}, got {res.get('id')}")
        expected = set(rec["expect"])
        if res.get("status") == "error":
            raw["errors"].append((rid, res.get("error", "")))
        found = set()
        rules_by_cite = defaultdict(set)
        for finding in res.get("findings", []) or []:
            for cite in finding.get("cites", []) or []:
                found.add(cite)
                rules_by_cite[cite].add(finding.get("rule", "?"))
        if found == expected:
            raw["exact_records"] += 1
        for c in expected:
            raw["support"][c] += 1
        for c in found & expected:
            raw["tp"][c] += 1
        for c in found - expected:
            raw["fp"][c] += 1
            raw["false_positives"].append((c, rid, sorted(rules_by_cite[c]), rec))
        for c in expected - found:
            raw["fn"][c] += 1
            raw["false_negatives"].append((c, rid, rec))
    return raw


def merge(raws, name):
    """One corpus made of several files (counts summed), for --combine."""
    out = {"file": name, "records": 0, "exact_records": 0, "tp": defaultdict(int),
           "fp": defaultdict(int), "fn": defaultdict(int), "support": defaultdict(int),
           "errors": [], "false_positives": [], "false_negatives": []}
    for r in raws:
        out["records"] += r["records"]
        out["exact_records"] += r["exact_records"]
        for k in ("tp", "fp", "fn", "support"):
            for c, n in r[k].items():
                out[k][c] += n
        for k in ("errors", "false_positives", "false_negatives"):
            out[k].extend(r[k])
    return out


def summarize(raw, args):
    tp, fp, fn, support = raw["tp"], raw["fp"], raw["fn"], raw["support"]
    cites = sorted(set(support) | set(fp))
    rows, failed = [], []
    for c in cites:
        p = ratio(tp[c], tp[c] + fp[c])
        r = ratio(tp[c], tp[c] + fn[c])
        rows.append({"citation": c, "support": support[c], "tp": tp[c], "fp": fp[c], "fn": fn[c],
                     "precision": p, "recall": r})
        if support[c] >= args.min_support and (
                (p is not None and p < args.min_precision) or (r is not None and r < args.min_recall)
                or p is None):
            failed.append(c)
    TP, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn.values())
    overall = {"precision": ratio(TP, TP + FP), "recall": ratio(TP, TP + FN), "tp": TP, "fp": FP, "fn": FN}
    return {"file": raw["file"], "records": raw["records"], "exact_records": raw["exact_records"],
            "rows": rows, "overall": overall, "errors": raw["errors"],
            "false_positives": raw["false_positives"], "false_negatives": raw["false_negatives"],
            "failed": failed}


def report(ev, quiet):
    print(f"== {ev['file']}: {ev['records']} records, {ev['exact_records']} with exactly the expected citations")
    print(f"{'citation':32} {'support':>7} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    for row in ev["rows"]:
        print(f"{row['citation']:32} {row['support']:7d} {row['tp']:4d} {row['fp']:4d} {row['fn']:4d} "
              f"{fmt(row['precision']):>9} {fmt(row['recall']):>7}")
    o = ev["overall"]
    print(f"{'overall (micro)':32} {'':7} {o['tp']:4d} {o['fp']:4d} {o['fn']:4d} "
          f"{fmt(o['precision']):>9} {fmt(o['recall']):>7}")
    if ev["errors"]:
        print(f"-- {len(ev['errors'])} record(s) with status error:")
        for rid, err in ev["errors"]:
            print(f"   {rid}: {err}")
    if not quiet:
        if ev["false_positives"]:
            print(f"-- false positives ({len(ev['false_positives'])}):")
            for c, rid, rules, rec in ev["false_positives"]:
                print(f"   FP {c} {rid} [{', '.join(rules)}] {rec.get('published_at','')} "
                      f"{rec['text'][:110]!r}")
        if ev["false_negatives"]:
            print(f"-- false negatives ({len(ev['false_negatives'])}):")
            for c, rid, rec in ev["false_negatives"]:
                print(f"   FN {c} {rid} {rec.get('published_at','')} {rec['text'][:110]!r}")
    if ev["errors"]:
        print(f"FAIL: {len(ev['errors'])} labeled record(s) could not be checked (status error): "
              "a labeled record must be a valid input")
    elif ev["failed"]:
        print(f"FAIL: below threshold: {', '.join(ev['failed'])}")
    else:
        print("PASS: every citation with enough support meets the thresholds")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--repo", help="repository root (sets VEILLE_DATA_DIR)")
    ap.add_argument("--min-precision", type=float, default=0.90)
    ap.add_argument("--min-recall", type=float, default=0.90)
    ap.add_argument("--min-support", type=int, default=5,
                    help="only citations with at least this many expected positives must pass")
    ap.add_argument("--quiet", action="store_true", help="do not list false positives/negatives")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--combine", metavar="NAME",
                    help="evaluate the files as one corpus called NAME (counts summed) instead of one by one")
    ap.add_argument("--veille-arg", action="append", default=[], metavar="ARGS",
                    help="extra arguments of `veille check` (split on spaces), e.g. "
                         "'--disable statistical' for the written rules alone")
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"error: no veille binary at {args.binary}")
    extra = [a for arg in args.veille_arg for a in arg.split()]
    raws = [collect(args.binary, path, args.repo, extra) for path in args.files]
    if args.combine:
        raws = [merge(raws, args.combine)]
    ok = True
    for raw in raws:
        ev = summarize(raw, args)
        if args.json:
            print(json.dumps({k: ev[k] for k in ("file", "records", "exact_records", "rows", "overall", "failed")}))
        else:
            report(ev, args.quiet)
        ok = ok and not ev["failed"] and not ev["errors"]
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
