#!/usr/bin/env bash
# Keeps the PublicAPI files of every library under src/ in step with its code (docs/contributing.md, "Public API").
#
#   eng/update-public-api.sh            one build of the libraries; every public member the analyzer reports as
#                                       undeclared (RS0016) goes into that project's PublicAPI.Unshipped.txt, every
#                                       declared member that is gone (RS0017) leaves Unshipped, or is marked *REMOVED*
#                                       there when it had shipped
#   eng/update-public-api.sh --check    change nothing; exit 1 if any library's code and PublicAPI files differ
#   eng/update-public-api.sh --ship     at a release: move the Unshipped lines into Shipped
#
# The lines are the analyzer's own: its RS0016/RS0017 messages quote the symbol in the file format (nullable
# annotations included), so nothing is reformatted here. A library under src/ without the two files (a new package)
# gets an empty pair first and is tracked from then on. Needs bash and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

mode=update
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  --ship) mode=ship ;;
  *) echo "usage: $0 [--check|--ship]" >&2; exit 2 ;;
esac

# Libraries: projects under src/ that are neither an executable, a tool nor unpackable (Directory.Build.targets
# applies the analyzer to the same set).
libraries=()
for proj in src/*/*.csproj; do
  if grep -Eq '<OutputType>\s*Exe|<PackAsTool>\s*true|<IsPackable>\s*false' "$proj"; then
    continue
  fi
  libraries+=("$proj")
done

if [ "$mode" = ship ]; then
  python3 eng/public-api.py ship "${libraries[@]}"
  exit 0
fi

if [ "$mode" = update ]; then
  for proj in "${libraries[@]}"; do
    dir=$(dirname "$proj")
    [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"
    [ -f "$dir/PublicAPI.Unshipped.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  done
fi

# One build of just the libraries (a solution filter), every target framework, from scratch so that no up-to-date
# project hides its diagnostics; the analyzer's findings are warnings here so every project gets compiled.
mkdir -p artifacts
filter=artifacts/public-api.slnf
python3 - "$filter" "${libraries[@]}" <<'PY'
import json, sys
json.dump({"solution": {"path": "../Tsid.Core.sln", "projects": [p.replace("/", "\\") for p in sys.argv[2:]]}},
          open(sys.argv[1], "w"), indent=2)
PY
log=artifacts/public-api.log
dotnet build "$filter" -c Release --no-incremental -nologo -clp:NoSummary \
  -p:TreatWarningsAsErrors=false -warnAsMessage:CS1591 > "$log" 2>&1 || true
rm -f "$filter"

python3 eng/public-api.py "$mode" "$log" "${libraries[@]}"
