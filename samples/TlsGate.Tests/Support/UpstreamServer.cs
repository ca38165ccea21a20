using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace Tsid.Samples.TlsGate.Tests.Support
{
    /// <summary>
    /// A real TLS server on 127.0.0.1 (ephemeral port): <see cref="SslStream"/> with the Cisco-like certificate, echoing
    /// whatever application data it receives. Counts the TCP connections it accepted and the handshakes it finished.
    /// </summary>
    internal sealed class UpstreamServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly SslProtocols _protocols;
        private readonly Task _accepting;
        private int _accepted;
        private int _handshakes;

        public UpstreamServer(SslProtocols protocols)
        {
            _protocols = protocols;
            _listener.Start(512);
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref _accepted);

        public int Handshakes => Volatile.Read(ref _handshakes);

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _accepted);
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            using (var tls = new SslStream(client.GetStream()))
            {
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    timeout.CancelAfter(TimeSpan.FromSeconds(20));
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = TestCertificates.CiscoLike,
                        EnabledSslProtocols = _protocols,
                        ClientCertificateRequired = false,
                    }, timeout.Token);
                    Interlocked.Increment(ref _handshakes);
                    byte[] buffer = new byte[4096];
                    while (true)
                    {
                        int n = await tls.ReadAsync(buffer, timeout.Token);
                        if (n == 0)
                        {
                            return;
                        }

                        await tls.WriteAsync(buffer.AsMemory(0, n), timeout.Token);
                    }
                }
                catch (Exception e) when (e is AuthenticationException or System.IO.IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // The gateway closed it (a block), or the test ended.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
