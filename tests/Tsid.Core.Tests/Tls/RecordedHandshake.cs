using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tsid.Testing;
using Tsid.Tests.Support;

namespace Tsid.Tests.Tls
{
    /// <summary>
    /// The Core tests' options-shaped view of Tsid.Core.Testing's <see cref="HandshakeRecorder"/>: a real SslStream
    /// handshake over in-memory pipes, every write of each side kept with the boundaries the TLS stack chose.
    /// </summary>
    internal sealed class RecordedHandshake
    {
        public List<byte[]> ClientWrites { get; } = new();

        public List<byte[]> ServerWrites { get; } = new();

        /// <summary>Every write of both sides in the order they happened (true = from the client).</summary>
        public List<(bool FromClient, byte[] Data)> Writes { get; } = new();

        public byte[] ClientToServer => Join(ClientWrites);

        public byte[] ServerToClient => Join(ServerWrites);

        public SslProtocols NegotiatedProtocol { get; private init; }

        public string? NegotiatedAlpn { get; private init; }

        public Exception? Failure { get; private init; }

        public sealed class Options
        {
            public SslProtocols ClientProtocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

            public SslProtocols ServerProtocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

            public string? TargetHost { get; init; }

            public string[]? ClientAlpn { get; init; }

            public string[]? ServerAlpn { get; init; }

            public X509Certificate2? ServerCertificate { get; init; }

            public X509Certificate2? ClientCertificate { get; init; }

            /// <summary>Intermediates sent after the server certificate.</summary>
            public X509Certificate2Collection? ServerIntermediates { get; init; }
        }

        public static RecordedHandshake Run(Options options)
        {
            X509Certificate2 serverCert = options.ServerCertificate ?? Certificates.Server;
            var clientOptions = new SslClientAuthenticationOptions
            {
                // An empty TargetHost makes SslStream send no server_name.
                TargetHost = options.TargetHost ?? string.Empty,
                EnabledSslProtocols = options.ClientProtocols,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            };
            if (options.ClientAlpn is not null)
            {
                clientOptions.ApplicationProtocols = ToAlpn(options.ClientAlpn);
            }

            if (options.ClientCertificate is not null)
            {
                clientOptions.ClientCertificates = new X509CertificateCollection { options.ClientCertificate };
                clientOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => options.ClientCertificate;
            }

            var serverOptions = new SslServerAuthenticationOptions
            {
                ServerCertificateContext = SslStreamCertificateContext.Create(serverCert, options.ServerIntermediates, offline: true),
                EnabledSslProtocols = options.ServerProtocols,
                ClientCertificateRequired = options.ClientCertificate is not null,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            };
            if (options.ServerAlpn is not null)
            {
                serverOptions.ApplicationProtocols = ToAlpn(options.ServerAlpn);
            }

            // One application-data exchange so that the flights after the handshake are in the capture too.
            HandshakeRecording recorded = HandshakeRecorder.Record(clientOptions, serverOptions, new byte[] { 1, 2, 3 });
            var recording = new RecordedHandshake
            {
                NegotiatedProtocol = recorded.NegotiatedProtocol,
                NegotiatedAlpn = recorded.NegotiatedApplicationProtocol,
                Failure = recorded.Failure,
            };
            foreach ((bool fromClient, byte[] data) in recorded.Writes)
            {
                recording.Writes.Add((fromClient, data));
                (fromClient ? recording.ClientWrites : recording.ServerWrites).Add(data);
            }

            return recording;
        }

        private static List<SslApplicationProtocol> ToAlpn(string[] names)
        {
            var list = new List<SslApplicationProtocol>();
            foreach (string n in names)
            {
                list.Add(new SslApplicationProtocol(n));
            }

            return list;
        }

        private static byte[] Join(List<byte[]> parts)
        {
            var all = new MemoryStream();
            foreach (byte[] p in parts)
            {
                all.Write(p);
            }

            return all.ToArray();
        }
    }

    /// <summary>Certificates made for the recordings (CertificateRequest, self-signed, keys in memory).</summary>
    internal static class Certificates
    {
        private static readonly Lazy<X509Certificate2> LazyServer = new(() => SelfSigned("CN=tls-test.example", "tls-test.example"));
        private static readonly Lazy<X509Certificate2> LazyClient = new(() => SelfSigned("CN=client.example", null));
        private static readonly Lazy<X509Certificate2> LazyCisco = new(MakeCiscoLike);

