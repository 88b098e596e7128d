#!/usr/bin/env python3
"""Prints the ratios of the `wire` benchmarks (benches/wire.rs) from criterion's estimates of
the last run, as a Markdown table, against the targets of BENCHMARKS.md.

    cargo bench --bench wire -- --warm-up-time 1 --measurement-time 3
    python3 scripts/bench-ratios.py            # or: --criterion-dir DIR, --statistic median

The default statistic is criterion's `slope` (the time it prints), or the mean where criterion
sampled flat and has no slope.

Reads `<target>/criterion/<group>/<variant>/new/estimates.json` (the target directory is
`$CARGO_TARGET_DIR` or `target/` beside this script's parent). Exits 1 when a ratio misses its
target, 2 when an estimate is missing; the ratios without a target (`—`) are only printed.
Standard library only.
"""

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (label, group, numerator, denominator, comparison, target): the ratio is numerator's time
# over denominator's, and meets the target when it is <= (or >=) it.
RATIOS = [
    ("create payload vs floor, {entity}", "create_{entity}", "odata", "floor", "<=", 1.10),
    ("naive route vs create payload, {entity}", "create_{entity}", "naive", "odata", ">=", 3.0),
    ("deserialize vs plain serde, {entity}", "deserialize_{entity}", "odata", "plain", "<=", 1.15),
]
ENTITIES = ["seed", "wide"]
# The same for groups of one entity each; a comparison of None records the ratio, no target.
SINGLE_RATIOS = [
    (
        "polymorphic read, `@odata.type` first, vs concrete",
        "polymorphic_restrictions", "any_first", "concrete", "<=", 1.30,
    ),
    (
        "polymorphic read, `@odata.type` last, vs concrete",
        "polymorphic_restrictions", "any_last", "concrete", None, None,
    ),
    (
        "polymorphic read, `@odata.type` last, vs first",
        "polymorphic_restrictions", "any_last", "any_first", None, None,
    ),
    (
        "mixed list of 50 as `Vec<Any...>` vs as `Vec<Value>`",
        "polymorphic_list", "odata", "value", None, None,
    ),
]


def estimate(directory, group, variant, statistic):
    path = os.path.join(directory, group, variant, "new", "estimates.json")
    try:
        with open(path, encoding="utf-8") as estimates:
            estimates = json.load(estimates)
    except FileNotFoundError:
        print("missing %s: run `cargo bench --bench wire` first" % path, file=sys.stderr)
        sys.exit(2)
    return (estimates.get(statistic) or estimates["mean"])["point_estimate"]


def duration(ns):
    if ns >= 1e6:
        return "%.2f ms" % (ns / 1e6)
    if ns >= 1e3:
        return "%.2f µs" % (ns / 1e3)
    return "%.0f ns" % ns


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    parser.add_argument("--criterion-dir", default=os.path.join(target, "criterion"))
    parser.add_argument("--statistic", default="slope", choices=["mean", "median", "slope"])
    args = parser.parse_args()

    print("| comparison | measured | baseline | ratio | target | met |")
    print("|---|---|---|---|---|---|")
    rows = [
        (label.format(entity=entity), group.format(entity=entity), numerator, denominator, comparison, goal)
        for entity in ENTITIES
        for label, group, numerator, denominator, comparison, goal in RATIOS
    ] + SINGLE_RATIOS
    missed = 0
    for label, group, numerator, denominator, comparison, goal in rows:
        top = estimate(args.criterion_dir, group, numerator, args.statistic)
        bottom = estimate(args.criterion_dir, group, denominator, args.statistic)
        ratio = top / bottom
        if comparison is None:
            target, met = "—", "—"
        else:
            target = "%s %.2fx" % (comparison, goal)
            met = ratio <= goal if comparison == "<=" else ratio >= goal
            missed += not met
            met = "yes" if met else "**no**"
        print(
            "| %s | %s `%s` | %s `%s` | %.3fx | %s | %s |"
            % (label, numerator, duration(top), denominator, duration(bottom), ratio, target, met)
        )
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
