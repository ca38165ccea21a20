#!/usr/bin/env bash
# tsid inspect --format json against tshark on the same large capture: wall time and peak RSS, side by side.
#
#   benchmarks/compare-tshark.sh [CONNECTIONS] [RUNS]
#
# CONNECTIONS (default 30000, at least 20000 for the documented comparison) TLS 1.2 connections, each with its server
# chain in clear (half of them a chain of three), are written with the benchmarks' workload writer
# (InspectWorkload, mix "chains"). Each tool runs RUNS times (default 3) on the warm file, output to /dev/null; the best
# wall time is reported with its peak RSS (/usr/bin/time -v). tsid runs twice over: as the framework-dependent tool
# (dotnet tsid.dll, the way `dotnet tool install` runs it) and as a Native AOT build of the same code. With
# TSID_FLAT=1 the AOT build also runs on a capture four times larger, to show that its memory does not grow with the file.
#
# tshark is installed with apt when absent. Environment: TSHARK (default tshark), WORK (default /tmp/tsid-compare).
set -euo pipefail

CONNECTIONS="${1:-30000}"
RUNS="${2:-3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${WORK:-/tmp/tsid-compare}"
TSHARK="${TSHARK:-tshark}"
mkdir -p "$WORK"

if ! command -v "$TSHARK" >/dev/null 2>&1; then
    echo "compare-tshark: installing tshark" >&2
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tshark
fi

if [ ! -x /usr/bin/time ]; then
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y time
fi

echo "compare-tshark: building" >&2
dotnet build "$ROOT/benchmarks/Tsid.Core.Benchmarks" -c Release -v quiet -nologo >/dev/null
TSID_DLL="$ROOT/src/Tsid.Cli/bin/Release/net10.0/tsid.dll"
TSID_AOT=""
if command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; then
    LINKER=""
    command -v clang >/dev/null 2>&1 || LINKER="-p:CppCompilerAndLinker=gcc"
    if dotnet publish "$ROOT/src/Tsid.Cli" -c Release -r linux-x64 -p:TsidNativeAot=true $LINKER -o "$WORK/aot" -v quiet -nologo >/dev/null; then
        TSID_AOT="$WORK/aot/tsid"
    else
        echo "compare-tshark: the Native AOT build failed; comparing the framework-dependent tool only" >&2
    fi
fi

write_capture() { # FILE CONNECTIONS
    if [ ! -s "$1" ]; then
        echo "compare-tshark: writing $2 connections to $1" >&2
        dotnet "$ROOT/benchmarks/Tsid.Core.Benchmarks/bin/Release/net10.0/Tsid.Core.Benchmarks.dll" --write-inspect-workload "$1" "$2" chains
    fi
    cat "$1" >/dev/null # into the page cache: both tools read a warm file
}

CAPTURE="$WORK/chains-$CONNECTIONS.pcap"
write_capture "$CAPTURE" "$CONNECTIONS"

