using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Samples.AspNetCoreFingerprints.Tests
{
    /// <summary>
    /// Kestrel hands the callback only the first record. A ClientHello split over two records (legal, RFC 8446 5.1) is
    /// reported as incomplete, with nothing guessed; a first record that is no ClientHello is reported as malformed.
    /// </summary>
    public sealed class FirstRecordTests
    {
        [Fact]
        public async Task A_hello_split_over_two_records_is_incomplete_and_blocked_by_default_with_a_policy()
        {
            await using RunningApp app = await RunningApp.StartAsync(PolicyText.Parse("default allow\n"));
            byte[] hello = await RecordClientHelloAsync("fingerprints.test");

            byte[] reply = await SendAndReadAsync(app.Port, SplitIntoTwoRecords(hello, 100));

            Assert.Empty(reply); // aborted: not one byte of ServerHello
            LogEntry line = Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
            Assert.Equal("Incomplete", line["Status"]?.ToString());
            Assert.Null(line["Sni"]);
            Assert.Null(line["Ja4"]);
            Assert.Equal("Block", line["Verdict"]?.ToString());
            Assert.Equal(5 + 100, line["RecordLength"]);
            Assert.Equal(hello.Length - 9, line["HelloLength"]); // the declared length, from the handshake header
        }

        [Fact]
        public async Task A_hello_split_over_two_records_goes_on_when_incomplete_hellos_are_allowed()
        {
            await using RunningApp app = await RunningApp.StartAsync(PolicyText.Parse("default allow\n"), incompleteHello: PolicyAction.Allow);
            byte[] hello = await RecordClientHelloAsync("fingerprints.test");

            byte[] reply = await SendAndReadAsync(app.Port, SplitIntoTwoRecords(hello, 100));

            Assert.NotEmpty(reply);
            Assert.Equal((byte)TlsContentType.Handshake, reply[0]); // the server's ServerHello record: the handshake went on
            LogEntry line = Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
            Assert.Equal("Incomplete", line["Status"]?.ToString());
            Assert.Null(line["Ja4"]);
            Assert.Equal("Allow", line["Verdict"]?.ToString());
        }

        [Fact]
        public async Task The_same_hello_in_one_record_is_parsed()
        {
            await using RunningApp app = await RunningApp.StartAsync(PolicyText.Parse("default allow\n"));
            byte[] hello = await RecordClientHelloAsync("fingerprints.test");

            byte[] reply = await SendAndReadAsync(app.Port, hello);

            Assert.NotEmpty(reply);
            Assert.Equal((byte)TlsContentType.Handshake, reply[0]);
            LogEntry line = Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
            Assert.Equal("Parsed", line["Status"]?.ToString());
            Assert.Equal("fingerprints.test", line["Sni"]);
            Assert.True(ClientHello.TryParseRecord(hello, out ClientHello parsed, out _));
            Assert.Equal(Tsid.Fingerprints.Ja4.GetString(in parsed, HandshakeProtocol.Tls), line["Ja4"]);
        }

        [Fact]
        public async Task A_first_record_that_is_no_well_formed_hello_is_malformed_and_aborted()
        {
            await using RunningApp app = await RunningApp.StartAsync();

            // A handshake record with msg_type client_hello whose 4-byte body cannot hold legacy_version and random.
            byte[] record = { 0x16, 0x03, 0x01, 0x00, 0x08, 0x01, 0x00, 0x00, 0x04, 0x03, 0x03, 0x00, 0x00 };
            byte[] reply = await SendAndReadAsync(app.Port, record);

            Assert.Empty(reply);
            LogEntry line = Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
            Assert.Equal("Malformed", line["Status"]?.ToString());
            Assert.Equal("Block", line["Verdict"]?.ToString());
            Assert.StartsWith(nameof(TlsErrorCode.Truncated), (string?)line["Error"]);
        }

        /// <summary>A ClientHello record as SslStream writes it, over a stream that then reports end of stream.</summary>
        internal static async Task<byte[]> RecordClientHelloAsync(string targetHost)
        {
            var capture = new CaptureStream();
            using var ssl = new SslStream(capture);
            using var cts = new CancellationTokenSource(RunningApp.Timeout);
            var options = new SslClientAuthenticationOptions { TargetHost = targetHost, ApplicationProtocols = new() { SslApplicationProtocol.Http11 } };
            await Assert.ThrowsAnyAsync<Exception>(() => ssl.AuthenticateAsClientAsync(options, cts.Token)); // the "server" hung up
            byte[] record = capture.ToArray();
            Assert.True(ClientHello.TryParseRecord(record, out _, out TlsError error), error.ToString());
            return record;
        }

        /// <summary>Re-frames one ClientHello record as two records, the first carrying <paramref name="firstLength"/> bytes of the handshake message.</summary>
        internal static byte[] SplitIntoTwoRecords(byte[] record, int firstLength)
        {
            ReadOnlySpan<byte> message = record.AsSpan(5, ((record[3] << 8) | record[4]));
            byte[] split = new byte[5 + firstLength + 5 + (message.Length - firstLength)];
            WriteRecord(split.AsSpan(0), message.Slice(0, firstLength));
            WriteRecord(split.AsSpan(5 + firstLength), message.Slice(firstLength));
            return split;

            static void WriteRecord(Span<byte> destination, ReadOnlySpan<byte> fragment)
            {
                destination[0] = 0x16;
                destination[1] = 0x03;
                destination[2] = 0x01;
                destination[3] = (byte)(fragment.Length >> 8);
                destination[4] = (byte)fragment.Length;
                fragment.CopyTo(destination.Slice(5));
            }
        }

        /// <summary>Sends raw bytes on a fresh loopback connection and returns what the server sends first (empty: it closed or reset).</summary>
        private static async Task<byte[]> SendAndReadAsync(int port, byte[] bytes)
        {
            using var cts = new CancellationTokenSource(RunningApp.Timeout);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cts.Token);
            await socket.SendAsync(bytes, SocketFlags.None, cts.Token);
            byte[] buffer = new byte[4096];
            try
            {
                int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                return buffer.AsSpan(0, read).ToArray();
            }
            catch (SocketException)
            {
                return Array.Empty<byte>(); // reset by the abort
            }
        }

        /// <summary>Keeps what is written; every read is end of stream.</summary>
        private sealed class CaptureStream : MemoryStream
        {
            public override int Read(byte[] buffer, int offset, int count) => 0;

            public override int Read(Span<byte> buffer) => 0;

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(0);

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(0);
        }
    }
}
