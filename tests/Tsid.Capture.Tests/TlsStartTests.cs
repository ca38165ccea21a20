using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    public class TlsStartTests
    {
        private static readonly byte[] Hello = Samples.TlsRecords(30, 517);
        private static readonly byte[] Flight = Samples.TlsRecords(31, 90, 2400, 4);

        /// <summary>Writes a dialogue of (direction, bytes) steps on one connection, then the TLS hello and flight.</summary>
        private static RecordingConsumer.FlowRecord Run(int port, IEnumerable<(FlowDirection Direction, string Text)> dialogue, bool thenTls = true, int maxSegmentSize = 1460)
        {
            return Run(port, dialogue.Select(d => (d.Direction, Encoding.ASCII.GetBytes(d.Text))), thenTls, maxSegmentSize);
        }

        private static RecordingConsumer.FlowRecord Run(int port, IEnumerable<(FlowDirection Direction, byte[] Bytes)> dialogue, bool thenTls = true, int maxSegmentSize = 1460)
        {
            var server = new IPEndPoint(Samples.Server.Address, port);
            byte[] capture = Samples.Capture(w =>
            {
                PcapTcpConnection c = w.OpenTcpConnection(Samples.Client, server, maxSegmentSize);
                foreach ((FlowDirection direction, byte[] bytes) in dialogue)
                {
                    c.Send(direction, bytes);
                }

                if (thenTls)
                {
                    c.Send(FlowDirection.ClientToServer, Hello);
                    c.Send(FlowDirection.ServerToClient, Flight);
                }

                c.Close();
            });

            RecordingConsumer consumer = Samples.Inspect(capture, out CaptureInspectionResult result);
            Assert.Equal(CaptureError.None, result.Error);
            return Assert.Single(consumer.Flows);
        }

        private static (FlowDirection, string) C(string text) => (FlowDirection.ClientToServer, text);

        private static (FlowDirection, string) S(string text) => (FlowDirection.ServerToClient, text);

        private static void AssertTls(RecordingConsumer.FlowRecord flow, TlsStartProtocol protocol, long clientOffset, long serverOffset)
        {
            Assert.Equal(TlsStartState.Started, flow.Flow.TlsState);
            Assert.Equal(protocol, flow.Flow.TlsProtocol);
            Assert.Equal(clientOffset, flow.Flow.ClientTlsOffset);
            Assert.Equal(serverOffset, flow.Flow.ServerTlsOffset);
            Assert.Equal(Hello, flow.Client.ToArray());
            Assert.Equal(Flight, flow.Server.ToArray());
        }

        [Theory]
        [InlineData(443)]
        [InlineData(8443)]
        [InlineData(25)]
        public void Tls_from_the_first_byte_is_found_on_any_port(int port)
        {
            AssertTls(Run(port, Array.Empty<(FlowDirection, string)>()), TlsStartProtocol.Direct, 0, 0);
        }

        [Fact]
        public void Tls_whose_first_record_header_is_split_over_one_byte_segments_is_found()
        {
            AssertTls(Run(443, Array.Empty<(FlowDirection, string)>(), maxSegmentSize: 1), TlsStartProtocol.Direct, 0, 0);
        }

        [Fact]
        public void Ssl2_compatible_client_hello_starts_tls()
        {
            // RFC 5246 E.2: msg_length with the high bit set, msg_type 1 (CLIENT-HELLO), version 3.1.
            byte[] v2 = { 0x80, 0x2E, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10 };
            byte[] hello = v2.Concat(new byte[37]).ToArray();
            byte[] capture = Samples.Capture(w => w.WriteTcpConnection(Samples.Client, Samples.Server, hello, Flight));
            RecordingConsumer consumer = Samples.Inspect(capture, out _);
            RecordingConsumer.FlowRecord flow = Assert.Single(consumer.Flows);
            Assert.Equal(TlsStartProtocol.Direct, flow.Flow.TlsProtocol);
            Assert.Equal(hello, flow.Client.ToArray());
        }

        [Fact]
        public void Smtp_starttls_starts_tls_after_the_220_answer()
        {
            string greeting = "220 mx.example.com ESMTP <ready>\r\n";
            string ehlo = "EHLO client.example\r\n";
            string capabilities = "250-mx.example.com at your service\r\n250-SIZE 35882577\r\n250-STARTTLS\r\n250 SMTPUTF8\r\n";
            string starttls = "STARTTLS\r\n";
            string ready = "220 2.0.0 Ready to start TLS\r\n";
            RecordingConsumer.FlowRecord flow = Run(25, new[] { S(greeting), C(ehlo), S(capabilities), C(starttls), S(ready) });
            AssertTls(flow, TlsStartProtocol.Smtp, ehlo.Length + starttls.Length, greeting.Length + capabilities.Length + ready.Length);
        }

        [Fact]
        public void Smtp_starttls_refused_with_454_is_not_tls()
        {
            RecordingConsumer.FlowRecord flow = Run(
                25,
                new[] { S("220 mx ESMTP\r\n"), C("EHLO a\r\n"), S("250 mx\r\n"), C("STARTTLS\r\n"), S("454 4.7.0 TLS not available\r\n"), C("QUIT\r\n"), S("221 bye\r\n") },
                thenTls: false);
            Assert.Equal(TlsStartState.NotTls, flow.Flow.TlsState);
            Assert.False(flow.TlsStarted);
        }

        [Fact]
        public void Imap_starttls_starts_after_the_tagged_ok()
        {
            string greeting = "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n";
            string capability = "a001 CAPABILITY\r\n";
            string answer = "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\na001 OK CAPABILITY completed\r\n";
            string starttls = "a002 STARTTLS\r\n";
            string ok = "a002 OK Begin TLS negotiation now\r\n";
            RecordingConsumer.FlowRecord flow = Run(143, new[] { S(greeting), C(capability), S(answer), C(starttls), S(ok) });
            AssertTls(flow, TlsStartProtocol.Imap, capability.Length + starttls.Length, greeting.Length + answer.Length + ok.Length);
        }

        [Fact]
        public void Pop3_stls_starts_after_ok()
        {
            string greeting = "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n";
            string stls = "STLS\r\n";
            string ok = "+OK Begin TLS negotiation\r\n";
            AssertTls(Run(110, new[] { S(greeting), C(stls), S(ok) }), TlsStartProtocol.Pop3, stls.Length, greeting.Length + ok.Length);
        }

        [Fact]
        public void Xmpp_starttls_starts_after_proceed()
        {
            string open = "<?xml version='1.0'?><stream:stream to='im.example.com' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
            string features = "<?xml version='1.0'?><stream:stream from='im.example.com' id='t7AMCin9zjMNwQKDnplntZPIDEI=' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>";
            string starttls = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
            string proceed = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";
            AssertTls(Run(5222, new[] { C(open), S(features), C(starttls), S(proceed) }), TlsStartProtocol.Xmpp, open.Length + starttls.Length, features.Length + proceed.Length);
        }

        [Fact]
        public void Xmpp_long_form_elements_and_imap_refusal_are_followed()
        {
            string open = "<stream:stream to='a' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
            string starttls = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'></starttls>";
            string proceed = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'></proceed>";
            AssertTls(Run(5222, new[] { C(open), S(open), C(starttls), S(proceed) }), TlsStartProtocol.Xmpp, open.Length + starttls.Length, open.Length + proceed.Length);

            RecordingConsumer.FlowRecord refused = Run(
                143,
                new[] { S("* OK ready\r\n"), C("t1 STARTTLS\r\n"), S("t1 BAD not now\r\n"), C("t2 LOGOUT\r\n"), S("* BYE\r\nt2 OK\r\n") },
                thenTls: false);
            Assert.Equal(TlsStartState.NotTls, refused.Flow.TlsState);
        }

        [Fact]
        public void Ldap_starttls_with_long_form_lengths_and_a_later_message_id()
        {
            byte[] oid = Encoding.ASCII.GetBytes("1.3.6.1.4.1.1466.20037");

            // A bind request first (message 1), then StartTLS as message 2 with long-form (0x81) lengths.
            byte[] bind = { 0x30, 0x0C, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, 0x80, 0x00 };
            byte[] bindResponse = { 0x30, 0x0C, 0x02, 0x01, 0x01, 0x61, 0x07, 0x0A, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00 };
            byte[] body = new byte[] { 0x02, 0x01, 0x02, 0x77, 0x81, (byte)(2 + oid.Length), 0x80, (byte)oid.Length }.Concat(oid).ToArray();
            byte[] request = new byte[] { 0x30, 0x81, (byte)body.Length }.Concat(body).ToArray();
            byte[] response = { 0x30, 0x81, 0x0C, 0x02, 0x01, 0x02, 0x78, 0x07, 0x0A, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00 };
            var steps = new[]
            {
                (FlowDirection.ClientToServer, bind), (FlowDirection.ServerToClient, bindResponse),
                (FlowDirection.ClientToServer, request), (FlowDirection.ServerToClient, response),
            };
            AssertTls(Run(389, steps), TlsStartProtocol.Ldap, bind.Length + request.Length, bindResponse.Length + response.Length);
        }

        [Fact]
        public void Ldap_starttls_starts_after_the_successful_extended_response()
        {
            // RFC 4511 4.14: ExtendedRequest [APPLICATION 23] { requestName [0] "1.3.6.1.4.1.1466.20037" }, messageID 1.
            byte[] oid = Encoding.ASCII.GetBytes("1.3.6.1.4.1.1466.20037");
            byte[] request = new byte[] { 0x30, (byte)(2 + 3 + 2 + oid.Length), 0x02, 0x01, 0x01, 0x77, (byte)(2 + oid.Length), 0x80, (byte)oid.Length }.Concat(oid).ToArray();

            // ExtendedResponse [APPLICATION 24] { resultCode success(0), matchedDN "", diagnosticMessage "" }
            byte[] response = { 0x30, 0x0C, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0A, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00 };
            Assert.Equal(response.Length - 2, response[1]);
            var steps = new[] { (FlowDirection.ClientToServer, request), (FlowDirection.ServerToClient, response) };
            AssertTls(Run(389, steps), TlsStartProtocol.Ldap, request.Length, response.Length);

            // resultCode protocolError(2): no TLS.
            byte[] refused = (byte[])response.Clone();
            refused[9] = 2;
            RecordingConsumer.FlowRecord flow = Run(389, new[] { (FlowDirection.ClientToServer, request), (FlowDirection.ServerToClient, refused) }, thenTls: false);
            Assert.Equal(TlsStartState.NotTls, flow.Flow.TlsState);
        }

        [Fact]
        public void Starttls_dialogue_cut_into_one_byte_segments_still_finds_the_offsets()
        {
            string greeting = "220 mx ESMTP\r\n";
            string starttls = "StartTLS\r\n";
            string ready = "220 go ahead\r\n";
            AssertTls(Run(587, new[] { S(greeting), C(starttls), S(ready) }, maxSegmentSize: 1), TlsStartProtocol.Smtp, starttls.Length, greeting.Length + ready.Length);
        }

        [Fact]
        public void Plain_http_is_not_tls_and_delivers_nothing()
        {
            RecordingConsumer.FlowRecord flow = Run(
                80,
                new[] { C("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"), S("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi") },
                thenTls: false);
            Assert.Equal(TlsStartState.NotTls, flow.Flow.TlsState);
            Assert.Equal(0, flow.Client.Length + flow.Server.Length);
        }

        [Fact]
        public void A_cleartext_dialogue_longer_than_the_scan_limit_is_not_tls()
        {
            var options = CaptureInspectorOptions.Default with { MaxPreTlsBytes = 1000 };
            string noise = string.Concat(Enumerable.Repeat("NOOP\r\n", 300));
            var server = new IPEndPoint(Samples.Server.Address, 25);
            byte[] capture = Samples.Capture(w =>
            {
                PcapTcpConnection c = w.OpenTcpConnection(Samples.Client, server);
                c.Send(FlowDirection.ClientToServer, Encoding.ASCII.GetBytes(noise + "STARTTLS\r\n"));
                c.Send(FlowDirection.ServerToClient, Encoding.ASCII.GetBytes("220 go\r\n"));
                c.Send(FlowDirection.ClientToServer, Hello);
                c.Close();
            });

            RecordingConsumer consumer = Samples.Inspect(capture, out _, options);
            Assert.Equal(TlsStartState.NotTls, Assert.Single(consumer.Flows).Flow.TlsState);
        }
    }
}
