using System;
using System.Buffers;
using System.Diagnostics;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Samples.AspNetCoreFingerprints
{
    /// <summary>
    /// The library part of the callback, with no ASP.NET Core type in it (the benchmark links this file): one record in,
    /// one <see cref="TlsClientHelloFeature"/> filled, one verdict. The hello is parsed once from the caller's span
    /// (<see cref="ClientHello.TryParseRecord"/>); the fingerprints are written into the feature's buffers; the identity
    /// name goes to a stack buffer; the policy reads span facts. The feature is the only allocation.
    /// One inspector serves every connection (it holds only immutable objects).
    /// </summary>
    public sealed class ClientHelloInspector
    {
        private readonly AccessPolicy? _policy;
        private readonly ServerIdentityResolver _resolver;
        private readonly PolicyAction _incompleteHello;
        private readonly PolicyAction _malformedHello;

        /// <summary>Creates an inspector.</summary>
        /// <param name="policy">The policy to evaluate, or null to only fingerprint (every parsed hello is allowed).</param>
        /// <param name="resolver">How the server name is taken from the evidence (only the SNI is known here: every preset yields the SNI or nothing).</param>
        /// <param name="incompleteHello">The verdict for a hello that spans records (no fingerprint can be computed).</param>
        /// <param name="malformedHello">The verdict for a record that is not a well-formed ClientHello.</param>
        public ClientHelloInspector(AccessPolicy? policy, ServerIdentityResolver resolver, PolicyAction incompleteHello, PolicyAction malformedHello)
        {
            _policy = policy;
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _incompleteHello = Final(incompleteHello, nameof(incompleteHello));
            _malformedHello = Final(malformedHello, nameof(malformedHello));
        }

        /// <summary>The policy, if any.</summary>
        public AccessPolicy? Policy => _policy;

        /// <summary>
        /// Inspects the first record of a client's stream (what Kestrel's <c>TlsClientHelloBytesCallback</c> delivers: the
        /// whole first record, header included) and returns the filled feature; <see cref="TlsClientHelloFeature.Verdict"/>
        /// says whether to go on.
        /// </summary>
        /// <param name="record">The record bytes.</param>
        /// <param name="sourceAddress">The client's address, 4 or 16 bytes in network order (empty when unknown).</param>
        /// <param name="sourcePort">The client's port (0 = unknown).</param>
        /// <param name="destinationAddress">The local address the client connected to (empty when unknown).</param>
        /// <param name="destinationPort">The local port (0 = unknown).</param>
        /// <returns>The feature for the connection.</returns>
        public TlsClientHelloFeature Inspect(ReadOnlySpan<byte> record, ReadOnlySpan<byte> sourceAddress, int sourcePort, ReadOnlySpan<byte> destinationAddress, int destinationPort)
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long started = Stopwatch.GetTimestamp();
            var feature = new TlsClientHelloFeature { RecordLength = record.Length };

            // RFC 8446 4: struct { HandshakeType msg_type; uint24 length; ... } after the 5-byte record header. Read here only
            // to report how long a hello that spans records is; the parse below checks these bytes itself.
            if (record.Length >= TlsRecordHeader.Size + 4)
            {
                feature.HelloLength = (record[TlsRecordHeader.Size + 1] << 16) | (record[TlsRecordHeader.Size + 2] << 8) | record[TlsRecordHeader.Size + 3];
            }

            if (ClientHello.TryParseRecord(record, out ClientHello hello, out TlsError error))
            {
                feature.SetFrom(in hello);
                feature.Verdict = _policy is null ? PolicyAction.Allow : Evaluate(in hello, feature, sourceAddress, sourcePort, destinationAddress, destinationPort);
            }
            else if (ServerNameIndication.TryPeek(record, out _, out _) == OperationStatus.NeedMoreData)
            {
                // TryParseRecord says Truncated both for a hello that continues in the next record and for a field running
                // past the end of a complete one; the peek's OperationStatus keeps them apart: NeedMoreData is the first.
                // The record is whole (Kestrel waits for all of it), so NeedMoreData means the hello spans records.
                feature.Status = ClientHelloStatus.Incomplete;
                feature.Verdict = _incompleteHello;
            }
            else
            {
                feature.Status = ClientHelloStatus.Malformed;
                feature.Error = error;
                feature.Verdict = _malformedHello;
            }

            feature.InspectDuration = Stopwatch.GetElapsedTime(started);
            feature.InspectAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            return feature;
        }

        private PolicyAction Evaluate(scoped in ClientHello hello, TlsClientHelloFeature feature, ReadOnlySpan<byte> sourceAddress, int sourcePort, ReadOnlySpan<byte> destinationAddress, int destinationPort)
        {
            ServerNameList names = default;
            bool hasNames = hello.TryGetServerNames(out names);
            var evidence = new ServerIdentityEvidence
            {
                ServerName = feature.ServerNameBytes,
                ServerNameCount = hasNames ? names.Count : 0,
                EncryptedClientHello = hello.ServerNameIsEchPublicName,
                DestinationAddress = destinationAddress,
                DestinationPort = (ushort)destinationPort,
            };
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = _resolver.Resolve(in evidence, name);

            hello.TryGetAlpn(out ProtocolNameList alpn);

            // The negotiated version and ALPN are not known yet (the server has not answered): TlsVersion and
            // AlpnNegotiated stay unknown, so `tls` and `alpn` conditions never hold here; `alpn-offered` and `ja4 t13*` do.
            ConnectionFacts facts = ConnectionFacts.From(in identity, in evidence) with
            {
                SourceAddress = sourceAddress,
                SourcePort = sourcePort,
                AlpnOffered = alpn,
                Ja4 = feature.Ja4Chars,
                Ja3 = feature.Ja3Chars,
            };
            PolicyDecision decision = _policy!.Evaluate(in facts);
            feature.Decision = decision;
            return decision.Action == PolicyAction.Block ? PolicyAction.Block : PolicyAction.Allow;
        }

        private static PolicyAction Final(PolicyAction action, string name) =>
            action is PolicyAction.Allow or PolicyAction.Block ? action : throw new ArgumentOutOfRangeException(name, action, "Allow or Block.");
    }
}
