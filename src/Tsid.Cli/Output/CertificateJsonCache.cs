using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace Tsid.Cli.Output
{
    /// <summary>
    /// The JSON of recently printed certificates, keyed by their DER bytes. A capture shows the same chains again and again
    /// (every connection to a busy server), and a certificate's object in <c>certificates[]</c> depends on its DER alone,
    /// so it is parsed, hashed (SHA-256) and formatted once and then copied. Zeek caches certificates by fingerprint for
    /// the same reason. Bounded: at <see cref="MaxEntries"/> the cache starts again empty. Single-threaded.
    /// </summary>
    internal sealed class CertificateJsonCache
    {
        /// <summary>Certificates remembered at once (about 3 KB each: the DER and its JSON).</summary>
        public const int MaxEntries = 1024;

#if NET9_0_OR_GREATER
        private readonly Dictionary<byte[], byte[]> _entries = new(DerComparer.Instance);
        private readonly Dictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
#else
        // .NET 8 has no alternate (span) lookup: entries by the comparer's hash, the DER kept to confirm a hit; a
        // second certificate with the same hash replaces the first (a cache miss, never a wrong answer).
        private readonly Dictionary<int, KeyValuePair<byte[], byte[]>> _entries = new();
#endif
        private readonly ArrayBufferWriter<byte> _render = new(4096);
        private Utf8JsonWriter? _renderer;

#if NET9_0_OR_GREATER
        public CertificateJsonCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
#endif

        /// <summary>The certificate object for <paramref name="der"/>, rendered by <paramref name="writer"/> on first sight.</summary>
        public ReadOnlySpan<byte> GetOrRender(ReadOnlySpan<byte> der, JsonLinesWriter writer)
        {
            if (TryGet(der, out byte[]? json))
            {
                return json;
            }

            writer.RenderCertificate(StartRender(), der);
            return Keep(der);
        }

        /// <summary>The certificate object for a certificate already parsed (the same bytes as from its DER, without parsing it again).</summary>
        public ReadOnlySpan<byte> GetOrRender(scoped in Tsid.X509.Certificate certificate, JsonLinesWriter writer)
        {
            ReadOnlySpan<byte> der = certificate.Encoded;
            if (TryGet(der, out byte[]? json))
            {
                return json;
            }

            writer.RenderCertificate(StartRender(), in certificate);
            return Keep(der);
        }

        private bool TryGet(ReadOnlySpan<byte> der, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? json)
        {
#if NET9_0_OR_GREATER
            return _lookup.TryGetValue(der, out json);
#else
            if (_entries.TryGetValue(DerComparer.Instance.GetHashCode(der), out KeyValuePair<byte[], byte[]> entry) && der.SequenceEqual(entry.Key))
            {
                json = entry.Value;
                return true;
            }

            json = null;
            return false;
#endif
        }

        private Utf8JsonWriter StartRender()
        {
            _render.ResetWrittenCount();
            _renderer ??= JsonLinesWriter.CreateWriter(_render);
            _renderer.Reset(_render);
            return _renderer;
        }

        private byte[] Keep(ReadOnlySpan<byte> der)
        {
            _renderer!.Flush();
            byte[] json = _render.WrittenSpan.ToArray();
            if (_entries.Count >= MaxEntries)
            {
                _entries.Clear();
            }

#if NET9_0_OR_GREATER
            _entries[der.ToArray()] = json;
#else
            _entries[DerComparer.Instance.GetHashCode(der)] = new KeyValuePair<byte[], byte[]>(der.ToArray(), json);
#endif
            return json;
        }

        /// <summary>DER equality; the hash reads the length and the last bytes (inside the signature, which differs between certificates).</summary>
        private sealed class DerComparer : IEqualityComparer<byte[]>
#if NET9_0_OR_GREATER
            , IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
#endif
        {
            private const int HashedTail = 32;

            public static readonly DerComparer Instance = new();

            public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

            public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

            public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

            public int GetHashCode(ReadOnlySpan<byte> alternate)
            {
                var hash = default(HashCode);
                hash.Add(alternate.Length);
                hash.AddBytes(alternate.Slice(Math.Max(0, alternate.Length - HashedTail)));
                return hash.ToHashCode();
            }

            public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
        }
    }
}
