#!/usr/bin/env bash
# Compares the replay speed of two commits on this noisy machine: builds each (Release, its own artifacts folder,
# from a temporary worktree) and runs their timed replays alternately, then prints the minimum and the median of
# every replay per commit. Usage: bash scripts/ab.sh BEFORE AFTER [ROUNDS]   (e.g. bash scripts/ab.sh HEAD~3 HEAD)
# Each round runs one measuring process per commit (three timed replays each, after a warm-up); default 4 rounds.
# BENCH_EVENTS and BENCH_PLAYBOOKS as for bench.sh; the history must exist (bench.sh generates it). AB_ENV_A and
# AB_ENV_B set environment variables for one side's runs (e.g. AB_ENV_B="DOTNET_GCgen0size=0x4000000" with the same
# commit on both sides compares a runtime setting).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[[ $# -ge 2 ]] || { echo "usage: bash scripts/ab.sh BEFORE AFTER [ROUNDS]" >&2; exit 2; }
events=${BENCH_EVENTS:-/tmp/triggers-bench.jsonl}
source_playbooks=$(realpath "${BENCH_PLAYBOOKS:-playbooks}")
rounds=${3:-4}
[[ -f $events ]] || { echo "ab: $events does not exist (bash scripts/bench.sh makes it)" >&2; exit 1; }
work=$(mktemp -d)
trap 'git worktree remove --force "$work/a" 2>/dev/null; git worktree remove --force "$work/b" 2>/dev/null; rm -rf "$work"' EXIT

build() { # commit, name
  git worktree add -q --detach "$work/$2" "$1"
  echo "== building $2 = $1 ($(git rev-parse --short "$1"))"
  dotnet build "$work/$2/tests/Triggers.Benchmarks" -c Release --nologo -v quiet --artifacts-path "$work/out-$2" >/dev/null
}
build "$1" a
build "$2" b

# Both builds load the same playbooks and journeys, without the tests beside them: a test written in syntax newer
# than the older build would stop it from loading anything.
playbooks="$work/playbooks"
mkdir -p "$playbooks"
cp -r "$source_playbooks"/. "$playbooks"/
find "$playbooks" -name '*.test.yaml' -delete

for round in $(seq "$rounds"); do
  for side in a b; do
    settings=$([[ $side == a ]] && echo "${AB_ENV_A:-}" || echo "${AB_ENV_B:-}")
    # shellcheck disable=SC2086 # the settings are words: VAR=VALUE ...
    env $settings SIMULATE_ONLY=1 dotnet "$work/out-$side/bin/Triggers.Benchmarks/release/Triggers.Benchmarks.dll" measure "$events" "$playbooks" |
      sed -n 's/.*runs: \(.*\) s).*/\1/p' | tr ',' '\n' | tr -d ' ' >>"$work/times-$side"
  done
  echo "   round $round of $rounds done"
done

for side in a b; do
  label=$([[ $side == a ]] && echo "$1 ${AB_ENV_A:-}" || echo "$2 ${AB_ENV_B:-}")
  sort -n "$work/times-$side" | awk -v label="$label" '{ t[NR] = $1 } END {
    median = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%-12s  %d replays: min %.2f s, median %.2f s\n", label, NR, t[1], median }'
done