        public static X509Certificate2 Server => LazyServer.Value;

        public static X509Certificate2 Client => LazyClient.Value;

        /// <summary>
        /// Shaped like the project's cisco-nocn.der fixture (which has no private key): the same subject (no CN)
        /// and the same subjectAltName extension bytes (toos.cisco.com first), with a fresh RSA-2048 key.
        /// </summary>
        public static X509Certificate2 CiscoLike => LazyCisco.Value;

        /// <summary>
        /// A Cisco-like leaf (as <see cref="CiscoLike"/>) issued by "Test Issuing CA 2", issued by "Test Issuing CA 1",
        /// issued by a self-signed "Test Root CA": the server sends leaf, CA 2, CA 1.
        /// </summary>
        public static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates) CiscoChain => LazyChain.Value;

        private static readonly Lazy<(X509Certificate2, X509Certificate2Collection)> LazyChain = new(MakeChain);

        private static (X509Certificate2, X509Certificate2Collection) MakeChain()
        {
            DateTimeOffset from = DateTimeOffset.UtcNow.AddDays(-1);
            DateTimeOffset to = DateTimeOffset.UtcNow.AddDays(30);
            using RSA rootKey = RSA.Create(2048);
            using RSA ca1Key = RSA.Create(2048);
            using RSA ca2Key = RSA.Create(2048);
            using RSA leafKey = RSA.Create(2048);
            X509Certificate2 root = Ca("CN=Test Root CA, O=Tsid Tests", rootKey, null, null, from, to);
            X509Certificate2 ca1 = Ca("CN=Test Issuing CA 1, O=Tsid Tests", ca1Key, root, rootKey, from, to);
            X509Certificate2 ca2 = Ca("CN=Test Issuing CA 2, O=Tsid Tests", ca2Key, ca1, ca1Key, from, to);
            using X509Certificate2 fixture = X509CertificateLoader.LoadCertificate(Fixture.Bytes("cisco-nocn.der"));
            var request = new CertificateRequest(fixture.SubjectName, leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509Extension(fixture.Extensions["2.5.29.17"]!.Oid!, fixture.Extensions["2.5.29.17"]!.RawData, false));
            using X509Certificate2 leafPublic = request.Create(ca2.SubjectName, X509SignatureGenerator.CreateForRSA(ca2Key, RSASignaturePadding.Pkcs1), from, to, new byte[] { 1, 2, 3, 4 });
            using X509Certificate2 leafWithKey = leafPublic.CopyWithPrivateKey(leafKey);
            X509Certificate2 leaf = X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pfx), null);
            return (leaf, new X509Certificate2Collection { ca2, ca1 });
        }

        private static X509Certificate2 Ca(string subject, RSA key, X509Certificate2? issuer, RSA? issuerKey, DateTimeOffset from, DateTimeOffset to)
        {
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            if (issuer is null)
            {
                return request.CreateSelfSigned(from, to);
            }

            return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(issuerKey!, RSASignaturePadding.Pkcs1), from, to, RandomNumberGenerator.GetBytes(8));
        }

        private static X509Certificate2 SelfSigned(string subject, string? dnsName)
        {
            using RSA key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            if (dnsName is not null)
            {
                var san = new SubjectAlternativeNameBuilder();
                san.AddDnsName(dnsName);
                request.CertificateExtensions.Add(san.Build());
            }

            using X509Certificate2 cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
        }

        private static X509Certificate2 MakeCiscoLike()
        {
            using X509Certificate2 fixture = X509CertificateLoader.LoadCertificate(Fixture.Bytes("cisco-nocn.der"));
            using RSA key = RSA.Create(2048);
            var request = new CertificateRequest(fixture.SubjectName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            foreach (X509Extension extension in fixture.Extensions)
            {
                if (extension.Oid?.Value == "2.5.29.17")
                {
                    request.CertificateExtensions.Add(new X509Extension(extension.Oid, extension.RawData, extension.Critical));
                }
            }

            using X509Certificate2 cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
        }
    }
}
