#!/usr/bin/env bash
# The measured run behind the README's speed figures, on a seeded history of 1M events over 100,000 accounts
# (six months; generated once into /tmp and reused; SIMULATE_ONLY=1 runs only the timed replays, for profilers and A/B runs):
#   1. `triggers generate` time, when the history is missing
#   2. `triggers simulate --format json > /dev/null`: wall time and peak memory of the real command, run by `dotnet`
#      and as the native executable (scripts/native.sh)
#   3. the benchmark project's `measure` mode: parse-only and simulate events/s on the same in-memory lines, the ratio
#   4. the same replay with one playbook that never fires: what every event costs before any rule
#   5. the full replay again with a 64 MB gen0 budget (an environment variable; the default keeps it to a few MB)
# Release builds. BENCH_EVENTS overrides the history file, BENCH_PLAYBOOKS the playbook directory, and ARTIFACTS
# builds into a separate artifacts path.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
events=${BENCH_EVENTS:-/tmp/triggers-bench.jsonl}
playbooks=${BENCH_PLAYBOOKS:-playbooks}

if [[ -n ${ARTIFACTS:-} ]]; then
  build=(--artifacts-path "$ARTIFACTS")
  triggers="$ARTIFACTS/bin/Triggers.Cli/release/triggers.dll"
  measure="$ARTIFACTS/bin/Triggers.Benchmarks/release/Triggers.Benchmarks.dll"
else
  build=()
  triggers=functions/Triggers.Cli/bin/Release/net10.0/triggers.dll
  measure=tests/Triggers.Benchmarks/bin/Release/net10.0/Triggers.Benchmarks.dll
fi
dotnet build tests/Triggers.Benchmarks -c Release --nologo -v quiet "${build[@]}" >/dev/null

# Runs a command and prints its wall time (and peak memory where GNU time exists) on the script's own stdout,
# whatever the command's output is redirected to.
exec 3>&1
timed() {
  local report start end
  report=$(mktemp)
  start=$(date +%s%N)
  if [[ -x /usr/bin/time ]]; then /usr/bin/time -o "$report" -f "%M" "$@"; else "$@"; fi
  end=$(date +%s%N)
  printf '  %d.%02d s wall' $(((end - start) / 1000000000)) $(((end - start) / 10000000 % 100)) >&3
  if [[ -s $report ]]; then printf ', %d MB peak memory' $(($(tail -n 1 "$report") / 1024)) >&3; fi
  echo >&3
  rm -f "$report"
}

if [[ ! -f $events ]]; then
  echo "== generate: 100,000 accounts, about 1,000,000 events -> $events"
  timed dotnet "$triggers" generate --accounts 100000 --events 1000000 --seed 7 --out "$events"
fi

echo "== triggers simulate --format json > /dev/null ($(wc -l <"$events") lines)"
timed dotnet "$triggers" simulate --playbooks "$playbooks" --events "$events" --format json >/dev/null 2>/tmp/triggers-bench-simulate.log
tail -n 1 /tmp/triggers-bench-simulate.log | sed 's/^/  /'

echo "== the same with the native executable (scripts/native.sh)"
native=$(bash scripts/native.sh)
timed "$native" simulate --playbooks "$playbooks" --events "$events" --format json >/dev/null 2>/tmp/triggers-bench-simulate.log
tail -n 1 /tmp/triggers-bench-simulate.log | sed 's/^/  /'

echo "== parse only against the full simulator (in memory)"
dotnet "$measure" measure "$events" "$playbooks" | sed 's/^/  /'

echo "== the replay's own cost: the same history with one playbook that never fires (tests/Triggers.Benchmarks/idle-playbooks)"
SIMULATE_ONLY=1 dotnet "$measure" measure "$events" tests/Triggers.Benchmarks/idle-playbooks | grep 'simulate:' | sed 's/^/  /'

# The runtime's default (dynamic adaptation, DATAS) keeps the young generation's budget to a few megabytes for a heap
# this small: a replay runs ~165 gen0 collections. DOTNET_GCgen0size is an environment variable only (it has no
# runtimeconfig name), so the command cannot set it for itself: shown beside the default, for the README.
echo "== the same full replay with a 64 MB gen0 budget (DOTNET_GCgen0size=0x4000000, which the command does not set itself)"
DOTNET_GCgen0size=0x4000000 SIMULATE_ONLY=1 dotnet "$measure" measure "$events" "$playbooks" | grep -E 'simulate( GC)?:|of which' | sed 's/^/  /'
