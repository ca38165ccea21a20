using System;
using System.Buffers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Tls
{
    public class ServerNameIndicationTests
    {
        [Fact]
        public void Fixtures_agree_with_the_full_parser()
        {
            Assert.Equal(OperationStatus.Done, ServerNameIndication.TryPeek(Fixture.Bytes("clienthello-sni-alpn.bin"), out ReadOnlySpan<byte> name, out _));
            Assert.Equal("tools.cisco.com", Encoding.ASCII.GetString(name));
            Assert.Equal(OperationStatus.Done, ServerNameIndication.TryPeek(Fixture.Bytes("clienthello-nosni-tls12.bin"), out ReadOnlySpan<byte> none, out _));
            Assert.True(none.IsEmpty);
            Assert.Equal(OperationStatus.Done, ServerNameIndication.TryPeek(Fixture.Bytes("Tls/tls13-sni-alpn.c2s.bin"), out ReadOnlySpan<byte> recorded, out _));
            Assert.Equal("tls-test.example", Encoding.ASCII.GetString(recorded));
        }

        [Fact]
        public void A_hello_spanning_records_needs_the_reassembler()
        {
            byte[] hello = Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("a.example")) }));
            Assert.Equal(OperationStatus.NeedMoreData, ServerNameIndication.TryPeek(Records(22, hello, 20), out _, out _));
        }

        [Fact]
        public void Malformed_hellos_are_errors_not_no_SNI()
        {
            byte[] dup = Record(22, Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("a.example")), (0, ServerNameData("b.example")) })));
            // The fast path stops at the first server_name; the full parser finds the second.
            Assert.Equal(OperationStatus.Done, ServerNameIndication.TryPeek(dup, out ReadOnlySpan<byte> first, out _));
            Assert.Equal("a.example", Encoding.ASCII.GetString(first));
            Assert.False(ClientHello.TryParseRecord(dup, out _, out TlsError e1));
            Assert.Equal(TlsErrorCode.DuplicateExtension, e1.Code);

            byte[] brokenTailNoSni = Record(22, Handshake(1, Concat(ClientHelloBody(null), U16(7), U16(23), U16(0), U16(24), new byte[] { 0 })));
            Assert.Equal(OperationStatus.InvalidData, ServerNameIndication.TryPeek(brokenTailNoSni, out _, out TlsError e4));
            Assert.Equal(TlsErrorCode.Truncated, e4.Code);

            byte[] badList = Record(22, Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, Convert.FromHexString("0005000003616263")) })));
            Assert.Equal(OperationStatus.InvalidData, ServerNameIndication.TryPeek(badList, out _, out TlsError e2));
            Assert.Equal(TlsErrorCode.InvalidServerName, e2.Code);

            byte[] notHello = Record(22, Handshake(2, new byte[40]));
            Assert.Equal(OperationStatus.InvalidData, ServerNameIndication.TryPeek(notHello, out _, out _));
            Assert.Equal(OperationStatus.InvalidData, ServerNameIndication.TryPeek(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n"), out _, out TlsError e3));
            Assert.Equal(TlsErrorCode.InvalidContentType, e3.Code);
        }

        [Fact]
        public void Truncated_errors_point_inside_the_input_and_differ_from_need_more_data()
        {
            // A complete 95-byte record whose cipher_suites length (0x01F0) runs past the hello: the error is at that
            // length field (the old hand-indexed peek reported offset 542 here, outside the input).
            byte[] body = ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("a.example")), (23, new byte[19]) });
            int suites = 2 + 32 + 1;
            body[suites] = 0x01;
            body[suites + 1] = 0xF0;
            byte[] record = Record(22, Handshake(1, body));
            Assert.Equal(95, record.Length);
            Assert.Equal(OperationStatus.InvalidData, ServerNameIndication.TryPeek(record, out _, out TlsError error));
            Assert.Equal(new TlsError(TlsErrorCode.Truncated, 9 + suites), error);
            Assert.False(ClientHello.TryParseRecord(record, out _, out TlsError full));
            Assert.Equal(error, full);

            // Every strict prefix of a good record is NeedMoreData with no error, never InvalidData.
            byte[] good = Record(22, Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("a.example")) })));
            for (int cut = 0; cut < good.Length; cut++)
            {
                Assert.Equal(OperationStatus.NeedMoreData, ServerNameIndication.TryPeek(good.AsSpan(0, cut), out _, out TlsError none));
                Assert.False(none.IsError);
            }
        }

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Peek_agrees_with_the_full_parser_on_generated_and_damaged_hellos() => Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new System.Random(seed);
            byte[] body = TlsPropertyTests.HelloModel.Generate(random).Encode();
            byte[] record = Record(22, Handshake(1, body));
            int mode = random.Next(3);
            if (mode == 1)
            {
                record = record.AsSpan(0, random.Next(record.Length)).ToArray();
            }
            else if (mode == 2)
            {
                record[random.Next(record.Length)] ^= (byte)random.Next(1, 256);
            }

            OperationStatus peek = ServerNameIndication.TryPeek(record, out ReadOnlySpan<byte> name, out TlsError error);
            if (mode == 1)
            {
                return peek == OperationStatus.NeedMoreData && !error.IsError;
            }

            // An error is always somewhere inside the input.
            if (peek == OperationStatus.InvalidData && (!error.IsError || error.Offset < 0 || error.Offset > record.Length))
            {
                return false;
            }

            bool full = ClientHello.TryParseRecord(record, out ClientHello hello, out _);
            if (full)
            {
                // Whatever the full parser accepts, the fast path reads the same name.
                hello.TryGetServerName(out ReadOnlySpan<byte> expected);
                return peek == OperationStatus.Done && name.SequenceEqual(expected);
            }

            // The full parser also checks extension contents; the fast path may accept those, never a broken frame.
            return mode == 2 || peek != OperationStatus.Done;
        });
    }
}
