#!/usr/bin/env bash
# The net8.0 build of the tsid tool, run on the real .NET 8 runtime: the tool package carries it (docs/cli.md,
# "Install"), and only the .NET 10 runtime is installed here, so a self-contained publish brings .NET 8 with it (the
# runtime pack comes from the package source, as in ns2-consumer.sh). It makes the demo capture, inspects it under two
# presets (the seed case: firepower names toos.cisco.com, hint-aware tools.cisco.com) and reads the runtime the tool
# reports. When the runtime pack cannot be restored, say so visibly and succeed, as ns2-consumer.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TSID_CI_WORK:=$(mktemp -d)}"
start=$SECONDS
out="$TSID_CI_WORK/tool-net8"
log="$TSID_CI_WORK/tool-net8.log"
mkdir -p "$out"
fail() { cat "$log" >&2; echo "tool on .NET 8: FAILED ($1)" >&2; exit 1; }

# Built from a copy of the sources (no bin/obj), so the repository's own net10.0-only restore of the projects is left
# as it was.
tree="$TSID_CI_WORK/tool-net8-src"
rm -rf "$tree"
mkdir -p "$tree"
tar -cf - --exclude=bin --exclude=obj src eng Directory.Build.props Directory.Build.targets Directory.Packages.props \
  nuget.config LICENSE | tar -xf - -C "$tree"
project="$tree/src/Tsid.Cli/Tsid.Cli.csproj"
if ! dotnet restore "$project" -r linux-x64 -p:SelfContained=true -p:TsidToolAllFrameworks=true >"$log" 2>&1; then
  echo "tool on .NET 8: runtime unavailable (the linux-x64 net8.0 runtime pack did not restore; see $log)"
  exit 0
fi
dotnet publish "$project" -c Release -f net8.0 -r linux-x64 --self-contained --no-restore -p:TsidToolAllFrameworks=true \
  -o "$out" >>"$log" 2>&1 || fail "publish"

tsid="$out/tsid"
"$tsid" --version >>"$log" 2>&1 || fail "tsid --version"
"$tsid" demo --write "$out/demo.pcap" >>"$log" 2>&1 || fail "tsid demo"
firepower=$("$tsid" inspect "$out/demo.pcap" --preset firepower --format json 2>>"$log") || fail "tsid inspect --preset firepower"
hintaware=$("$tsid" inspect "$out/demo.pcap" --preset hint-aware --format json 2>>"$log") || fail "tsid inspect --preset hint-aware"
case "$firepower" in *'"identity":{"name":"toos.cisco.com"'*) ;; *) echo "$firepower" >>"$log"; fail "firepower did not name toos.cisco.com" ;; esac
case "$hintaware" in *'"identity":{"name":"tools.cisco.com"'*) ;; *) echo "$hintaware" >>"$log"; fail "hint-aware did not name tools.cisco.com" ;; esac
machine=$("$tsid" bench "$out/demo.pcap" --seconds 0.05 --stage identity 2>>"$log" | grep '^machine:') || fail "tsid bench"
case "$machine" in *".NET 8."*) ;; *) echo "$machine" >>"$log"; fail "the net8.0 publish did not run on .NET 8" ;; esac
runtime=$(echo "$machine" | grep -oE '\.NET 8\.[0-9.]+')
echo "tool on .NET 8: OK ($runtime; demo, inspect under firepower and hint-aware, bench; $((SECONDS - start)) s)"
