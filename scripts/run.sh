#!/usr/bin/env bash
# The main job on the embedded default: check the shipped playbooks, run their tests, then replay the sample
# history (six months, 300 accounts) on a virtual clock and print what Triggers would have done.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build functions/Triggers.Cli -c Release --nologo -v quiet
triggers=(dotnet functions/Triggers.Cli/bin/Release/net10.0/triggers.dll)
# The sample history is generated, not committed: the seed makes it the same file on every machine.
[[ -f playbooks/samples/events.jsonl ]] || "${triggers[@]}" generate --accounts 300 --months 6 --seed 42 --out playbooks/samples/events.jsonl
"${triggers[@]}" validate playbooks
"${triggers[@]}" test playbooks
"${triggers[@]}" simulate --playbooks playbooks --events playbooks/samples/events.jsonl --format "${FORMAT:-table}"
