#!/usr/bin/env bash
# pack-and-consume: dotnet pack, then a throwaway console project restores Tsid.Core, Tsid.Capture and Tsid.Inspection
# from the local folder (not the repository's projects) and runs the seed case; its output is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
. .ci/lib.sh
: "${TSID_CI_WORK:=$(mktemp -d)}"
export TSID_CI_WORK
start=$SECONDS

ci_pack
ci_packages_env
dir=$(ci_throwaway seed .ci/consumers/seed)
out="$dir/output.txt"
if ! dotnet run --project "$dir/Seed.csproj" -c Release -p:TsidVersion="$TSID_VERSION" -- "$repo/tests/Tsid.Core.Tests/Fixtures/Tls" >"$out" 2>&1; then
  cat "$out" >&2
  echo "pack-and-consume: FAILED (the consumer did not build or run)" >&2
  exit 1
fi

expect() {
  if ! grep -qxF -- "$1" "$out"; then
    cat "$out" >&2
    echo "pack-and-consume: FAILED (expected the line: $1)" >&2
    exit 1
  fi
}
expect "core firepower: toos.cisco.com from FirstSubjectAltName"
expect "core hint-aware: tools.cisco.com from DnsHint"
expect "inspection firepower: toos.cisco.com (FirstSubjectAltName) -> Block (SI_BLOCK_CUSTOM)"
expect "inspection hint-aware: tools.cisco.com (DnsHint) -> Allow (ALLOW_FMC_ASA_SNT_CISCO)"
expect "inspection firepower: 1 connection(s)"

# The consumer ran on the packages of this run, not on project references or an older copy.
assets="$dir/obj/project.assets.json"
grep -q "\"Tsid.Core/$TSID_VERSION\"" "$assets" && grep -q "\"Tsid.Capture/$TSID_VERSION\"" "$assets" && grep -q "\"Tsid.Inspection/$TSID_VERSION\"" "$assets" \
  || { echo "pack-and-consume: FAILED (the packages $TSID_VERSION were not what restored)" >&2; exit 1; }

echo "pack-and-consume: OK (Tsid.Core, Tsid.Capture, Tsid.Inspection $TSID_VERSION from a local folder; firepower says toos.cisco.com and blocks, hint-aware says tools.cisco.com and allows; $((SECONDS - start)) s)"
