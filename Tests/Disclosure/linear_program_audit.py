#!/usr/bin/env python3
"""Linear-programming audit of the cell key method on the demo registry.

Builds the demo registry, asks as a coordinator every 1-, 2- and 3-way table of delivery
counts over four dimensions (org, citizenship, sex, age_band), and treats what they publish
the way a statistical office audits a suppression pattern: the true counts of the 4-way
table are unknowns x >= 0; every published figure v says v - D <= sum <= v + D (D, the
largest perturbation, is documented in Docs/REPORTS.md); every suppressed figure says
sum >= 1 (somebody stands behind it); every cell a table leaves out says sum = 0. For each
suppressed figure it then minimises and maximises its sum with scipy's `linprog`. A figure is
pinned when both bounds exist and are equal: the published tables together disclose it.
The audit fails if any figure is pinned.

Usage: linear_program_audit.py --registro PATH [--keep DIR] [--coordinator USER]
"""

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

DIMENSIONS = ["org", "citizenship", "sex", "age_band"]
MAXIMUM_PERTURBATION = 3
TOTAL = "_total"


def run(registro, database, *arguments):
    environment = dict(os.environ)
    environment.pop("REGISTRO_PASSPHRASE", None)
    result = subprocess.run([registro, *arguments, "--db", database], capture_output=True, text=True, env=environment)
    if result.returncode != 0:
        sys.exit(f"registro {' '.join(arguments)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


def tables(registro, database, coordinator):
    """Every 1-, 2- and 3-way table of delivery counts, as the coordinator gets it."""
    asked = []
    for size in (1, 2, 3):
        for dimensions in itertools.combinations(DIMENSIONS, size):
            text = run(registro, database, "report", "deliveries", "--by", ",".join(dimensions),
                       "--measure", "deliveries", "--format", "json", "--as", coordinator)
            asked.append(json.loads(text))
    return asked


def audit(asked):
    values = {dimension: set() for dimension in DIMENSIONS}
    for table in asked:
        for row in table["rows"]:
            for dimension in table["dimensions"]:
                if row[dimension] != TOTAL:
                    values[dimension].add(row[dimension])
    # Figures: (dimension -> value) constraints on the 4-way cells, with what was published.
    figures = []
    for table in asked:
        dimensions = table["dimensions"]
        published = {}
        for row in table["rows"]:
            key = tuple(row[dimension] for dimension in dimensions)
            published[key] = row
            fixed = {d: v for d, v in zip(dimensions, key) if v != TOTAL}
            figures.append((fixed, row["value"], row["suppressed"], "/".join(dimensions) + " " + ",".join(key)))
        # Cells the table leaves out: nobody stands behind them.
        for key in itertools.product(*(sorted(values[d]) for d in dimensions)):
            if key not in published:
                figures.append((dict(zip(dimensions, key)), 0, False, None))
    cells = [dict(zip(DIMENSIONS, key)) for key in itertools.product(*(sorted(values[d]) for d in DIMENSIONS))]
    # A 4-way cell under any figure fixed at zero is zero: drop it.
    zero = [fixed for fixed, value, suppressed, _ in figures if value == 0 and not suppressed]
    zero_keys = {tuple(sorted(fixed.items())) for fixed in zero}

    def is_zero(cell):
        for size in range(1, 4):
            for dimensions in itertools.combinations(DIMENSIONS, size):
                if tuple(sorted((d, cell[d]) for d in dimensions)) in zero_keys:
                    return True
        return False

    cells = [cell for cell in cells if not is_zero(cell)]
    index = {tuple(cell[d] for d in DIMENSIONS): position for position, cell in enumerate(cells)}

    def members(fixed):
        return [position for key, position in index.items()
                if all(key[DIMENSIONS.index(d)] == v for d, v in fixed.items())]

    rows_upper, bounds_upper = [], []
    suppressed_figures = []
    for fixed, value, suppressed, name in figures:
        which = members(fixed)
        if suppressed:
            rows_upper.append((which, -1.0))
            bounds_upper.append(-1.0)
            suppressed_figures.append((name, which))
        elif value:
            rows_upper.append((which, 1.0))
            bounds_upper.append(value + MAXIMUM_PERTURBATION)
            rows_upper.append((which, -1.0))
            bounds_upper.append(-(value - MAXIMUM_PERTURBATION))
    matrix = lil_matrix((len(rows_upper), len(cells)))
    for row, (which, sign) in enumerate(rows_upper):
        for position in which:
            matrix[row, position] = sign
    matrix = matrix.tocsr()
    pinned = []
    for name, which in suppressed_figures:
        objective = np.zeros(len(cells))
        objective[which] = 1.0
        low = linprog(objective, A_ub=matrix, b_ub=bounds_upper, bounds=(0, None), method="highs")
        high = linprog(-objective, A_ub=matrix, b_ub=bounds_upper, bounds=(0, None), method="highs")
        if low.status == 2:
            sys.exit("the published figures are inconsistent with the documented maximum perturbation")
        if high.status == 0 and high.fun is not None and abs(-high.fun - low.fun) < 0.5:
            pinned.append((name, low.fun))
    return len(asked), len(figures), len(suppressed_figures), len(cells), pinned


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registro", required=True, help="the registro binary")
    parser.add_argument("--keep", help="build the demo registry in this folder and keep it")
    parser.add_argument("--coordinator", default="coala-coord", help="the demo coordinator who asks")
    options = parser.parse_args()
    folder = options.keep or tempfile.mkdtemp(prefix="registro-lp-audit-")
    database = os.path.join(folder, "demo.db")
    if not os.path.exists(database):
        run(options.registro, database, "demo")
    count, figure_count, suppressed, unknowns, pinned = audit(tables(options.registro, database, options.coordinator))
    print(f"{count} tables, {figure_count} figures ({suppressed} suppressed), {unknowns} unknown cells")
    for name, value in pinned:
        print(f"pinned: {name} = {value:g}")
    if pinned:
        sys.exit(f"{len(pinned)} suppressed figures are pinned exactly by the published tables")
    print("no suppressed figure is pinned exactly")


if __name__ == "__main__":
    main()
