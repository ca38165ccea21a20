#!/usr/bin/env bash
# fuzz/seeds.sh TARGET OUT: writes the seed corpus of one target into OUT, from the project's own fixtures and, when it
# is there, the third-party corpus (read at run time from ../shared/corpus or $TSID_CORPUS; never copied into the repo).
set -euo pipefail
target=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
fixtures=$repo/tests/Tsid.Core.Tests/Fixtures
corpus=${TSID_CORPUS:-$(cd "$repo/.." && pwd)/shared/corpus}
mkdir -p "$out"
n=0
# A new file per seed (mktemp: pipelines run in subshells, so a counter would not survive them).
put() { cat > "$(mktemp "$out/seed.XXXXXX")"; }

# Small files of the third-party corpus matching a pattern (at most $2 of them). awk, not head: head would close the
# pipe early, and under pipefail the SIGPIPE of sort would end the script without a word.
from_corpus() {
  [ -d "$corpus" ] || return 0
  find "$corpus" -type f -name "$1" -size -64k 2>/dev/null | sort | awk -v n="$2" 'NR <= n' | while read -r f; do cat "$f" | put; done
}

case $target in
  x509|der|resolver)
    for f in "$fixtures"/*.der; do put < "$f"; done
    from_corpus '*.der' 40
    ;;
  pem)
    for f in "$fixtures"/*.der; do { echo "-----BEGIN CERTIFICATE-----"; base64 -w 64 "$f"; echo "-----END CERTIFICATE-----"; } | put; done
    from_corpus '*.pem' 20
    ;;
  hello)
    for f in "$fixtures"/clienthello-*.bin; do tail -c +10 "$f" | put; done
    for f in "$fixtures"/Tls/*.s2c.bin; do head -c 2009 "$f" | tail -c +10 | put; done
    ;;
  observer)
    # Byte 0: chunk size; bytes 1-2: length of the client stream; then client bytes, then server bytes.
    for c in "$fixtures"/Tls/*.c2s.bin; do
      n=$((n + 7))
      s=${c%.c2s.bin}.s2c.bin
      len=$(stat -c %s "$c")
      { printf "\\x$(printf %02x $((n % 64)))\\x$(printf %02x $((len >> 8 & 255)))\\x$(printf %02x $((len & 255)))"; cat "$c" "$s"; } | put
    done
    ;;
  policy)
    printf 'match resolved-identity\nlist BAD\nbad.example\nend\nblocklist BAD\nrule ALLOW_LIC allow\n  from 10.12.1.0/24\n  host tools.cisco.com\n  port 443\nend\ndefault block\n' | put
    printf 'list FEED file=feed.txt lenient\nallowlist FEED\nrule R block tag=x\n  host *.example.com\n  tls 1.0\nend\ndefault allow\n' | put
    ;;
  list)
    printf '# list\nads.example\n0.0.0.0 tracker.example a.example\n::1 localhost\n.squid.example\ntrailing.example.\n' | put
    printf '127.0.0.1 localhost\nfe80::1%%lo0 x.example\na.. y.example\n' | put
    ;;
  capture)
    dotnet "$repo/src/Tsid.Cli/bin/Release/net10.0/tsid.dll" demo --write "$out/demo.pcap" >/dev/null 2>&1 || true
    from_corpus '*.pcap' 30
    from_corpus '*.pcapng' 15
    from_corpus '*.pcap.gz' 5
    ;;
  dns)
    # A response for tools.cisco.com: A 198.51.100.38 (RFC 1035 4.1).
    printf '\x12\x34\x81\x80\x00\x01\x00\x01\x00\x00\x00\x00\x05tools\x05cisco\x03com\x00\x00\x01\x00\x01\xc0\x0c\x00\x01\x00\x01\x00\x00\x01\x2c\x00\x04\xc6\x33\x64\x26' | put
    ;;
  quic)
    # The RFC 9001 / RFC 9369 Appendix A Initials (client then server), in the datagram format of Targets.Datagrams.
    python3 - "$repo/tests/Tsid.Core.Tests/Quic/QuicVectors.cs" "$out" <<'PY'
import re, sys, os
text = open(sys.argv[1]).read()
def hexof(name):
    m = re.search(name + r' = Convert\.FromHexString\((.*?)\);', text, re.S)
    return bytes.fromhex(''.join(re.findall(r'"([0-9a-f]*)"', m.group(1))))
for i, (c, s) in enumerate([("V1ClientInitial", "V1ServerInitial"), ("V2ClientInitial", "V2ServerInitial")]):
    data = b''
    for d, name in ((0, c), (1, s)):
        b = hexof(name)
        data += bytes([d, len(b) >> 8, len(b) & 255]) + b
    open(os.path.join(sys.argv[2], "rfc-%d" % i), "wb").write(data)
PY
    ;;
  dtls)
    put < "$repo/tests/Tsid.Core.Tests/Fixtures/Dtls/openssl-dtls12-mtu300.datagrams"
    ;;
  tunnel)
    printf 'CONNECT tools.cisco.com:443 HTTP/1.1\r\nHost: tools.cisco.com:443\r\n\r\n' | put
    printf 'HTTP/1.1 200 Connection established\r\n\r\n' | put
    printf '\x04\x01\x01\xbb\x00\x00\x00\x01user\x00tools.cisco.com\x00' | put
    printf '\x05\x01\x00' | put
    printf '\x05\x01\x00\x03\x0ftools.cisco.com\x01\xbb' | put
    printf '\x01\x04user\x04pass' | put
    printf 'PROXY TCP4 192.0.2.1 198.51.100.38 40000 443\r\n' | put
    printf '\r\n\r\n\x00\r\nQUIT\n\x21\x11\x00\x0c\xc0\x00\x02\x01\xc6\x33\x64\x26\x9c\x40\x01\xbb' | put
    ;;
  starttls)
    # Input: server bytes (first half) then client bytes (second half); byte 0 also picks the port.
    printf '220 mail.example ESMTP\r\n250-mail.example\r\n250 STARTTLS\r\n220 go ahead\r\nEHLO client.example\r\nSTARTTLS\r\n\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00' | put
    printf '* OK IMAP4rev1\r\na OK\r\n. OK begin TLS\r\na STARTTLS\r\n\x16\x03\x01\x00\x05' | put
    ;;
  *)
    echo "unknown target $target" >&2
    exit 2
    ;;
esac
echo "seeds for $target: $(ls "$out" | wc -l) files in $out"
