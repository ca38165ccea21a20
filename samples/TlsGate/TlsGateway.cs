using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Samples.TlsGate
{
    /// <summary>
    /// The gateway's connection middleware (<c>ListenOptions.Use(next =&gt; gateway.OnConnectionAsync)</c>): reads the
    /// ClientHello from Kestrel's <see cref="PipeReader"/> without terminating TLS, connects to the upstream, relays both
    /// directions, holds the server's flight until the verdict, and closes a blocked connection before any application data.
    /// <para>
    /// Decision points (docs/integration.md, "TlsGate"): with an SNI the verdict is first made from the ClientHello, before
    /// the upstream is connected, and a block ends the connection there; otherwise, and to confirm an early allow, the
    /// server's bytes are held back (nothing reaches the client) until the observer sees the Certificate (TLS 1.2: the
    /// certificate is the last plaintext fact) or a TLS 1.3 ServerHello (after it everything is encrypted: SNI, ECH and
    /// ALPN are all there is). Until then the client cannot send application data: it has not seen the server's flight.
    /// </para>
    /// <para>
    /// The seam of docs/identity.md runs on live bytes: observer → <see cref="ServerIdentityEvidence.FromHandshake"/> (with the
    /// upstream's address and DNS name as hints) → resolve → <see cref="ConnectionFacts"/> → evaluate, allocation-free.
    /// </para>
    /// </summary>
    public sealed class TlsGateway : IDisposable
    {
        /// <summary>A fatal access_denied alert (RFC 8446 6.2 / RFC 5246 7.2.2: "access control was applied"), sent to a blocked client.</summary>
        private static readonly byte[] AccessDeniedAlert = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x31 };

        private readonly TlsGateOptions _options;
        private readonly ServerIdentityResolver _resolver;
        private readonly AccessPolicy _policy;
        private readonly IGateLogSink _log;
        private readonly GateLogWriter _writer;
        private readonly string[] _dnsHints;
        private readonly IPAddress? _upstreamAddress;
        private readonly ConcurrentQueue<GateConnection> _pool = new();
        private int _active;
        private int _pooled;

        /// <summary>Creates the gateway.</summary>
        /// <param name="options">The validated options.</param>
        /// <param name="resolver">The identity preset (or any resolver).</param>
        /// <param name="policy">The policy.</param>
        /// <param name="log">Where the per-connection lines go.</param>
        public TlsGateway(TlsGateOptions options, ServerIdentityResolver resolver, AccessPolicy policy, IGateLogSink log)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _policy = policy ?? throw new ArgumentNullException(nameof(policy));
            _log = log ?? throw new ArgumentNullException(nameof(log));
            IPAddress.TryParse(options.UpstreamHost, out _upstreamAddress);
            string? dnsName = string.IsNullOrWhiteSpace(options.UpstreamDnsName)
                ? (_upstreamAddress is null ? options.UpstreamHost : null)
                : options.UpstreamDnsName;
            _dnsHints = dnsName is null ? Array.Empty<string>() : new[] { dnsName };
            _writer = new GateLogWriter(resolver.Name, _dnsHints); // the canonical preset name (hint-aware, ...)
        }

        /// <summary>Connections being handled now.</summary>
        public int ActiveConnections => Volatile.Read(ref _active);

        /// <summary>Handles one accepted connection; does not call the next middleware (the gateway is the terminal handler).</summary>
        /// <param name="context">Kestrel's connection.</param>
        /// <returns>Completes when the connection is done.</returns>
        public async Task OnConnectionAsync(ConnectionContext context)
        {
            GateConnection connection = Rent();
            connection.StartedUtc = DateTime.UtcNow;
            connection.StartedTimestamp = Stopwatch.GetTimestamp();
            if (context.RemoteEndPoint is IPEndPoint client)
            {
                connection.Client = client;
                connection.SourcePort = client.Port;
                connection.SourceAddressLength = client.Address.TryWriteBytes(connection.SourceAddress, out int written) ? written : 0;
            }

            if (_upstreamAddress is not null)
            {
                SetUpstream(connection, new IPEndPoint(_upstreamAddress, _options.UpstreamPort));
            }

            try
            {
                if (Interlocked.Increment(ref _active) > _options.MaxConcurrentConnections)
                {
                    connection.Outcome = GateOutcome.OverCapacity;
                    return;
                }

                await RunAsync(context, connection).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _active);
                _writer.Write(connection, _log);
                Return(connection);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            while (_pool.TryDequeue(out GateConnection? connection))
            {
                connection.Dispose();
            }
        }

        private async Task RunAsync(ConnectionContext context, GateConnection connection)
        {
            PipeReader input = context.Transport.Input;
            PipeWriter output = context.Transport.Output;
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed);
            handshake.CancelAfter(_options.HandshakeTimeout);
            Socket? upstream = null;
            bool relaying = false;
            Task clientPump = Task.CompletedTask;
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed);
            try
            {
                // 1. The ClientHello, kept in the pipe (examined, not consumed) so that it can be sent on unchanged.
                ReadOnlySequence<byte> hello = await ReadClientHelloAsync(input, connection, handshake.Token).ConfigureAwait(false);
                if (connection.Outcome != GateOutcome.Relayed)
                {
                    return;
                }

                // 2. With an SNI, decide before connecting upstream (TLS 1.3: this is all there will be).
                if (_options.DecideOnClientHello && HasServerName(connection.Observer)
                    && Decide(connection, DecisionPoint.ClientHello) == PolicyAction.Block)
                {
                    connection.Outcome = GateOutcome.Blocked;
                    input.AdvanceTo(hello.End);
                    await output.WriteAsync(AccessDeniedAlert, handshake.Token).ConfigureAwait(false);
                    return;
                }

                // 3. Connect, send the hello bytes as they came.
                upstream = await ConnectAsync(connection, handshake.Token).ConfigureAwait(false);
                if (upstream is null)
                {
                    input.AdvanceTo(hello.End);
                    return;
                }

                foreach (ReadOnlyMemory<byte> segment in hello)
                {
                    await upstream.SendAsync(segment, SocketFlags.None, handshake.Token).ConfigureAwait(false);
                }

                connection.ClientBytes = hello.Length;
                input.AdvanceTo(hello.End);
                clientPump = PumpClientAsync(input, upstream, connection, lifetime.Token);

                // 4. The server's flight, held back until the verdict.
                if (!await ReadServerFlightAsync(upstream, output, connection, handshake.Token).ConfigureAwait(false))
                {
                    return;
                }

                // 5. Allowed: relay until either side is done.
                relaying = true;
                await PumpServerAsync(upstream, output, connection, lifetime.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!relaying && handshake.IsCancellationRequested)
            {
                connection.Outcome = context.ConnectionClosed.IsCancellationRequested ? GateOutcome.ClientClosed : GateOutcome.HandshakeTimeout;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or System.IO.IOException or ConnectionResetException)
            {
                // A side went away mid-relay: the outcome stays what it was.
            }
            finally
            {
                lifetime.Cancel();
                input.CancelPendingRead();
                upstream?.Dispose();
                try
                {
                    await clientPump.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or System.IO.IOException or ObjectDisposedException or ConnectionResetException)
                {
                    // The pump ends when either side closed.
                }
            }
        }

        /// <summary>Feeds the client's bytes to the observer until a ClientHello is complete; returns them all, unconsumed.</summary>
        private async ValueTask<ReadOnlySequence<byte>> ReadClientHelloAsync(PipeReader input, GateConnection connection, CancellationToken token)
        {
            TlsConnectionObserver observer = connection.Observer;
            long fed = 0;
            while (true)
            {
                ReadResult read = await input.ReadAsync(token).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = read.Buffer;
                long available = Math.Min(buffer.Length, _options.MaxClientHelloBytes);
                foreach (ReadOnlyMemory<byte> segment in buffer.Slice(fed, available - fed))
                {
                    if (observer.Feed(TlsDirection.ClientToServer, segment.Span) == OperationStatus.InvalidData || observer.ClientHelloSeen)
                    {
                        break;
                    }
                }

                fed = available;
                connection.ClientHelloBytes = (int)buffer.Length;
                if (observer.ClientHelloSeen && !observer.ClientError.IsError)
                {
                    return buffer;
                }

                GateOutcome outcome = observer.ClientError.IsError ? GateOutcome.NotTls
                    : buffer.Length >= _options.MaxClientHelloBytes ? GateOutcome.ClientHelloTooLarge
                    : read.IsCompleted ? GateOutcome.ClientClosed
                    : GateOutcome.Relayed;
                if (outcome != GateOutcome.Relayed)
                {
                    connection.Outcome = outcome;
                    input.AdvanceTo(buffer.End);
                    return default;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }

        private async ValueTask<Socket?> ConnectAsync(GateConnection connection, CancellationToken handshake)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(handshake);
            connect.CancelAfter(_options.ConnectTimeout);
            try
            {
                if (_upstreamAddress is not null)
                {
                    await socket.ConnectAsync(connection.Upstream!, connect.Token).ConfigureAwait(false);
                }
                else
                {
                    await socket.ConnectAsync(_options.UpstreamHost, _options.UpstreamPort, connect.Token).ConfigureAwait(false);
                    if (socket.RemoteEndPoint is IPEndPoint remote)
                    {
                        SetUpstream(connection, remote);
                    }
                }

                return socket;
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !handshake.IsCancellationRequested))
            {
                socket.Dispose();
                connection.Outcome = GateOutcome.UpstreamUnreachable;
                return null;
            }
        }

        /// <summary>
        /// Reads the server's bytes into a held buffer (bounded) and the observer until a decision point, then decides:
        /// true = allowed, the held bytes were written to the client; false = the connection ends (outcome set).
        /// </summary>
        private async ValueTask<bool> ReadServerFlightAsync(Socket upstream, PipeWriter output, GateConnection connection, CancellationToken token)
        {
            TlsConnectionObserver observer = connection.Observer;
            byte[] held = ArrayPool<byte>.Shared.Rent(_options.MaxServerFlightBytes);
            int length = 0;
            bool forwarded = false;
            try
            {
                while (true)
                {
                    if (length == _options.MaxServerFlightBytes)
                    {
                        connection.Outcome = GateOutcome.ServerFlightTooLarge;
                        return false;
                    }

                    int n = await upstream.ReceiveAsync(held.AsMemory(length, _options.MaxServerFlightBytes - length), SocketFlags.None, token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        connection.Outcome = GateOutcome.UpstreamClosed;
                        return false;
                    }

                    OperationStatus status = observer.Feed(TlsDirection.ServerToClient, held.AsSpan(length, n));
                    length += n;
                    connection.ServerBytes += n;
                    if (status == OperationStatus.InvalidData)
                    {
                        connection.Outcome = GateOutcome.ServerInvalid;
                        return false;
                    }

                    DecisionPoint point = observer.ServerCertificateVisibility switch
                    {
                        TlsCertificateVisibility.Visible => DecisionPoint.ServerCertificate,
                        TlsCertificateVisibility.EncryptedTls13 or TlsCertificateVisibility.NotSent => DecisionPoint.ServerHello,
                        _ => status == OperationStatus.Done ? DecisionPoint.ServerHello : DecisionPoint.None,
                    };

                    if (point == DecisionPoint.None)
                    {
                        // A HelloRetryRequest (RFC 8446 4.1.4) waits for the client's second ClientHello: it names nothing and
                        // carries no data, so it goes on now, or the handshake would stall.
                        if (observer.HelloRetryRequestSeen && !observer.ServerHelloSeen)
                        {
                            await output.WriteAsync(held.AsMemory(0, length), token).ConfigureAwait(false);
                            length = 0;
                            forwarded = true;
                        }

                        continue;
                    }

                    if (Decide(connection, point) == PolicyAction.Block)
                    {
                        connection.Outcome = GateOutcome.Blocked;

                        // Nothing of the server reached the client yet, so an alert lands on a record boundary.
                        if (!forwarded)
                        {
                            await output.WriteAsync(AccessDeniedAlert, token).ConfigureAwait(false);
                        }

                        return false;
                    }

                    await output.WriteAsync(held.AsMemory(0, length), token).ConfigureAwait(false);
                    return true;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(held);
            }
        }

        /// <summary>Client → upstream, after the hello: pipe segments straight to the socket; the client's end half-closes the upstream.</summary>
        private static async Task PumpClientAsync(PipeReader input, Socket upstream, GateConnection connection, CancellationToken token)
        {
            while (true)
            {
                ReadResult read = await input.ReadAsync(token).ConfigureAwait(false);
                if (read.IsCanceled)
                {
                    return;
                }

                ReadOnlySequence<byte> buffer = read.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    await upstream.SendAsync(segment, SocketFlags.None, token).ConfigureAwait(false);
                }

                Interlocked.Add(ref connection.ClientBytes, buffer.Length);
                input.AdvanceTo(buffer.End);
                if (read.IsCompleted)
                {
                    upstream.Shutdown(SocketShutdown.Send);
                    return;
                }
            }
        }

        /// <summary>Upstream → client after the verdict: socket reads straight into Kestrel's pipe memory, flushed per read (backpressure bounds it).</summary>
        private static async Task PumpServerAsync(Socket upstream, PipeWriter output, GateConnection connection, CancellationToken token)
        {
            while (true)
            {
                Memory<byte> memory = output.GetMemory();
                int n = await upstream.ReceiveAsync(memory, SocketFlags.None, token).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                output.Advance(n);
                connection.ServerBytes += n;
                FlushResult flush = await output.FlushAsync(token).ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    return;
                }
            }
        }

        private static bool HasServerName(TlsConnectionObserver observer) =>
            observer.TryGetClientHello(out ClientHello hello) && hello.TryGetServerName(out _);

        /// <summary>The seam on live bytes: evidence → identity → facts → decision; allocates nothing (the log copies what it needs).</summary>
        private PolicyAction Decide(GateConnection connection, DecisionPoint point)
        {
            TlsConnectionObserver observer = connection.Observer;
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with
            {
                DestinationAddress = connection.DestinationAddress.AsSpan(0, connection.DestinationAddressLength),
                DestinationPort = (ushort)_options.UpstreamPort,
                DnsNames = _dnsHints,
            };
            ServerIdentity identity = _resolver.Resolve(in evidence, connection.ResolveBuffer);
            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with
            {
                SourceAddress = connection.SourceAddress.AsSpan(0, connection.SourceAddressLength),
                SourcePort = connection.SourcePort,
            };
            PolicyDecision decision = _policy.Evaluate(in facts);
            connection.Record(in identity, in decision, in facts, point);
            return decision.Action == PolicyAction.Block ? PolicyAction.Block : PolicyAction.Allow;
        }

        private static void SetUpstream(GateConnection connection, IPEndPoint upstream)
        {
            connection.Upstream = upstream;
            connection.DestinationAddressLength = upstream.Address.TryWriteBytes(connection.DestinationAddress, out int written) ? written : 0;
        }

        private GateConnection Rent()
        {
            if (_pool.TryDequeue(out GateConnection? connection))
            {
                Interlocked.Decrement(ref _pooled);
                return connection;
            }

            return new GateConnection();
        }

        private void Return(GateConnection connection)
        {
            connection.Reset();
            if (Interlocked.Increment(ref _pooled) <= _options.MaxConcurrentConnections)
            {
                _pool.Enqueue(connection);
            }
            else
            {
                Interlocked.Decrement(ref _pooled);
                connection.Dispose();
            }
        }
    }
}
