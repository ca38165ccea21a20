using System;
using System.Collections.Generic;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Samples.AspNetCoreFingerprints
{
    /// <summary>
    /// What the client's ClientHello said, set on the connection's features by the TLS callback before the handshake
    /// completes; every request on the connection reads it with <c>HttpContext.Features.Get&lt;ITlsClientHelloFeature&gt;()</c>
    /// (Kestrel's request features fall back to the connection's). The strings are made on first read and kept.
    /// </summary>
    public interface ITlsClientHelloFeature
    {
        /// <summary>Whether the hello sat whole in the first record and parsed.</summary>
        ClientHelloStatus Status { get; }

        /// <summary>For <see cref="ClientHelloStatus.Malformed"/>: the library's error and its offset within the record; otherwise none.</summary>
        TlsError Error { get; }

        /// <summary>The length of the first record as Kestrel delivered it (header included).</summary>
        int RecordLength { get; }

        /// <summary>The ClientHello body length the handshake header declares (RFC 8446 4); 0 when the record is too short to say.</summary>
        int HelloLength { get; }

        /// <summary>True when the hello carried a server_name host_name (also when it was too long to keep, <see cref="Sni"/> is then null).</summary>
        bool HasServerName { get; }

        /// <summary>The first SNI host_name as sent (one character per byte), or null: no SNI (an IP-literal client), or the hello was not parsed.</summary>
        string? Sni { get; }

        /// <summary>The ALPN protocols the client offered, in its order (RFC 7301 3.1); empty when it offered none or the hello was not parsed.</summary>
        IReadOnlyList<string> Alpn { get; }

        /// <summary>True when the ALPN list was longer than <see cref="TlsClientHelloFeature.MaxAlpnLength"/> bytes: <see cref="Alpn"/> holds the whole protocols that fit.</summary>
        bool IsAlpnTruncated { get; }

        /// <summary>JA4 (docs/fingerprints.md), e.g. <c>t13d1312h2_…_…</c>; null when the hello was not parsed.</summary>
        string? Ja4 { get; }

        /// <summary>JA3 (MD5, 32 hex digits); null when the hello was not parsed.</summary>
        string? Ja3 { get; }

        /// <summary>What the callback decided: <see cref="PolicyAction.Allow"/> or <see cref="PolicyAction.Block"/> (the connection was then aborted).</summary>
        PolicyAction Verdict { get; }

        /// <summary>The policy's decision, when a policy was configured and the hello parsed; null otherwise (then <see cref="Status"/> decided).</summary>
        PolicyDecision? Decision { get; }

        /// <summary>Time spent in the callback's library work (parse, JA4, JA3, identity, policy), measured with <see cref="System.Diagnostics.Stopwatch"/>.</summary>
        TimeSpan InspectDuration { get; }

        /// <summary>Bytes the callback's library work allocated on its thread (this feature object included), from <see cref="GC.GetAllocatedBytesForCurrentThread"/>.</summary>
        long InspectAllocatedBytes { get; }
    }
}
