using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Tsid.Tls;

namespace Tsid.Tests.Dtls
{
    /// <summary>
    /// A DTLS handshake as the UDP datagrams that crossed the wire, each with its direction, in order. Recorded live
    /// from OpenSSL (<c>s_client</c> → a relay in this process → <c>s_server</c>, all on 127.0.0.1, bounded by
    /// timeouts), or read from a committed recording in the same format: per datagram one direction byte (0 client
    /// to server, 1 server to client), a big-endian uint16 length, the bytes.
    /// </summary>
    internal static class DtlsRecording
    {
        public const string ServerName = "dtls.test.example";

        private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

        public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Dtls", name);

        public static List<(TlsDirection Direction, byte[] Data)> Load(string name) => Decode(File.ReadAllBytes(FixturePath(name)));

        public static List<(TlsDirection Direction, byte[] Data)> Decode(byte[] file)
        {
            var list = new List<(TlsDirection, byte[])>();
            int p = 0;
            while (p + 3 <= file.Length)
            {
                var direction = file[p] == 0 ? TlsDirection.ClientToServer : TlsDirection.ServerToClient;
                int length = (file[p + 1] << 8) | file[p + 2];
                list.Add((direction, file.AsSpan(p + 3, length).ToArray()));
                p += 3 + length;
            }

            return list;
        }

        public static byte[] Encode(List<(TlsDirection Direction, byte[] Data)> datagrams)
        {
            using var ms = new MemoryStream();
            foreach ((TlsDirection direction, byte[] data) in datagrams)
            {
                ms.WriteByte(direction == TlsDirection.ClientToServer ? (byte)0 : (byte)1);
                ms.WriteByte((byte)(data.Length >> 8));
                ms.WriteByte((byte)data.Length);
                ms.Write(data, 0, data.Length);
            }

            return ms.ToArray();
        }

        /// <summary>True when an <c>openssl</c> binary answers <c>version</c>.</summary>
        public static bool OpenSslAvailable()
        {
            try
            {
                using Process? p = Process.Start(new ProcessStartInfo("openssl", "version") { RedirectStandardOutput = true, UseShellExecute = false });
                return p is not null && p.WaitForExit(5000) && p.ExitCode == 0;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }

        /// <summary>Records one handshake: s_client (with SNI, small MTU) through a recording relay to s_server (with HelloVerifyRequest).</summary>
        public static List<(TlsDirection Direction, byte[] Data)> RecordOpenSsl(string protocolFlag, int mtu)
        {
            var datagrams = new List<(TlsDirection, byte[])>();
            using var toClient = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            using var toServer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            int serverPort;
            using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                serverPort = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
            }

            int relayPort = ((IPEndPoint)toClient.Client.LocalEndPoint!).Port;
            var serverEndPoint = new IPEndPoint(IPAddress.Loopback, serverPort);
            string cert = FixturePath("server.cert.pem");
            string key = FixturePath("server.key.pem");
            using Process server = Start(false, $"s_server {protocolFlag} -listen -naccept 1 -port {serverPort} -cert \"{cert}\" -key \"{key}\" -mtu {mtu}");
            try
            {
                WaitForLine(server, "ACCEPT");
                using Process client = Start(true, $"s_client {protocolFlag} -connect 127.0.0.1:{relayPort} -servername {ServerName} -mtu {mtu}");
                client.StandardInput.Close(); // EOF: the client closes after the handshake
                IPEndPoint? clientEndPoint = null;
                var deadline = DateTime.UtcNow + Bound;
                bool clientExited = false;
                DateTime quietUntil = DateTime.MaxValue;
                while (DateTime.UtcNow < deadline && DateTime.UtcNow < quietUntil)
                {
                    if (!clientExited && client.HasExited)
                    {
                        clientExited = true;
                        quietUntil = DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
                    }

                    List<Socket> readable = new() { toClient.Client, toServer.Client };
                    Socket.Select(readable, null, null, 50_000);
                    foreach (Socket socket in readable)
                    {
                        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                        byte[] buffer = new byte[65535];
                        int n = socket.ReceiveFrom(buffer, ref from);
                        byte[] data = buffer.AsSpan(0, n).ToArray();
                        if (socket == toClient.Client)
                        {
                            clientEndPoint = (IPEndPoint)from;
                            datagrams.Add((TlsDirection.ClientToServer, data));
                            toServer.Send(data, data.Length, serverEndPoint);
                        }
                        else if (clientEndPoint is not null)
                        {
                            datagrams.Add((TlsDirection.ServerToClient, data));
                            toClient.Send(data, data.Length, clientEndPoint);
                        }
                    }
                }

                Stop(client);
            }
            finally
            {
                Stop(server);
            }

            return datagrams;
        }

        private static Process Start(bool drainOutput, string arguments)
        {
            var info = new ProcessStartInfo("openssl", arguments)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process p = Process.Start(info) ?? throw new InvalidOperationException("openssl did not start");
            p.ErrorDataReceived += (_, _) => { };
            p.BeginErrorReadLine();
            if (drainOutput)
            {
                p.OutputDataReceived += (_, _) => { };
                p.BeginOutputReadLine();
            }

            return p;
        }

        private static void WaitForLine(Process p, string text)
        {
            var deadline = DateTime.UtcNow + Bound;
            while (DateTime.UtcNow < deadline)
            {
                var read = p.StandardOutput.ReadLineAsync();
                if (!read.Wait(deadline - DateTime.UtcNow) || read.Result is null)
                {
                    break;
                }

                if (read.Result.Contains(text, StringComparison.Ordinal))
                {
                    // Drain the rest so the process never blocks on a full pipe.
                    _ = p.StandardOutput.ReadToEndAsync();
                    return;
                }
            }

            throw new TimeoutException("openssl s_server did not print " + text);
        }

        private static void Stop(Process p)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill();
                }

                p.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
