using System;
using System.Buffers;
using System.Collections.Generic;
using Tsid.Dtls;
using Tsid.Tls;
using Xunit;
using M = Tsid.Tests.Dtls.DtlsTestWriter.Message;
using W = Tsid.Tests.Dtls.DtlsTestWriter;

namespace Tsid.Tests.Dtls
{
    public class DtlsConnectionObserverTests
    {
        private static byte[] ExpectedLeaf()
        {
            using var tls = new TlsConnectionObserver();
            Assert.True(CertificateMessage.TryParse(DtlsFlights.CertificateBody, out CertificateMessage chain, out _));
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> der));
            return der.ToArray();
        }

        [Fact]
        public void Unfragmented_handshake_with_HelloVerifyRequest_gives_the_cookie_hello_its_SNI_and_the_chain()
        {
            using DtlsConnectionObserver o = DtlsFlights.FeedUnfragmented();
            Assert.False(o.HasError, o.Error.ToString());
            Assert.True(o.HelloVerifyRequestSeen);
            Assert.Equal(DtlsFlights.Cookie.Length, o.HelloVerifyRequestCookieLength);
            Assert.Equal(2, o.Handshake.ClientHelloCount);
            Assert.True(o.Handshake.TryGetClientHello(out ClientHello hello));
            Assert.True(hello.IsDtls);
            Assert.Equal(DtlsFlights.Cookie, hello.Cookie.ToArray());
            Assert.Equal(TlsProtocolVersion.Dtls12, hello.LegacyVersion);
            Assert.Equal("tls-test.example", o.GetServerNameString());
            Assert.Equal(TlsProtocolVersion.Tls12, o.Version); // the recorded ServerHello says 0x0303; a real DTLS one says 0xfefd
            Assert.Equal(TlsProtocolVersion.Dtls12, o.RecordVersion);
            Assert.Equal(TlsCertificateVisibility.Visible, o.ServerCertificateVisibility);
            Assert.True(o.Handshake.TryGetServerCertificates(out CertificateMessage chain));
            Assert.Equal(3, chain.Count);
            Assert.Equal(ExpectedLeaf(), DtlsFlights.Leaf(o));
            Assert.Equal(0, o.PendingFragmentCount);
        }

        [Fact]
        public void Without_HelloVerifyRequest_the_first_hello_is_kept_and_has_no_cookie()
        {
            using var o = new DtlsConnectionObserver();
            DtlsFlights.Feed(o, TlsDirection.ClientToServer, W.Unfragmented(new[] { DtlsFlights.FirstClientHello }));
            Assert.True(o.Handshake.TryGetClientHello(out ClientHello hello));
            Assert.True(hello.Cookie.IsEmpty);
            Assert.False(o.HelloVerifyRequestSeen);
            Assert.Equal("tls-test.example", o.GetServerNameString());
        }

        [Fact]
        public void A_retransmission_fragmented_differently_completes_a_message_and_later_copies_are_counted()
        {
            var cert = DtlsFlights.ServerFlight(0)[1];
            Assert.Equal(TlsHandshakeType.Certificate, cert.Type);
            using var o = new DtlsConnectionObserver();
            DtlsFlights.Feed(o, TlsDirection.ServerToClient, W.Unfragmented(new[] { DtlsFlights.ServerFlight(0)[0] }));

            // First transmission in 100-byte fragments, one lost.
            long rseq = 10;
            for (int off = 0; off < cert.Body.Length; off += 100)
            {
                if (off == 500)
                {
                    continue;
                }

                o.Feed(TlsDirection.ServerToClient, W.Record(22, 0, rseq++, W.Fragment(cert, off, Math.Min(100, cert.Body.Length - off))));
            }

            Assert.False(o.Handshake.TryGetServerCertificates(out _));

            // Retransmission in 333-byte fragments.
            for (int off = 0; off < cert.Body.Length; off += 333)
            {
                o.Feed(TlsDirection.ServerToClient, W.Record(22, 0, rseq++, W.Fragment(cert, off, Math.Min(333, cert.Body.Length - off))));
            }

            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(ExpectedLeaf(), DtlsFlights.Leaf(o));
            int before = o.RetransmittedFragmentCount;
            o.Feed(TlsDirection.ServerToClient, W.Record(22, 0, rseq++, W.Fragment(cert, 0, cert.Body.Length)));
            Assert.Equal(before + 1, o.RetransmittedFragmentCount);
            Assert.False(o.HasError);
        }

        [Fact]
        public void Overlapping_and_out_of_order_fragments_several_per_record_and_records_per_datagram()
        {
            List<M> flight = DtlsFlights.ServerFlight(0);
            M cert = flight[1];
            int n = cert.Body.Length;

            // Overlapping pieces, last first, two fragments per record, two records per datagram.
            var pieces = new List<byte[]>
            {
                W.Fragment(cert, n - 700, 700),
                W.Fragment(cert, n / 2, n - (n / 2) - 600),
                W.Fragment(cert, 200, (n / 2) - 100),
                W.Fragment(cert, 0, 300),
            };
            byte[] d1 = W.Concat(W.Record(22, 0, 5, W.Concat(pieces[0], pieces[1])), W.Record(22, 0, 6, W.Concat(pieces[2], pieces[3])));
            using var o = new DtlsConnectionObserver();

            // The Certificate arrives before the ServerHello that places it: held, then placed.
            o.Feed(TlsDirection.ServerToClient, d1);
            Assert.Equal(4, o.PendingFragmentCount);
            DtlsFlights.Feed(o, TlsDirection.ServerToClient, W.Unfragmented(new[] { flight[0] }));
            Assert.Equal(0, o.PendingFragmentCount);
            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(ExpectedLeaf(), DtlsFlights.Leaf(o));
            Assert.Equal(5, o.HandshakeFragmentCount);
        }

        [Fact]
        public void Records_after_ChangeCipherSpec_are_encrypted_and_ignored()
        {
            using DtlsConnectionObserver o = DtlsFlights.FeedUnfragmented();
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(TlsDirection.ServerToClient, W.Record(20, 0, 40, new byte[] { 1 })));
            byte[] garbage = new byte[48];
            garbage[0] = 0x14; // would be a bogus handshake fragment if it were read
            Assert.Equal(OperationStatus.Done, o.Feed(TlsDirection.ServerToClient, W.Record(22, 1, 0, garbage)));
            Assert.False(o.HasError);
            Assert.True(o.ServerEncrypted);
            Assert.Equal(1, o.EncryptedRecordCount);
            Assert.Equal(1, o.ChangeCipherSpecCount);
        }

        [Fact]
        public void An_abbreviated_handshake_reports_the_certificate_as_not_sent()
        {
            using var o = new DtlsConnectionObserver();
            DtlsFlights.Feed(o, TlsDirection.ServerToClient, W.Unfragmented(new[] { DtlsFlights.ServerFlight(0)[0] }));
            o.Feed(TlsDirection.ServerToClient, W.Record(20, 0, 9, new byte[] { 1 }));
            Assert.Equal(TlsCertificateVisibility.NotSent, o.ServerCertificateVisibility);
        }

        [Fact]
        public void Dtls13_is_reported_from_the_unified_header()
        {
            using var o = new DtlsConnectionObserver();

            // 0b001_0_1_1_10: no CID, 16-bit sequence, length present, epoch bits 2; then a second record without length.
            byte[] d = { 0x2e, 0x12, 0x34, 0x00, 0x03, 0xaa, 0xbb, 0xcc, 0x22, 0x01, 0xde, 0xad };
            Assert.True(DtlsRecord.IsLikelyDtls(d));
            Assert.Equal(OperationStatus.Done, o.Feed(TlsDirection.ServerToClient, d));
            Assert.True(o.UnifiedHeaderSeen);
            Assert.Equal(TlsProtocolVersion.Dtls13, o.Version);
            Assert.Equal(2, o.EncryptedRecordCount);
            Assert.False(o.HasError);
        }

        [Fact]
        public void Dtls13_is_reported_from_the_ServerHello_supported_versions()
        {
            // RFC 9147 5: legacy_version 0xfefd, supported_versions selects 0xfefc.
            var body = new List<byte> { 0xfe, 0xfd };
            body.AddRange(new byte[32]);
            body.AddRange(new byte[] { 0, 0x13, 0x01, 0, 0, 6, 0, 43, 0, 2, 0xfe, 0xfc });
            using var o = new DtlsConnectionObserver();
            o.Feed(TlsDirection.ServerToClient, W.Unfragmented(new[] { new M(TlsHandshakeType.ServerHello, 0, body.ToArray()) })[0]);
            Assert.False(o.HasError, o.Handshake.ServerError.ToString());
            Assert.Equal(TlsProtocolVersion.Dtls13, o.Version);
            Assert.Equal(TlsCertificateVisibility.EncryptedTls13, o.ServerCertificateVisibility);
        }

        [Fact]
        public void Datagrams_of_other_protocols_on_the_port_are_ignored()
        {
            using var o = new DtlsConnectionObserver();
            byte[] stun = { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
            byte[] rtp = { 0x80, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 };
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(TlsDirection.ClientToServer, stun));
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(TlsDirection.ClientToServer, rtp));
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(TlsDirection.ClientToServer, default));
            DtlsFlights.Feed(o, TlsDirection.ClientToServer, W.Unfragmented(new[] { DtlsFlights.FirstClientHello }));
            Assert.Equal(3, o.IgnoredDatagramCount);
            Assert.Equal(4, o.DatagramCount);
            Assert.Equal("tls-test.example", o.GetServerNameString());
        }

        [Fact]
        public void Errors_carry_code_datagram_and_offset()
        {
            byte[] record = W.Unfragmented(new[] { DtlsFlights.FirstClientHello })[0];

            Check(record.AsSpan(0, 10).ToArray(), DtlsErrorCode.TruncatedRecord, 0);
            Check(record.AsSpan(0, record.Length - 1).ToArray(), DtlsErrorCode.TruncatedRecord, 11);
            byte[] bad = (byte[])record.Clone();
            bad[1] = 0x03;
            Check(bad, DtlsErrorCode.InvalidRecordVersion, 1);
            Check(W.Record(22, 0, 0, new byte[5]), DtlsErrorCode.TruncatedFragment, 13);

            M hello = DtlsFlights.FirstClientHello;
            byte[] f = W.Fragment(hello, 0, 10);
            f[9] = 0;
            f[10] = 0;
            f[11] = 11; // fragment_length 11, only 10 bytes follow
            Check(W.Record(22, 0, 0, f), DtlsErrorCode.TruncatedFragment, 13 + 9);

            byte[] beyond = W.Fragment(hello, hello.Body.Length - 10, 10);
            beyond[8] += 1; // fragment_offset + fragment_length > length
            Check(W.Record(22, 0, 0, beyond), DtlsErrorCode.InvalidFragment, 13 + 6);

            Check(W.Record(22, 0, 0, W.Fragment(new M(TlsHandshakeType.ClientHello, 40, hello.Body), 0, 20)), DtlsErrorCode.MessageSequenceTooHigh, 13 + 4);

            byte[] twoFragments = W.Concat(W.Fragment(hello, 0, 20), W.Fragment(new M(TlsHandshakeType.ClientHello, 0, new byte[hello.Body.Length + 1]), 20, 20));
            Check(W.Record(22, 0, 0, twoFragments), DtlsErrorCode.FragmentMismatch, 13 + 32);

            byte[] tls = W.Fragment(new M(TlsHandshakeType.ClientHello, 0, DtlsFlights.TlsClientHelloBody), 0, DtlsFlights.TlsClientHelloBody.Length);
            using (var o = new DtlsConnectionObserver())
            {
                // A TLS-form hello read as DTLS: the cookie byte swallows the cipher-suite length; the hello does not parse.
                Assert.Equal(OperationStatus.InvalidData, o.Feed(TlsDirection.ClientToServer, W.Record(22, 0, 0, tls)));
                Assert.Equal(DtlsErrorCode.Handshake, o.ClientError.Code);
                Assert.Equal(13, o.ClientError.Offset);
                Assert.True(o.Handshake.ClientError.IsError);
            }

            var records = new List<byte[]>();
            for (int i = 0; i < DtlsLimits.DefaultMaxRecordsPerDatagram + 1; i++)
            {
                records.Add(W.Record(21, 0, i, new byte[] { 1, 0 }));
            }

            Check(W.Concat(records.ToArray()), DtlsErrorCode.TooManyRecords, 15 * DtlsLimits.DefaultMaxRecordsPerDatagram);
        }

        [Fact]
        public void An_error_is_final_for_its_direction_only()
        {
            using var o = new DtlsConnectionObserver();
            o.Feed(TlsDirection.ServerToClient, new byte[] { 22, 0xfe, 0xfd, 0 });
            Assert.Equal(new DtlsError(DtlsErrorCode.TruncatedRecord, TlsDirection.ServerToClient, 0, 0), o.ServerError);
            Assert.Equal(OperationStatus.InvalidData, o.Feed(TlsDirection.ServerToClient, W.Unfragmented(DtlsFlights.ServerFlight())[0]));
            DtlsFlights.Feed(o, TlsDirection.ClientToServer, W.Unfragmented(new[] { DtlsFlights.FirstClientHello }));
            Assert.False(o.ClientError.IsError);
            Assert.Equal("tls-test.example", o.GetServerNameString());
            Assert.Equal(o.ServerError, o.Error);
            Assert.Equal("TruncatedRecord@0:0", o.Error.ToString());
        }

        [Fact]
        public void Pending_fragments_are_bounded()
        {
            var limits = new DtlsLimits { MaxPendingFragments = 2 };
            using var o = new DtlsConnectionObserver(limits);
            M cert = DtlsFlights.ServerFlight()[1];
            o.Feed(TlsDirection.ServerToClient, W.Record(22, 0, 0, W.Fragment(cert, 0, 10)));
            o.Feed(TlsDirection.ServerToClient, W.Record(22, 0, 1, W.Fragment(cert, 10, 10)));
            Assert.Equal(OperationStatus.InvalidData, o.Feed(TlsDirection.ServerToClient, W.Record(22, 0, 2, W.Fragment(cert, 20, 10))));
            Assert.Equal(DtlsErrorCode.TooManyPendingFragments, o.ServerError.Code);
            Assert.Equal(2, o.ServerError.DatagramIndex);
        }

        [Fact]
        public void Reset_forgets_everything()
        {
            using DtlsConnectionObserver o = DtlsFlights.FeedUnfragmented();
            o.Reset();
            Assert.False(o.Handshake.ClientHelloSeen);
            Assert.False(o.HelloVerifyRequestSeen);
            Assert.Equal(0, o.DatagramCount);
            DtlsFlights.Feed(o, TlsDirection.ClientToServer, W.Unfragmented(new[] { DtlsFlights.FirstClientHello }));
            Assert.Equal("tls-test.example", o.GetServerNameString());
        }

        private static void Check(byte[] datagram, DtlsErrorCode code, int offset)
        {
            using var o = new DtlsConnectionObserver();
            Assert.Equal(OperationStatus.InvalidData, o.Feed(TlsDirection.ClientToServer, datagram));
            Assert.Equal(code, o.ClientError.Code);
            Assert.Equal(offset, o.ClientError.Offset);
            Assert.Equal(TlsDirection.ClientToServer, o.ClientError.Direction);
        }
    }
}
