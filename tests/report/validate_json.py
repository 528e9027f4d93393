#!/usr/bin/python3
"""Validate a JSON document (or each line of a JSON-lines file) against a JSON Schema.

usage: validate_json.py SCHEMA FILE [--lines]
Exit 0 when valid; 1 with the errors (file, line, JSON path, message) otherwise.
"""
import json
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema_path, data_path = sys.argv[1], sys.argv[2]
    lines = "--lines" in sys.argv[3:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    with open(data_path, encoding="utf-8") as f:
        text = f.read()
    docs = []
    if lines:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                docs.append((number, line))
        if not docs:
            print(f"{data_path}: no JSON line", file=sys.stderr)
            return 1
    else:
        docs.append((1, text))
    failed = 0
    for number, chunk in docs:
        try:
            value = json.loads(chunk)
        except json.JSONDecodeError as e:
            print(f"{data_path}:{number}: not JSON: {e}", file=sys.stderr)
            failed += 1
            continue
        for error in validator.iter_errors(value):
            path = "/".join(str(p) for p in error.absolute_path)
            print(f"{data_path}:{number}: /{path}: {error.message[:300]}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
