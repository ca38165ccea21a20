using System;
using System.IO;
using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace Tsid.Cli.Demo
{
    /// <summary>
    /// Runs a real TLS handshake between an SslStream client and server (OpenSSL underneath) over two in-memory pipes —
    /// no sockets — and keeps every byte each side wrote. The bytes are what a firewall would see on the wire.
    /// </summary>
    internal static class HandshakeRecorder
    {
        public static (byte[] ClientToServer, byte[] ServerToClient) Record(SslStreamCertificateContext serverCertificate, string targetHost, SslProtocols protocols)
        {
            var c2s = new Pipe();
            var s2c = new Pipe();
            var clientBytes = new MemoryStream();
            var serverBytes = new MemoryStream();
            using var client = new SslStream(new TeeStream(s2c.Reader.AsStream(), c2s.Writer.AsStream(), clientBytes), false);
            using var server = new SslStream(new TeeStream(c2s.Reader.AsStream(), s2c.Writer.AsStream(), serverBytes), false);

            var clientOptions = new SslClientAuthenticationOptions
            {
                // An empty TargetHost sends no server_name: the case where firewalls fall back to the certificate.
                TargetHost = targetHost,
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            };
            var serverOptions = new SslServerAuthenticationOptions
            {
                ServerCertificateContext = serverCertificate,
                EnabledSslProtocols = protocols,
            };

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Task.WaitAll(
                client.AuthenticateAsClientAsync(clientOptions, timeout.Token),
                server.AuthenticateAsServerAsync(serverOptions, timeout.Token));

            // A little application data, as a real licensing client would send (encrypted: the firewall sees only records).
            byte[] request = System.Text.Encoding.ASCII.GetBytes("POST /its/service/oddce/services/DDCEService HTTP/1.1\r\nHost: tools.cisco.com\r\n\r\n");
            client.Write(request);
            client.Flush();
            byte[] received = new byte[request.Length];
            int total = 0;
            while (total < received.Length)
            {
                int n = server.Read(received, total, received.Length - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            lock (clientBytes)
            {
                lock (serverBytes)
                {
                    return (clientBytes.ToArray(), serverBytes.ToArray());
                }
            }
        }

        /// <summary>Reads from one pipe, writes to the other, and keeps a copy of everything written.</summary>
        private sealed class TeeStream : Stream
        {
            private readonly Stream _input;
            private readonly Stream _output;
            private readonly MemoryStream _copy;

            public TeeStream(Stream input, Stream output, MemoryStream copy)
            {
                _input = input;
                _output = output;
                _copy = copy;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush() => _output.Flush();

            public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

            public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _input.ReadAsync(buffer, cancellationToken);

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _input.ReadAsync(buffer, offset, count, cancellationToken);

            public override void Write(byte[] buffer, int offset, int count)
            {
                Keep(buffer.AsSpan(offset, count));
                _output.Write(buffer, offset, count);
            }

            public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Keep(buffer.Span);
                await _output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
                await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            private void Keep(ReadOnlySpan<byte> data)
            {
                lock (_copy)
                {
                    _copy.Write(data);
                }
            }
        }
    }
}
