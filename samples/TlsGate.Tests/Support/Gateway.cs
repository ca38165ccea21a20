using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tsid.Samples.TlsGate.Tests.Support
{
    /// <summary>The sample gateway, started in-process on 127.0.0.1 (ephemeral port) with the sample's own gate.policy.</summary>
    internal sealed class Gateway : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Gateway(WebApplication app, CollectingLogSink log, int port)
        {
            _app = app;
            Log = log;
            Port = port;
        }

        public CollectingLogSink Log { get; }

        public int Port { get; }

        /// <summary>The running gateway (its counters).</summary>
        public TlsGateway Instance { get; private init; } = null!;

        public static async Task<Gateway> StartAsync(int upstreamPort, Action<TlsGateOptions>? configure = null, IGateLogSink? sink = null)
        {
            var log = new CollectingLogSink();
            WebApplication app = TlsGateHost.Build(
                Array.Empty<string>(),
                options =>
                {
                    options.ListenAddress = "127.0.0.1";
                    options.ListenPort = 0;
                    options.UpstreamHost = "127.0.0.1";
                    options.UpstreamPort = upstreamPort;
                    options.PolicyFile = Path.Combine(AppContext.BaseDirectory, "gate.policy");
                    configure?.Invoke(options);
                },
                sink ?? log,
                builder => builder.Logging.ClearProviders());
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new Gateway(app, log, new Uri(address).Port) { Instance = app.Services.GetRequiredService<TlsGateway>() };
        }

        /// <summary>A real TLS client through the gateway: handshake, one echo round trip. Throws what SslStream throws on a block.</summary>
        public async Task<string> RoundTripAsync(string targetHost, SslProtocols protocols, Func<Stream, Stream>? wrap = null, string message = "ping")
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            Stream stream = client.GetStream();
            if (wrap is not null)
            {
                stream = wrap(stream);
            }

            await using var tls = new SslStream(stream);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                // An empty name sends no server_name extension (the seed case).
                TargetHost = targetHost,
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            }, timeout.Token);
            byte[] sent = System.Text.Encoding.ASCII.GetBytes(message);
            await tls.WriteAsync(sent, timeout.Token);
            byte[] received = new byte[sent.Length];
            await tls.ReadExactlyAsync(received, timeout.Token);
            return System.Text.Encoding.ASCII.GetString(received);
        }

        /// <summary>Raw bytes to the gateway; returns everything it sends back until it closes (Closed) or <paramref name="wait"/> passes.</summary>
        public async Task<(byte[] Received, bool Closed)> RawAsync(byte[] request, TimeSpan wait, Func<Socket, Task>? send = null, int enough = int.MaxValue)
        {
            using var timeout = new CancellationTokenSource(wait);
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            if (send is null)
            {
                await socket.SendAsync(request, SocketFlags.None, timeout.Token);
            }
            else
            {
                await send(socket);
            }

            var received = new MemoryStream();
            byte[] buffer = new byte[8192];
            bool closed = false;
            try
            {
                while (received.Length < Math.Min(enough, 1 << 20))
                {
                    int n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                    if (n == 0)
                    {
                        closed = true;
                        break;
                    }

                    received.Write(buffer, 0, n);
                }
            }
            catch (SocketException)
            {
                // A reset ends it as well.
                closed = true;
            }
            catch (OperationCanceledException)
            {
                // Still open when the wait was over.
            }

            return (received.ToArray(), closed);
        }

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }
}
