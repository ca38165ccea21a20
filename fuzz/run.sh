#!/usr/bin/env bash
# fuzz/run.sh TARGET SECONDS: installs what it needs (afl++, the sharpfuzz tool), builds and instruments the fuzz
# project, makes the seed corpus, runs afl-fuzz for SECONDS, and prints executions, executions per second, paths and
# crashes. Crashes are replayed through the contract checks and listed. Not run by CI or by `dotnet test`.
set -euo pipefail
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out=$here/out
tools=$here/.tools

if ! command -v afl-fuzz >/dev/null; then
  echo "installing afl++ (Debian package)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi

if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
fi

# Build once per change; instrument the libraries under test (not the harness, not SharpFuzz itself).
bin=$out/bin
plain=$out/plain
stamp=$out/bin.stamp
newest=$(find "$repo/src/Tsid.Core" "$repo/src/Tsid.Capture" "$repo/src/Tsid.Inspection" "$here/Tsid.Fuzz" -name '*.cs' -newer "$stamp" 2>/dev/null | head -1 || true)
if [ ! -f "$stamp" ] || [ ! -d "$plain" ] || [ -n "$newest" ]; then
  rm -rf "$bin" "$plain"
  dotnet publish "$here/Tsid.Fuzz" -c Release -o "$bin" -p:TreatWarningsAsErrors=false >/dev/null
  # An uninstrumented copy replays crashes: instrumented code outside afl-fuzz writes to a map that is not there.
  cp -r "$bin" "$plain"
  for lib in Tsid.Core Tsid.Capture Tsid.Inspection; do
    "$tools/sharpfuzz" "$bin/$lib.dll" >/dev/null
  done
  touch "$stamp"
fi

seeds=$out/seeds/$target
rm -rf "$seeds"
"$here/seeds.sh" "$target" "$seeds" >&2 || { echo "fuzz/seeds.sh $target failed" >&2; exit 1; }

findings=$out/findings/$target
# Runs add up: the queue a previous run of this target reached becomes part of the seeds (FUZZ_FRESH=1 starts over).
if [ "${FUZZ_FRESH:-0}" != "1" ] && [ -d "$findings/default/queue" ]; then
  i=0
  for f in "$findings"/default/queue/id:*; do i=$((i + 1)); cp "$f" "$seeds/queue.$i"; done
  echo "resuming from $i queue entries of the previous run" >&2
fi
rm -rf "$findings"
mkdir -p "$out/findings"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
echo "fuzzing $target for $seconds s" >&2
afl-fuzz -V "$seconds" -i "$seeds" -o "$findings" -x "$here/tsid.dict" -t 10000 -m none -- "$(command -v dotnet)" "$bin/Tsid.Fuzz.dll" "$target" > "$out/afl-$target.log" 2>&1 || true

stats=$findings/default/fuzzer_stats
if [ ! -f "$stats" ]; then
  echo "afl-fuzz did not start; see $out/afl-$target.log" >&2
  tail -20 "$out/afl-$target.log" >&2
  exit 1
fi

get() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
crashes=$(get saved_crashes); crashes=${crashes:-$(get unique_crashes)}
paths=$(get corpus_count); paths=${paths:-$(get paths_total)}
echo "target=$target seconds=$seconds execs=$(get execs_done) execs_per_sec=$(get execs_per_sec) paths=$paths coverage=$(get bitmap_cvg) crashes=${crashes:-0} hangs=$(get saved_hangs)"

if [ "${crashes:-0}" != "0" ]; then
  dotnet "$plain/Tsid.Fuzz.dll" "$target" --replay "$findings/default/crashes" || true
fi
