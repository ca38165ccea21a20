using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Tsid.Policy;

namespace Tsid.Samples.AspNetCoreFingerprints.Tests
{
    /// <summary>The sample app on 127.0.0.1 with an ephemeral port, a fresh certificate and a capturing logger.</summary>
    internal sealed class RunningApp : IAsyncDisposable
    {
        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

        private readonly WebApplication _app;

        private RunningApp(WebApplication app, X509Certificate2 certificate, CapturingLoggerProvider logs, int port)
        {
            _app = app;
            Certificate = certificate;
            Logs = logs;
            Port = port;
        }

        public X509Certificate2 Certificate { get; }

        public CapturingLoggerProvider Logs { get; }

        public int Port { get; }

        public static async Task<RunningApp> StartAsync(AccessPolicy? policy = null, PolicyAction? incompleteHello = null)
        {
            X509Certificate2 certificate = Program.SelfSigned("fingerprints.test");
            var logs = new CapturingLoggerProvider();
            var options = new FingerprintsOptions
            {
                Certificate = certificate,
                Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
                Policy = policy,
                IncompleteHello = incompleteHello,
            };
            WebApplication app = FingerprintsApp.Create(options, logging =>
            {
                logging.ClearProviders();
                logging.SetMinimumLevel(LogLevel.Information);
                logging.AddProvider(logs);
            });
            using var cts = new CancellationTokenSource(Timeout);
            await app.StartAsync(cts.Token);
            int port = new Uri(app.Urls.Single()).Port;
            return new RunningApp(app, certificate, logs, port);
        }

        /// <summary>An HttpClient that connects every request to this app's port, whatever the URI's host (so the host is the SNI), and tees what the client writes.</summary>
        public HttpClient CreateClient(Version version, out WireRecorder recorder, bool reuseConnections = false, bool offerHttp11Alpn = false)
        {
            var wire = new WireRecorder();
            recorder = wire;
            string thumbprint = Certificate.Thumbprint;
            var handler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(10),
                // Unless asked, one connection per request: every request is a new ClientHello.
                PooledConnectionLifetime = reuseConnections ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.Zero,
                ConnectCallback = async (context, token) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), token);
                        Stream teed = wire.Wrap(new NetworkStream(socket, ownsSocket: true));
                        if (!offerHttp11Alpn)
                        {
                            return teed;
                        }

                        // SocketsHttpHandler offers no ALPN for HTTP/1.1 and overrides SslOptions.ApplicationProtocols; to offer
                        // http/1.1 the TLS is done here and the handler speaks HTTP/1.1 over it (use an http:// URI).
                        var ssl = new SslStream(teed, leaveInnerStreamOpen: false);
                        await ssl.AuthenticateAsClientAsync(
                            new SslClientAuthenticationOptions
                            {
                                TargetHost = context.DnsEndPoint.Host,
                                ApplicationProtocols = new() { SslApplicationProtocol.Http11 },
                                AllowTlsResume = false,
                                RemoteCertificateValidationCallback = (_, certificate, _, _) => IsTestCertificate(certificate, thumbprint),
                            },
                            token);
                        return ssl;
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
                SslOptions = new SslClientAuthenticationOptions
                {
                    // No session resumption: a resumed hello adds pre_shared_key, so its JA4 differs from the full
                    // handshake's (the process-wide TLS session cache would make the tests depend on their order).
                    AllowTlsResume = false,
                    // Trust exactly the test certificate.
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => IsTestCertificate(certificate, thumbprint),
                },
            };
            return new HttpClient(handler)
            {
                DefaultRequestVersion = version,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Timeout = TimeSpan.FromSeconds(20),
            };
        }

        public async Task<FingerprintResponse> GetFingerprintAsync(HttpClient client, string host, string scheme = "https")
        {
            using var cts = new CancellationTokenSource(Timeout);
            FingerprintResponse? response = await client.GetFromJsonAsync(scheme + "://" + host + ":" + Port + "/fingerprint", FingerprintJson.Default.FingerprintResponse, cts.Token);
            return response ?? throw new InvalidOperationException("empty body");
        }

        private static bool IsTestCertificate(X509Certificate? certificate, string thumbprint) =>
            certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase);

        public async ValueTask DisposeAsync()
        {
            using var cts = new CancellationTokenSource(Timeout);
            await _app.StopAsync(cts.Token);
            await _app.DisposeAsync();
            Certificate.Dispose();
        }
    }

    /// <summary>Records the bytes the client writes on each connection (the ClientHello comes first).</summary>
    internal sealed class WireRecorder
    {
        private readonly ConcurrentQueue<RecordingStream> _connections = new();

        public int ConnectionCount => _connections.Count;

        public Stream Wrap(Stream inner)
        {
            var stream = new RecordingStream(inner);
            _connections.Enqueue(stream);
            return stream;
        }

        /// <summary>What the client wrote first on connection <paramref name="index"/>.</summary>
        public byte[] ClientBytes(int index) => _connections.ElementAt(index).Written();
    }

    /// <summary>A pass-through stream that keeps a copy of the first <see cref="Cap"/> bytes written.</summary>
    internal sealed class RecordingStream : Stream
    {
        private const int Cap = 64 * 1024;
        private readonly Stream _inner;
        private readonly MemoryStream _written = new();
        private readonly object _gate = new();

        public RecordingStream(Stream inner) => _inner = inner;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] Written()
        {
            lock (_gate)
            {
                return _written.ToArray();
            }
        }

        public override void Flush() => _inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count)
        {
            Keep(buffer.AsSpan(offset, count));
            _inner.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return _inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Keep(buffer.AsSpan(offset, count));
            return _inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Keep(ReadOnlySpan<byte> data)
        {
            lock (_gate)
            {
                int room = Cap - (int)_written.Length;
                if (room > 0)
                {
                    _written.Write(data.Slice(0, Math.Min(room, data.Length)));
                }
            }
        }
    }

    /// <summary>A logger provider that keeps every entry with its structured state.</summary>
    internal sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

        /// <summary>The per-connection lines of the sample's callback.</summary>
        public IReadOnlyList<LogEntry> ClientHelloLines => Entries.Where(e => e.Category == typeof(ClientHelloCallback).FullName && e.EventName == "TlsClientHello").ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        /// <summary>Waits (bounded) until <paramref name="count"/> callback lines were written.</summary>
        public async Task<IReadOnlyList<LogEntry>> WaitForClientHelloLinesAsync(int count)
        {
            DateTime until = DateTime.UtcNow + RunningApp.Timeout;
            while (ClientHelloLines.Count < count && DateTime.UtcNow < until)
            {
                await Task.Delay(20);
            }

            return ClientHelloLines;
        }

        private sealed class Logger : ILogger
        {
            private readonly string _category;
            private readonly ConcurrentQueue<LogEntry> _entries;

            public Logger(string category, ConcurrentQueue<LogEntry> entries)
            {
                _category = category;
                _entries = entries;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = new Dictionary<string, object?>();
                if (state is IReadOnlyList<KeyValuePair<string, object?>> pairs)
                {
                    foreach (KeyValuePair<string, object?> pair in pairs)
                    {
                        values[pair.Key] = pair.Value;
                    }
                }

                _entries.Enqueue(new LogEntry(_category, eventId.Name, formatter(state, exception), values));
            }
        }
    }

    internal sealed record LogEntry(string Category, string? EventName, string Message, IReadOnlyDictionary<string, object?> State)
    {
        public object? this[string key] => State.TryGetValue(key, out object? value) ? value : null;
    }
}
