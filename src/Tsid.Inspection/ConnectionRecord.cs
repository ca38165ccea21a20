using System;
using System.Collections.Generic;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Inspection
{
    /// <summary>
    /// An owned, immutable copy of an <see cref="InspectedConnection"/>: what a program keeps after the handler returns.
    /// Names are strings, the chain is a list of <see cref="CertificateRecord"/> (formatted only when read).
    /// </summary>
    public sealed class ConnectionRecord
    {
        private static readonly IReadOnlyList<string> NoNames = Array.Empty<string>();

        private ConnectionRecord()
        {
        }

        /// <summary>The flow's number in the capture (<see cref="InspectedConnection.FlowId"/>).</summary>
        public long FlowId { get; private set; }

        /// <summary>The transport (<see cref="InspectedConnection.Transport"/>).</summary>
        public ConnectionTransport Transport { get; private set; }

        /// <summary>What carried the handshake (<see cref="InspectedConnection.Protocol"/>).</summary>
        public HandshakeProtocol Protocol { get; private set; }

        /// <summary>The QUIC version (<see cref="InspectedConnection.QuicVersion"/>); none when not QUIC.</summary>
        public Quic.QuicVersion QuicVersion { get; private set; }

        /// <summary>The client end.</summary>
        public FlowEndpoint Client { get; private set; }

        /// <summary>The server end.</summary>
        public FlowEndpoint Server { get; private set; }

        /// <summary>Capture time of the first packet, ns since the Unix epoch.</summary>
        public long FirstPacketNanoseconds { get; private set; }

        /// <summary>Capture time of the first packet.</summary>
        public DateTimeOffset FirstPacketTime => CaptureTime.ToDateTimeOffset(FirstPacketNanoseconds);

        /// <summary>How TLS started.</summary>
        public TlsStartProtocol TlsStart { get; private set; }

        /// <summary>The tunnel the connection came through, or null (<see cref="InspectedConnection.Tunnel"/>).</summary>
        public TunnelInfo? Tunnel { get; private set; }

        /// <summary>The first SNI host_name, or null.</summary>
        public string? ServerName => ServerNames.Count > 0 ? ServerNames[0] : null;

        /// <summary>Every host_name entry of the server_name extension, in wire order.</summary>
        public IReadOnlyList<string> ServerNames { get; private set; } = NoNames;

        /// <summary>True when the ClientHello carried an outer encrypted_client_hello: <see cref="ServerName"/> is then the ECH public name.</summary>
        public bool EncryptedClientHello { get; private set; }

        /// <summary>The protocols the client offered (ALPN), in its order.</summary>
        public IReadOnlyList<string> AlpnOffered { get; private set; } = NoNames;

        /// <summary>The protocol the server chose, when the ServerHello shows it (never under TLS 1.3); null otherwise.</summary>
        public string? AlpnNegotiated { get; private set; }

        /// <summary>
        /// The versions the client offered: its supported_versions in its order (GREASE values as sent, RFC 8701), or its
        /// legacy_version alone when it sent no supported_versions; empty without a ClientHello.
        /// </summary>
        public IReadOnlyList<TlsProtocolVersion> VersionsOffered { get; private set; } = Array.Empty<TlsProtocolVersion>();

        /// <summary>The negotiated version (<see cref="TlsProtocolVersion.None"/> without a ServerHello).</summary>
        public TlsProtocolVersion Version { get; private set; }

        /// <summary>The cipher suite the server chose (0 without a ServerHello).</summary>
        public ushort CipherSuite { get; private set; }

        /// <summary>Whether the server's chain was seen in clear.</summary>
        public TlsCertificateVisibility CertificateVisibility { get; private set; }

        /// <summary>The server's chain, leaf first (empty when not visible).</summary>
        public IReadOnlyList<CertificateRecord> Certificates { get; private set; } = Array.Empty<CertificateRecord>();

        /// <summary>The DNS hints the resolver was given, most recent first.</summary>
        public IReadOnlyList<string> DnsHints { get; private set; } = NoNames;

        /// <summary>The server's identity (with its explanation when one was built).</summary>
        public ServerIdentityRecord Identity { get; private set; } = null!;

        /// <summary>The policy's decision, or null without a policy.</summary>
        public PolicyDecision? Decision { get; private set; }

        /// <summary>The name that matched the deciding list or rule (<see cref="InspectedConnection.GetMatchedName"/>), or null.</summary>
        public string? MatchedName { get; private set; }

        /// <summary>The pattern or list entry that matched (<see cref="InspectedConnection.GetMatchedPattern"/>), or null.</summary>
        public string? MatchedPattern { get; private set; }

        /// <summary>The policy's explanation, when one was built.</summary>
        public PolicyExplanation? DecisionExplanation { get; private set; }

        /// <summary>The client's JA3 hash (<see cref="Fingerprints.Ja3"/>), or null without a ClientHello.</summary>
        public string? Ja3 { get; private set; }

        /// <summary>The client's JA3 string (what <see cref="Ja3"/> hashes), or null without a ClientHello.</summary>
        public string? Ja3String { get; private set; }

        /// <summary>The server's JA3S hash (<see cref="Fingerprints.Ja3S"/>), or null without a ServerHello.</summary>
        public string? Ja3S { get; private set; }

        /// <summary>The client's JA4 (<see cref="Fingerprints.Ja4"/>, carrier letter from the observer), or null without a ClientHello.</summary>
        public string? Ja4 { get; private set; }

        /// <summary>The client's JA4_r (the sorted lists JA4 hashes), or null without a ClientHello.</summary>
        public string? Ja4Raw { get; private set; }

        /// <summary>Parse errors and gaps: the client direction's, then the server's.</summary>
        public IReadOnlyList<ConnectionError> Errors { get; private set; } = Array.Empty<ConnectionError>();

        /// <summary>"client -> server: identity" for logs.</summary>
        /// <returns>Text.</returns>
        public override string ToString() => Client.ToString() + " -> " + Server.ToString() + ": " + (Identity.Name ?? "(none)");

        internal static ConnectionRecord From(in InspectedConnection connection)
        {
            var record = new ConnectionRecord
            {
                FlowId = connection.FlowId,
                Transport = connection.Transport,
                Protocol = connection.Protocol,
                QuicVersion = connection.QuicVersion,
                Client = connection.Client,
                Server = connection.Server,
                FirstPacketNanoseconds = connection.FirstPacketNanoseconds,
                TlsStart = connection.TlsStart,
                Tunnel = connection.Tunnel,
                Version = connection.Version,
                CipherSuite = connection.CipherSuite,
                CertificateVisibility = connection.CertificateVisibility,
                Identity = connection.Identity.ToRecord(),
                Decision = connection.HasDecision ? connection.Decision : null,
                MatchedName = connection.GetMatchedName(),
                MatchedPattern = connection.GetMatchedPattern(),
                DecisionExplanation = connection.DecisionExplanation,
                DnsHints = connection.DnsHints.IsEmpty ? NoNames : connection.DnsHints.ToArray(),
            };

            if (connection.HasClientHello)
            {
                ClientHello hello = connection.ClientHello;
                if (hello.TryGetServerNames(out ServerNameList names))
                {
                    var list = new List<string>();
                    foreach (ServerName name in names)
                    {
                        if (name.IsHostName)
                        {
                            list.Add(name.GetString());
                        }
                    }

                    record.ServerNames = list.AsReadOnly();
                }

                if (connection.TryGetAlpnOffered(out ProtocolNameList protocols))
                {
                    var list = new List<string>();
                    foreach (ReadOnlySpan<byte> protocol in protocols)
                    {
                        list.Add(Latin1.GetString(protocol));
                    }

                    record.AlpnOffered = list.AsReadOnly();
                }

                record.EncryptedClientHello = hello.TryGetEncryptedClientHello(out EncryptedClientHello ech) && ech.IsOuter;
                HandshakeProtocol carrier = connection.Handshake.Protocol;
                record.Ja3 = Fingerprints.Ja3.GetHashString(in hello);
                record.Ja3String = Fingerprints.Ja3.GetString(in hello);
                record.Ja4 = Fingerprints.Ja4.GetString(in hello, carrier);
                record.Ja4Raw = Fingerprints.Ja4.GetString(in hello, carrier, Fingerprints.Ja4Form.Raw);
                if (hello.TryGetSupportedVersions(out TlsUInt16List versions))
                {
                    var list = new TlsProtocolVersion[versions.Count];
                    for (int i = 0; i < list.Length; i++)
                    {
                        list[i] = (TlsProtocolVersion)versions[i];
                    }

                    record.VersionsOffered = list;
                }
                else
                {
                    record.VersionsOffered = new[] { hello.LegacyVersion };
                }
            }

            if (connection.HasServerHello)
            {
                ServerHello serverHello = connection.ServerHello;
                record.Ja3S = Fingerprints.Ja3S.GetHashString(in serverHello);
            }

            ReadOnlySpan<byte> negotiated = connection.AlpnNegotiated;
            record.AlpnNegotiated = negotiated.IsEmpty ? null : Latin1.GetString(negotiated);
            if (connection.HasCertificates)
            {
                var chain = new List<CertificateRecord>(connection.Certificates.Count);
                foreach (ReadOnlySpan<byte> der in connection.Certificates)
                {
                    chain.Add(CertificateRecord.FromDer(der));
                }

                record.Certificates = chain.AsReadOnly();
            }

            record.Errors = ErrorsOf(in connection);
            return record;
        }

        private static IReadOnlyList<ConnectionError> ErrorsOf(in InspectedConnection connection)
        {
            Span<ConnectionError> errors = stackalloc ConnectionError[InspectedConnection.MaxErrors];
            int count = connection.GetErrors(errors);
            return count == 0 ? Array.Empty<ConnectionError>() : errors.Slice(0, count).ToArray();
        }
    }
}
