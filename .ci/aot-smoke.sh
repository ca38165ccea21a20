#!/usr/bin/env bash
# AOT smoke: tests/Tsid.AotSmoke published with Native AOT (trim and AOT warnings are errors) and run; its output is
# asserted. When the ILCompiler package cannot be restored, say so visibly and succeed: the toolchain is optional,
# nothing else is.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TSID_CI_WORK:=$(mktemp -d)}"
start=$SECONDS
project=tests/Tsid.AotSmoke/Tsid.AotSmoke.csproj
out="$TSID_CI_WORK/aot"
log="$TSID_CI_WORK/aot.log"
mkdir -p "$out"

if ! dotnet restore "$project" -r linux-x64 >"$log" 2>&1; then
  reason=$(grep -m1 -oE "(NU1101|NU1102|NU1301)[^[]*" "$log" || echo "restore failed, see $log")
  echo "AOT smoke: toolchain unavailable ($reason)"
  exit 0
fi

# The native link needs a C toolchain: clang by default, gcc when clang is absent.
linker=()
if ! command -v clang >/dev/null 2>&1; then
  if command -v gcc >/dev/null 2>&1; then
    linker=(-p:CppCompilerAndLinker=gcc)
  else
    echo "AOT smoke: toolchain unavailable (neither clang nor gcc is installed)"
    exit 0
  fi
fi

if ! dotnet publish "$project" -c Release -r linux-x64 --no-restore "${linker[@]}" -o "$out" >>"$log" 2>&1; then
  grep -E "error|warning" "$log" | sort -u >&2 || cat "$log" >&2
  echo "AOT smoke: FAILED (native publish, with trim/AOT warnings as errors)" >&2
  exit 1
fi

result=$("$out/Tsid.AotSmoke" tests/Tsid.Core.Tests/Fixtures) || { echo "$result"; echo "AOT smoke: FAILED (the native binary exited non-zero)" >&2; exit 1; }
for line in \
  "certificate subject: OU=Cisco Smart Licensing,O=Cisco Systems Inc.,L=San Jose,ST=California,C=US" \
  "certificate first SAN: toos.cisco.com" \
  "client hello SNI: tools.cisco.com" \
  "firepower: toos.cisco.com from FirstSubjectAltName -> Block (SI_BLOCK_CUSTOM)" \
  "hint-aware: tools.cisco.com from DnsHint -> Allow (ALLOW_FMC_ASA_SNT_CISCO)"; do
  if ! grep -qxF -- "$line" <<<"$result"; then
    echo "$result"
    echo "AOT smoke: FAILED (expected the line: $line)" >&2
    exit 1
  fi
done
size=$(du -k "$out/Tsid.AotSmoke" | cut -f1)
echo "AOT smoke: OK (native linux-x64 binary, ${size} KiB, no trim/AOT warnings; certificate, ClientHello, identity and policy as under the JIT; $((SECONDS - start)) s)"
