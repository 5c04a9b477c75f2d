#!/usr/bin/env bash
# Builds `triggers` as a native executable (ahead-of-time compiled, no JIT) into artifacts/native/triggers. It runs
# the same commands as `dotnet .../triggers.dll`, starts in milliseconds, and replays large histories faster (README,
# speed). Needs a C toolchain to link: gcc (or clang), which Debian machines of this kind have.
# The first argument, when given, is the output folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=${1:-artifacts/native}
dotnet publish functions/Triggers.Cli -c Release -r linux-x64 -p:PublishAot=true --nologo -v quiet \
  --artifacts-path artifacts/native-build -o "$out"
echo "$out/triggers"
