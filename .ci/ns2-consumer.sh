#!/usr/bin/env bash
# ns2 consumer (issue 13): a netstandard2.0 class library built against the PACKED Tsid.Core and Tsid.Capture sets every
# public init accessor of their types (the code is generated from the packed assemblies), and a net10.0 app runs it; a
# self-contained net8.0 publish runs it on the real .NET 8 runtime (the runtime pack comes from the package source).
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/lib.sh
: "${TSID_CI_WORK:=$(mktemp -d)}"
export TSID_CI_WORK
start=$SECONDS

ci_pack
ci_packages_env
dir=$(ci_throwaway ns2 .ci/consumers/ns2)
log="$dir/log.txt"
run() { "$@" >>"$log" 2>&1 || { cat "$log" >&2; echo "ns2 consumer: FAILED ($*)" >&2; exit 1; }; }

run dotnet run --project "$dir/generator/Generator.csproj" -c Release -- "$TSID_FEED" "$TSID_VERSION" "$dir/lib/Touch.cs"
run dotnet build "$dir/app/Ns2App.csproj" -c Release -f net10.0 -p:TsidVersion="$TSID_VERSION"
net10=$(dotnet "$dir/app/bin/Release/net10.0/Ns2App.dll") || { echo "$net10"; echo "ns2 consumer: FAILED on net10.0" >&2; exit 1; }
echo "$net10"

# .NET 8: only the .NET 10 runtime is installed; a self-contained publish carries the real .NET 8 runtime.
if dotnet restore "$dir/app/Ns2App.csproj" -r linux-x64 -p:TargetFramework=net8.0 -p:SelfContained=true -p:TsidVersion="$TSID_VERSION" >>"$log" 2>&1; then
  run dotnet publish "$dir/app/Ns2App.csproj" -c Release -f net8.0 -r linux-x64 --self-contained -p:TsidVersion="$TSID_VERSION" -o "$dir/net8"
  net8=$("$dir/net8/Ns2App") || { echo "$net8"; echo "ns2 consumer: FAILED on net8.0" >&2; exit 1; }
  echo "$net8"
  case "$net8" in *".NET 8."*) ;; *) echo "ns2 consumer: FAILED (the net8.0 publish did not run on .NET 8: $net8)" >&2; exit 1 ;; esac
else
  echo "ns2 consumer on .NET 8: runtime unavailable (the linux-x64 net8.0 runtime pack did not restore; see $log)"
fi
echo "ns2 consumer: OK ($((SECONDS - start)) s)"
