using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Tsid.Tests.Support;

namespace Tsid.Tests.Tls
{
    /// <summary>
    /// Records a real TLS handshake: an SslStream client and an SslStream server (OpenSSL underneath) talk over an
    /// in-memory duplex stream (two pipes, no sockets); every byte each side writes is captured, with the write
    /// boundaries the TLS stack chose.
    /// </summary>
    internal sealed class RecordedHandshake
    {
        public List<byte[]> ClientWrites { get; } = new();

        public List<byte[]> ServerWrites { get; } = new();

        /// <summary>Every write of both sides in the order they happened (true = from the client).</summary>
        public List<(bool FromClient, byte[] Data)> Writes { get; } = new();

        public byte[] ClientToServer => Join(ClientWrites);

        public byte[] ServerToClient => Join(ServerWrites);

        public SslProtocols NegotiatedProtocol { get; private set; }

        public string? NegotiatedAlpn { get; private set; }

        public Exception? Failure { get; private set; }

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
            var recording = new RecordedHandshake();
            var c2s = new Pipe();
            var s2c = new Pipe();
            using var clientStream = new CapturingStream(s2c.Reader.AsStream(), c2s.Writer.AsStream(), recording.ClientWrites, recording.Writes, true);
            using var serverStream = new CapturingStream(c2s.Reader.AsStream(), s2c.Writer.AsStream(), recording.ServerWrites, recording.Writes, false);
            using var client = new SslStream(clientStream, false);
            using var server = new SslStream(serverStream, false);
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

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Task clientTask = client.AuthenticateAsClientAsync(clientOptions, cts.Token);
            Task serverTask = server.AuthenticateAsServerAsync(serverOptions, cts.Token);
            try
            {
                Task.WaitAll(new[] { clientTask, serverTask }, cts.Token);

                // One application-data exchange so that the flights after the handshake are in the capture too.
                Task.WaitAll(new[] { client.WriteAsync(new byte[] { 1, 2, 3 }, cts.Token).AsTask(), ReadSome(server, cts.Token) }, cts.Token);
                recording.NegotiatedProtocol = client.SslProtocol;
                recording.NegotiatedAlpn = client.NegotiatedApplicationProtocol.Protocol.Length == 0 ? null : client.NegotiatedApplicationProtocol.ToString();
            }
            catch (Exception e) when (e is AggregateException || e is AuthenticationException || e is IOException || e is OperationCanceledException)
            {
                recording.Failure = e;
                c2s.Writer.Complete();
                s2c.Writer.Complete();
                try
                {
                    Task.WaitAll(new[] { clientTask, serverTask }, TimeSpan.FromSeconds(10));
                }
                catch (AggregateException)
                {
                    // The other side fails too once its peer is gone.
                }
            }

            return recording;
        }

        private static async Task ReadSome(SslStream stream, CancellationToken token)
        {
            byte[] buffer = new byte[16];
            int read = 0;
            while (read < 3)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(read), token).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                read += n;
            }
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
            lock (parts)
            {
                var all = new MemoryStream();
                foreach (byte[] p in parts)
                {
                    all.Write(p);
                }

                return all.ToArray();
            }
        }

        /// <summary>Reads from one pipe, writes to the other, and keeps a copy of every write.</summary>
        private sealed class CapturingStream : Stream
        {
            private readonly Stream _in;
            private readonly Stream _out;
            private readonly List<byte[]> _writes;
            private readonly List<(bool, byte[])> _all;
            private readonly bool _fromClient;

            public CapturingStream(Stream input, Stream output, List<byte[]> writes, List<(bool, byte[])> all, bool fromClient)
            {
                _in = input;
                _out = output;
                _writes = writes;
                _all = all;
                _fromClient = fromClient;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush() => _out.Flush();

            public override Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);

            public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _in.ReadAsync(buffer, cancellationToken);

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _in.ReadAsync(buffer, offset, count, cancellationToken);

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count)
            {
                Record(buffer.AsSpan(offset, count));
                _out.Write(buffer, offset, count);
                _out.Flush();
            }

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Record(buffer.Span);
                await _out.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
                await _out.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            private void Record(ReadOnlySpan<byte> data)
            {
                byte[] copy = data.ToArray();
                lock (_all)
                {
                    lock (_writes)
                    {
                        _writes.Add(copy);
                    }

                    _all.Add((_fromClient, copy));
                }
            }
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
