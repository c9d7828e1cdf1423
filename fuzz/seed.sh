#!/bin/sh
# Seed the planner fuzz targets' corpora from the example athletes and plans and the rule plans
# (corpus/ is not committed). Run from fuzz/: ./seed.sh
set -eu
mkdir -p corpus/profile_plan corpus/plan_check
cp ../examples/athletes/*.toml corpus/profile_plan/
for f in ../examples/plans/*.toml ../test_data/rules/*/*.toml; do
    rule=$(basename "$(dirname "$f")")
    cp "$f" "corpus/plan_check/$rule-$(basename "$f")"
done
# Inline athletes of the rule plans are profiles too.
cp corpus/plan_check/*.toml corpus/profile_plan/ 2>/dev/null || true
