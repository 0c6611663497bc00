#!/usr/bin/env python3
"""Writes one import file of the benchmark grid from the joined demo spreadsheet (UTF-8,
`;`-separated, as `registro demo --spreadsheets` writes it): the same rows, re-encoded and
re-separated, each field quoted only where the new separator, a quote or a line break needs it
(`0,5` hours are quoted in a comma-separated file, as a spreadsheet exports them).

Usage: import_file.py SOURCE.csv TARGET.csv --encoding utf-8|cp1252 --separator ','|';'

Fails (exit 1, one sentence) when a character cannot be written in the encoding asked.
"""
import argparse
import csv
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--encoding", required=True, choices=["utf-8", "cp1252"])
    parser.add_argument("--separator", required=True, choices=[",", ";"])
    args = parser.parse_args()
    with open(args.source, newline="", encoding="utf-8") as source, \
            open(args.target, "w", newline="", encoding=args.encoding, errors="strict") as target:
        writer = csv.writer(target, delimiter=args.separator, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        try:
            for row in csv.reader(source, delimiter=";"):
                writer.writerow(row)
        except UnicodeEncodeError as error:
            sys.exit(f"import_file.py: {args.source} has a character {args.encoding} cannot write "
                     f"({error.object[error.start:error.end]!r}); use utf-8 for this file")


if __name__ == "__main__":
    main()
