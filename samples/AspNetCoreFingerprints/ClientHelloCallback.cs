using System;
using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Tsid.Policy;

namespace Tsid.Samples.AspNetCoreFingerprints
{
    /// <summary>
    /// Kestrel's <c>HttpsConnectionAdapterOptions.TlsClientHelloBytesCallback</c>: runs once per connection, before the
    /// TLS handshake goes on, with the client's first record. It inspects the record, sets
    /// <see cref="ITlsClientHelloFeature"/> on the connection's features, writes one log line, and aborts the connection
    /// when the verdict is block (before the server sends anything: no ServerHello, no certificate, no request).
    /// </summary>
    public sealed partial class ClientHelloCallback
    {
        private readonly ClientHelloInspector _inspector;
        private readonly ILogger _logger;

        /// <summary>Creates the callback.</summary>
        /// <param name="inspector">The library part.</param>
        /// <param name="logger">Where the per-connection line goes (category <c>Tsid.Samples.AspNetCoreFingerprints.ClientHelloCallback</c>).</param>
        public ClientHelloCallback(ClientHelloInspector inspector, ILogger<ClientHelloCallback> logger)
        {
            _inspector = inspector ?? throw new ArgumentNullException(nameof(inspector));
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        }

        /// <summary>The callback (pass this method group to <c>TlsClientHelloBytesCallback</c>).</summary>
        /// <param name="connection">The connection.</param>
        /// <param name="record">The first record; valid only during the call.</param>
        public void OnClientHello(ConnectionContext connection, ReadOnlySequence<byte> record)
        {
            ArgumentNullException.ThrowIfNull(connection);
            byte[]? rented = null;
            ReadOnlySpan<byte> bytes;
            if (record.IsSingleSegment)
            {
                bytes = record.FirstSpan;
            }
            else
            {
                // A record Kestrel received in several reads: one bounded copy (a record is at most 5 + 2^14 + 2048 bytes, RFC 8446 5.2).
                int length = (int)record.Length;
                rented = ArrayPool<byte>.Shared.Rent(length);
                record.CopyTo(rented);
                bytes = rented.AsSpan(0, length);
            }

            TlsClientHelloFeature feature;
            try
            {
                Span<byte> source = stackalloc byte[16];
                Span<byte> destination = stackalloc byte[16];
                int sourceLength = Address(connection.RemoteEndPoint, source, out int sourcePort);
                int destinationLength = Address(connection.LocalEndPoint, destination, out int destinationPort);
                feature = _inspector.Inspect(bytes, source.Slice(0, sourceLength), sourcePort, destination.Slice(0, destinationLength), destinationPort);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }

            connection.Features.Set<ITlsClientHelloFeature>(feature);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                PolicyDecision? decision = feature.Decision;
                LogClientHello(
                    _logger,
                    connection.ConnectionId,
                    connection.RemoteEndPoint?.ToString(),
                    feature.Status,
                    feature.Sni,
                    string.Join(",", feature.Alpn),
                    feature.Ja4,
                    feature.Ja3,
                    feature.Verdict,
                    decision?.Stage.ToString(),
                    decision?.RuleName,
                    decision?.MatchedFingerprint,
                    feature.Error.IsError ? feature.Error.ToString() : null,
                    feature.RecordLength,
                    feature.HelloLength,
                    feature.InspectDuration.TotalMicroseconds,
                    feature.InspectAllocatedBytes);
            }

            if (feature.Verdict == PolicyAction.Block)
            {
                connection.Abort(new ConnectionAbortedException("Blocked by the ClientHello policy."));
            }
        }

        private static int Address(EndPoint? endPoint, Span<byte> destination, out int port)
        {
            if (endPoint is IPEndPoint ip && ip.Address.TryWriteBytes(destination, out int written))
            {
                port = ip.Port;
                return written;
            }

            port = 0;
            return 0;
        }

        [LoggerMessage(EventId = 1, EventName = "TlsClientHello", Level = LogLevel.Information,
            Message = "TLS {ConnectionId} from {RemoteEndPoint}: {Status} sni={Sni} alpn={Alpn} ja4={Ja4} ja3={Ja3} verdict={Verdict} stage={Stage} rule={Rule} fingerprint={MatchedFingerprint} error={Error} record={RecordLength} hello={HelloLength} inspect={InspectMicroseconds:F1}us/{InspectAllocatedBytes}B")]
        private static partial void LogClientHello(ILogger logger, string connectionId, string? remoteEndPoint, ClientHelloStatus status, string? sni, string alpn, string? ja4, string? ja3, PolicyAction verdict, string? stage, string? rule, string? matchedFingerprint, string? error, int recordLength, int helloLength, double inspectMicroseconds, long inspectAllocatedBytes);
    }
}
