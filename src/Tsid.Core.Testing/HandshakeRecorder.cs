using System;
using System.IO;
using System.Net.Security;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace Tsid.Testing
{
    /// <summary>
    /// Runs a real TLS handshake between an <see cref="SslStream"/> client and server (the platform's TLS, OpenSSL on
    /// Linux) over two in-memory pipes, no sockets, and keeps every byte each side wrote: real ClientHellos, server flights
    /// and certificates to feed <c>TlsConnectionObserver</c> or write into a capture.
    /// </summary>
    public static class HandshakeRecorder
    {
        /// <summary>How long a recording may take before it is cancelled.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        /// <summary>Records a handshake to a server presenting <paramref name="serverCertificate"/>; the client accepts any certificate.</summary>
        /// <param name="serverCertificate">The server's certificate context (a leaf with its private key, and its chain).</param>
        /// <param name="targetHost">The client's TargetHost: the SNI it sends; an empty string sends no server_name.</param>
        /// <param name="protocols">The protocol versions both sides enable.</param>
        /// <param name="clientApplicationData">Bytes the client sends after the handshake (encrypted: the recording shows only records), or empty for none.</param>
        /// <returns>The bytes each side wrote.</returns>
        public static HandshakeRecording Record(SslStreamCertificateContext serverCertificate, string targetHost, SslProtocols protocols, ReadOnlyMemory<byte> clientApplicationData = default)
        {
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
            return Record(clientOptions, serverOptions, clientApplicationData);
        }

        /// <summary>Records a handshake with the options given (ALPN, client certificates, cipher policy…).</summary>
        /// <param name="clientOptions">The client's options.</param>
        /// <param name="serverOptions">The server's options.</param>
        /// <param name="clientApplicationData">Bytes the client sends after the handshake, or empty for none.</param>
        /// <returns>The bytes each side wrote.</returns>
        /// <exception cref="AggregateException">The handshake failed or took longer than <see cref="Timeout"/>.</exception>
        public static HandshakeRecording Record(SslClientAuthenticationOptions clientOptions, SslServerAuthenticationOptions serverOptions, ReadOnlyMemory<byte> clientApplicationData = default)
        {
            if (clientOptions is null)
            {
                throw new ArgumentNullException(nameof(clientOptions));
            }

            if (serverOptions is null)
            {
                throw new ArgumentNullException(nameof(serverOptions));
            }

            // Two one-way in-memory pipes (System.IO.Pipelines is not in net8.0's shared framework; BCL only).
            var c2s = new MemoryPipe();
            var s2c = new MemoryPipe();
            var clientBytes = new MemoryStream();
            var serverBytes = new MemoryStream();
            using var client = new SslStream(new TeeStream(s2c, c2s, clientBytes), false);
            using var server = new SslStream(new TeeStream(c2s, s2c, serverBytes), false);

            using var timeout = new CancellationTokenSource(Timeout);
            Task.WaitAll(
                client.AuthenticateAsClientAsync(clientOptions, timeout.Token),
                server.AuthenticateAsServerAsync(serverOptions, timeout.Token));

            if (!clientApplicationData.IsEmpty)
            {
                client.Write(clientApplicationData.Span);
                client.Flush();
                byte[] received = new byte[clientApplicationData.Length];
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
            }

            lock (clientBytes)
            {
                lock (serverBytes)
                {
                    return new HandshakeRecording(clientBytes.ToArray(), serverBytes.ToArray());
                }
            }
        }

        /// <summary>A one-way in-memory byte pipe: writes append, reads wait until there are bytes. Unbounded; a handshake is small.</summary>
        private sealed class MemoryPipe : Stream
        {
            private readonly MemoryStream _buffer = new();
            private readonly SemaphoreSlim _available = new(0);
            private int _readAt;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                while (true)
                {
                    lock (_buffer)
                    {
                        int pending = (int)_buffer.Length - _readAt;
                        if (pending > 0)
                        {
                            int n = Math.Min(pending, buffer.Length);
                            _buffer.GetBuffer().AsSpan(_readAt, n).CopyTo(buffer.Span);
                            _readAt += n;
                            return n;
                        }
                    }

                    await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                lock (_buffer)
                {
                    _buffer.Write(buffer, offset, count);
                }

                _available.Release();
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                Write(buffer, offset, count);
                return Task.CompletedTask;
            }

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
            {
                byte[] copy = buffer.ToArray();
                Write(copy, 0, copy.Length);
                return default;
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _available.Dispose();
                }

                base.Dispose(disposing);
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
