#!/usr/bin/env bash
# Runs every test of Triggers on a fresh machine: installs what the suite needs, builds, tests, and ends
# with one line "N passed, N failed". This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [[ -x scripts/install-test-deps.sh ]]; then
  scripts/install-test-deps.sh
fi

dotnet build Triggers.sln -c Release -warnaserror --nologo -v quiet

# The sample history is generated (seeded, byte-identical everywhere), not committed.
if [[ ! -f playbooks/samples/events.jsonl ]]; then
  dotnet functions/Triggers.Cli/bin/Release/net10.0/triggers.dll generate --accounts 300 --months 6 --seed 42 --out playbooks/samples/events.jsonl
fi

results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test Triggers.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true || status=$?

# The command line's tests again, against the native executable (scripts/native.sh): every test that starts
# `triggers` starts that one instead, so the ahead-of-time build is held to the same behaviour.
if native=$(bash scripts/native.sh "$root/artifacts/native"); then
  TRIGGERS_EXECUTABLE="$native" dotnet test tests/Triggers.Cli.Tests -c Release --no-build --nologo \
    --logger "trx;LogFileName=native.trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true || status=$?
else
  echo "the native build failed (scripts/native.sh): its tests did not run" >&2
  status=1
fi

passed=0 failed=0
for trx in "$results"/*.trx; do
  [[ -f $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if ((passed == 0 && failed == 0)); then
  echo "no test results found" >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
