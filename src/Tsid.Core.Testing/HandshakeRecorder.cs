using System;
using System.Collections.Generic;
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
        /// <returns>The bytes each side wrote; <see cref="HandshakeRecording.Failure"/> says why when the handshake failed.</returns>
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
        /// <returns>The bytes each side wrote; <see cref="HandshakeRecording.Failure"/> says why when the handshake failed or took longer than <see cref="Timeout"/>.</returns>
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
            var writes = new List<(bool FromClient, byte[] Data)>();
            using var client = new SslStream(new TeeStream(s2c, c2s, writes, fromClient: true), false);
            using var server = new SslStream(new TeeStream(c2s, s2c, writes, fromClient: false), false);

            using var timeout = new CancellationTokenSource(Timeout);
            Task clientTask = client.AuthenticateAsClientAsync(clientOptions, timeout.Token);
            Task serverTask = server.AuthenticateAsServerAsync(serverOptions, timeout.Token);
            Exception? failure = null;
            SslProtocols negotiated = SslProtocols.None;
            string? alpn = null;
            try
            {
                Task.WaitAll(new[] { clientTask, serverTask }, timeout.Token);
                if (!clientApplicationData.IsEmpty)
                {
                    Task.WaitAll(new[] { client.WriteAsync(clientApplicationData, timeout.Token).AsTask(), ReadExactly(server, clientApplicationData.Length, timeout.Token) }, timeout.Token);
                }

                negotiated = client.SslProtocol;
                alpn = client.NegotiatedApplicationProtocol.Protocol.Length == 0 ? null : client.NegotiatedApplicationProtocol.ToString();
            }
            catch (Exception e) when (e is AggregateException || e is AuthenticationException || e is IOException || e is OperationCanceledException)
            {
                failure = e;
                c2s.Complete();
                s2c.Complete();
                try
                {
                    Task.WaitAll(new[] { clientTask, serverTask }, TimeSpan.FromSeconds(10));
                }
                catch (AggregateException)
                {
                    // The other side fails too once its peer is gone.
                }
            }

            lock (writes)
            {
                var clientBytes = new MemoryStream();
                var serverBytes = new MemoryStream();
                foreach ((bool fromClient, byte[] data) in writes)
                {
                    (fromClient ? clientBytes : serverBytes).Write(data, 0, data.Length);
                }

                return new HandshakeRecording(clientBytes.ToArray(), serverBytes.ToArray())
                {
                    Writes = writes.ToArray(),
                    NegotiatedProtocol = negotiated,
                    NegotiatedApplicationProtocol = alpn,
                    Failure = failure,
                };
            }
        }

        private static async Task ReadExactly(SslStream stream, int count, CancellationToken token)
        {
            byte[] buffer = new byte[count];
            int read = 0;
            while (read < count)
            {
                int n = await stream.ReadAsync(buffer.AsMemory(read), token).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                read += n;
            }
        }

        /// <summary>A one-way in-memory byte pipe: writes append, reads wait until there are bytes. Unbounded; a handshake is small.</summary>
        private sealed class MemoryPipe : Stream
        {
            private readonly MemoryStream _buffer = new();
            private readonly SemaphoreSlim _available = new(0);
            private int _readAt;
            private bool _completed;

            /// <summary>No more writes: a reader waiting on an empty pipe gets end of stream.</summary>
            public void Complete()
            {
                lock (_buffer)
                {
                    _completed = true;
                }

                _available.Release();
            }

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

                        if (_completed)
                        {
                            return 0;
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

        /// <summary>Reads from one pipe, writes to the other, and keeps a copy of every write in the shared, ordered list.</summary>
        private sealed class TeeStream : Stream
        {
            private readonly Stream _input;
            private readonly Stream _output;
            private readonly List<(bool FromClient, byte[] Data)> _writes;
            private readonly bool _fromClient;

            public TeeStream(Stream input, Stream output, List<(bool FromClient, byte[] Data)> writes, bool fromClient)
            {
                _input = input;
                _output = output;
                _writes = writes;
                _fromClient = fromClient;
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
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            private void Keep(ReadOnlySpan<byte> data)
            {
                byte[] copy = data.ToArray();
                lock (_writes)
                {
                    _writes.Add((_fromClient, copy));
                }
            }
        }
    }
}