# One run: prints "wall user sys rss_kib".
measure() {
    local log="$WORK/time.log"
    /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$WORK/stderr.log"
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
        /User time/ { user = $2 }
        /System time/ { sys = $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%.3f %.2f %.2f %d\n", wall, user, sys, rss }' "$log"
}

# Best of RUNS by wall time: prints "wall user sys rss_kib".
best() {
    local best_line="" line
    for _ in $(seq "$RUNS"); do
        line="$(measure "$@")"
        if [ -z "$best_line" ] || awk -v a="${line%% *}" -v b="${best_line%% *}" 'BEGIN { exit !(a < b) }'; then
            best_line="$line"
        fi
    done
    echo "$best_line"
}

# The fields tsid prints, as tshark extracts them: endpoints, SNI, ALPN, versions, cipher, and the certificates' names,
# SAN dNSNames and iPAddresses, serial and validity. Every frame with a ClientHello, ServerHello or Certificate.
TSHARK_ARGS=(-n -r "$CAPTURE" -Y "tls.handshake.type == 1 || tls.handshake.type == 2 || tls.handshake.type == 11"
    -T fields -E separator=/t -E occurrence=a -E aggregator=,
    -e tcp.stream -e frame.time_epoch -e ip.src -e tcp.srcport -e ip.dst -e tcp.dstport -e tls.handshake.type
    -e tls.handshake.extensions_server_name -e tls.handshake.extensions_alpn_str -e tls.handshake.version
    -e tls.handshake.extensions.supported_version -e tls.handshake.ciphersuite -e x509if.RDNSequence_item
    -e x509sat.uTF8String -e x509sat.printableString -e x509ce.dNSName -e x509ce.iPAddress -e x509af.serialNumber
    -e x509af.utcTime)

echo "compare-tshark: timing ($RUNS runs each, best wall time)" >&2
read -r TS_WALL TS_USER TS_SYS TS_RSS < <(best "$TSHARK" "${TSHARK_ARGS[@]}")
read -r DLL_WALL DLL_USER DLL_SYS DLL_RSS < <(best dotnet "$TSID_DLL" inspect "$CAPTURE" --format json)
if [ -n "$TSID_AOT" ]; then
    read -r AOT_WALL AOT_USER AOT_SYS AOT_RSS < <(best "$TSID_AOT" inspect "$CAPTURE" --format json)
fi

# Agreement on what was read: connections with an SNI, by both tools.
TS_SNI="$("$TSHARK" "${TSHARK_ARGS[@]}" | awk -F'\t' '$8 != "" { n++ } END { print n + 0 }')"
TSID_SNI="$(dotnet "$TSID_DLL" inspect "$CAPTURE" --format json 2>/dev/null | grep -c '"sni":"' || true)"

SIZE="$(stat -c %s "$CAPTURE")"
echo
echo "capture: $CAPTURE, $CONNECTIONS TLS connections with certificate chains, $SIZE bytes"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "connections with SNI: tshark $TS_SNI, tsid $TSID_SNI"
echo
row() { # NAME WALL USER SYS RSS [CONNECTIONS]: the ratio is against tshark on the main capture, so only for that one
    awk -v name="$1" -v wall="$2" -v user="$3" -v sys="$4" -v rss="$5" -v ref="$TS_WALL" -v conns="${6:-$CONNECTIONS}" -v main="${6:-yes}" \
        'BEGIN { ratio = main == "yes" ? sprintf("%9.1fx", ref / wall) : "         -";
                 printf "%-38s %8.3f %8.2f %8.2f %10.1f %12.0f %s\n", name, wall, user, sys, rss / 1024, conns / wall, ratio }'
}
printf "%-38s %8s %8s %8s %10s %12s %10s\n" "tool" "wall s" "user s" "sys s" "RSS MiB" "conns/s" "vs tshark"
row "tshark $("$TSHARK" --version 2>/dev/null | head -1 | awk '{print $3}') -T fields" "$TS_WALL" "$TS_USER" "$TS_SYS" "$TS_RSS"
row "tsid inspect --format json (dotnet)" "$DLL_WALL" "$DLL_USER" "$DLL_SYS" "$DLL_RSS"
if [ -n "$TSID_AOT" ]; then
    row "tsid inspect --format json (AOT)" "$AOT_WALL" "$AOT_USER" "$AOT_SYS" "$AOT_RSS"
fi

if [ "${TSID_FLAT:-0}" = "1" ] && [ -n "$TSID_AOT" ]; then
    LARGE=$((CONNECTIONS * 4))
    LARGE_CAPTURE="$WORK/chains-$LARGE.pcap"
    write_capture "$LARGE_CAPTURE" "$LARGE"
    read -r L_WALL L_USER L_SYS L_RSS < <(best "$TSID_AOT" inspect "$LARGE_CAPTURE" --format json)
    read -r LD_WALL LD_USER LD_SYS LD_RSS < <(best dotnet "$TSID_DLL" inspect "$LARGE_CAPTURE" --format json)
    echo
    echo "four times the capture ($LARGE connections, $(stat -c %s "$LARGE_CAPTURE") bytes), tsid only:"
    row "tsid inspect --format json (dotnet)" "$LD_WALL" "$LD_USER" "$LD_SYS" "$LD_RSS" "$LARGE"
    row "tsid inspect --format json (AOT)" "$L_WALL" "$L_USER" "$L_SYS" "$L_RSS" "$LARGE"
fi
