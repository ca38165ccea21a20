using System;
using System.Buffers;
using System.Collections.Generic;
using Tsid.Tls;

namespace Tsid.Tests.Tls
{
    /// <summary>Feeds recorded bytes to a <see cref="TlsConnectionObserver"/> and condenses what it reports into comparable values.</summary>
    internal static class ObserverHarness
    {
        /// <summary>Feeds the writes in the order they happened, each cut into chunks by <paramref name="chunk"/> (null = whole writes).</summary>
        public static TlsConnectionObserver Feed(IEnumerable<(bool FromClient, byte[] Data)> writes, Func<int, int>? chunk = null)
        {
            var observer = new TlsConnectionObserver();
            int n = 0;
            foreach ((bool fromClient, byte[] data) in writes)
            {
                TlsDirection direction = fromClient ? TlsDirection.ClientToServer : TlsDirection.ServerToClient;
                ReadOnlySpan<byte> rest = data;
                while (!rest.IsEmpty)
                {
                    int size = chunk is null ? rest.Length : Math.Clamp(chunk(n++), 1, rest.Length);
                    observer.Feed(direction, rest.Slice(0, size));
                    rest = rest.Slice(size);
                }
            }

            return observer;
        }

        /// <summary>Everything the observer reports, as plain comparable text.</summary>
        public static ObservedConnection Summarize(TlsConnectionObserver o)
        {
            var result = new ObservedConnection
            {
                ClientHelloCount = o.ClientHelloCount,
                SslV2 = o.IsSslV2ClientHello,
                HelloRetryRequest = o.HelloRetryRequestSeen,
                ServerHelloSeen = o.ServerHelloSeen,
                NegotiatedVersion = o.NegotiatedVersion,
                CipherSuite = o.CipherSuite,
                Visibility = o.ServerCertificateVisibility,
                ClientCertificateSeen = o.ClientCertificateSeen,
                CertificateStatusSeen = o.CertificateStatusSeen,
                CertificateRequestSeen = o.CertificateRequestSeen,
                ClientError = o.ClientError.ToString(),
                ServerError = o.ServerError.ToString(),
                ServerName = o.GetServerNameString(),
                ChangeCipherSpecCount = o.ChangeCipherSpecCount,
                SkippedMessageCount = o.SkippedMessageCount,
            };

            for (int i = 0; i < Math.Min(o.AlertCount, TlsConnectionObserver.MaxAlertsKept); i++)
            {
                result.Alerts.Add(o.GetAlert(i).ToString());
            }

            if (o.TryGetClientHello(out ClientHello hello))
            {
                result.EchPublicName = hello.ServerNameIsEchPublicName;
                foreach (TlsExtension e in hello.Extensions)
                {
                    result.ExtensionTypes.Add((int)e.Type);
                }

                if (hello.TryGetAlpn(out ProtocolNameList alpn))
                {
                    foreach (ReadOnlySpan<byte> p in alpn)
                    {
                        result.Alpn.Add(System.Text.Encoding.ASCII.GetString(p));
                    }
                }

                if (hello.TryGetSupportedVersions(out TlsUInt16List versions))
                {
                    foreach (ushort v in versions)
                    {
                        result.SupportedVersions.Add(v);
                    }
                }

                if (hello.TryGetServerNames(out ServerNameList names))
                {
                    foreach (ServerName name in names)
                    {
                        result.ServerNames.Add(name.GetString());
                    }
                }
            }

            if (o.TryGetServerHello(out ServerHello serverHello) && serverHello.TryGetSelectedProtocol(out ReadOnlySpan<byte> selected))
            {
                result.SelectedAlpn = System.Text.Encoding.ASCII.GetString(selected);
            }

            if (o.TryGetServerCertificates(out CertificateMessage chain))
            {
                foreach (ReadOnlySpan<byte> der in chain)
                {
                    result.ServerChain.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(der)).ToLowerInvariant());
                }
            }

            if (o.TryGetClientCertificates(out CertificateMessage clientChain))
            {
                foreach (ReadOnlySpan<byte> der in clientChain)
                {
                    result.ClientChain.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(der)).ToLowerInvariant());
                }
            }

            return result;
        }
    }

    internal sealed record ObservedConnection
    {
        public int ClientHelloCount { get; init; }

        public bool SslV2 { get; init; }

        public bool HelloRetryRequest { get; init; }

        public bool ServerHelloSeen { get; init; }

        public TlsProtocolVersion NegotiatedVersion { get; init; }

        public ushort CipherSuite { get; init; }

        public TlsCertificateVisibility Visibility { get; init; }

        public bool ClientCertificateSeen { get; init; }

        public bool CertificateStatusSeen { get; init; }

        public bool CertificateRequestSeen { get; init; }

        public string ClientError { get; init; } = string.Empty;

        public string ServerError { get; init; } = string.Empty;

        public string? ServerName { get; init; }

        public bool EchPublicName { get; set; }

        public string? SelectedAlpn { get; set; }

        public int ChangeCipherSpecCount { get; init; }

        public int SkippedMessageCount { get; init; }

        public List<string> Alerts { get; } = new();

        public List<int> ExtensionTypes { get; } = new();

        public List<string> Alpn { get; } = new();

        public List<int> SupportedVersions { get; } = new();

        public List<string> ServerNames { get; } = new();

        public List<string> ServerChain { get; } = new();

        public List<string> ClientChain { get; } = new();

        /// <summary>A stable text form for equality across runs (records compare lists by reference).</summary>
        public string Text => string.Join("|", new object?[]
        {
            ClientHelloCount, SslV2, HelloRetryRequest, ServerHelloSeen, NegotiatedVersion, CipherSuite, Visibility, ClientCertificateSeen,
            CertificateStatusSeen, CertificateRequestSeen, ClientError, ServerError, ServerName, EchPublicName, SelectedAlpn, ChangeCipherSpecCount,
            SkippedMessageCount, string.Join(",", Alerts), string.Join(",", ExtensionTypes), string.Join(",", Alpn), string.Join(",", SupportedVersions),
            string.Join(",", ServerNames), string.Join(",", ServerChain), string.Join(",", ClientChain),
        });
    }
}
