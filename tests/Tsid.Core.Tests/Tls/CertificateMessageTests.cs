using System;
using System.Collections.Generic;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Tls
{
    public class CertificateMessageTests
    {
        [Fact]
        public void TLS12_chain_is_leaf_first_as_sent()
        {
            byte[] a = Fixture.Bytes("cisco-nocn.der");
            byte[] b = Fixture.Bytes("small-ec.der");
            Assert.True(CertificateMessage.TryParse(CertificateBody(a, b), out CertificateMessage chain, out _));
            var got = new List<byte[]>();
            foreach (ReadOnlySpan<byte> der in chain)
            {
                got.Add(der.ToArray());
            }

            Assert.Equal(new[] { a, b }, got);
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> leaf));
            Assert.Equal(a, leaf.ToArray());
        }

        [Fact]
        public void TLS13_layout_with_context_and_entry_extensions()
        {
            byte[] a = Fixture.Bytes("small-ec.der");
            byte[] body = Concat(Vector8(Array.Empty<byte>()), Vector24(Concat(Vector24(a), Vector16(Concat(U16(5), Vector16(new byte[] { 1, 2 }))), Vector24(new byte[] { 0x30, 0 }), Vector16(Array.Empty<byte>()))));
            Assert.True(CertificateMessage.TryParseTls13(body, out CertificateMessage chain, out TlsError error), error.ToString());
            Assert.Equal(2, chain.Count);
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> leaf));
            Assert.Equal(a, leaf.ToArray());
        }

        [Fact]
        public void Empty_client_chain_and_malformed_lists()
        {
            Assert.True(CertificateMessage.TryParse(U24(0), out CertificateMessage empty, out _));
            Assert.True(empty.IsEmpty);
            Assert.False(empty.TryGetLeaf(out _));
            Assert.False(CertificateMessage.TryParse(Vector24(U24(0)), out _, out TlsError e1));
            Assert.Equal(new TlsError(TlsErrorCode.InvalidCertificateList, 3), e1);
            Assert.False(CertificateMessage.TryParse(Concat(CertificateBody(new byte[] { 0x30, 0 }), new byte[] { 0 }), out _, out TlsError e2));
            Assert.Equal(TlsErrorCode.TrailingData, e2.Code);
            Assert.False(CertificateMessage.TryParse(U24(10), out _, out TlsError e3));
            Assert.Equal(TlsErrorCode.Truncated, e3.Code);
        }
    }
}
