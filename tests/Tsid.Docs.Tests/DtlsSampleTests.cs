using System;
using System.Collections.Generic;
using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the block of docs/dtls.md on the project's OpenSSL DTLS recording (Fixtures/Dtls/README.md).</summary>
    public class DtlsSampleTests
    {
        public const string Expected = "sni=dtls.test.example version=Dtls12 hello_verify=True cookie=20 certificate=Visible leaf_cn=dtls.test.example fragments=14 encrypted_records=4 other_datagrams=0";

        [Fact]
        public void Describe_prints_what_the_docs_show_for_the_recording()
        {
            Assert.Equal(Expected, DtlsSamples.CallDescribe(Recording()));
        }

        [Fact]
        public void Describe_sets_STUN_and_RTP_aside()
        {
            var datagrams = new List<(bool, byte[])>
            {
                (true, new byte[] { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }),
                (false, new byte[] { 0x80, 0x60, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1 }),
            };
            datagrams.AddRange(Recording());
            Assert.Equal(Expected.Replace("other_datagrams=0", "other_datagrams=2", StringComparison.Ordinal), DtlsSamples.CallDescribe(datagrams));
        }

        /// <summary>The recording's datagrams: per datagram a direction byte (0 = client), a uint16 length, the bytes.</summary>
        private static List<(bool FromClient, byte[] Datagram)> Recording()
        {
            byte[] file = Fixture.Bytes("Dtls/openssl-dtls12-mtu300.datagrams");
            var list = new List<(bool, byte[])>();
            for (int p = 0; p + 3 <= file.Length;)
            {
                int length = (file[p + 1] << 8) | file[p + 2];
                list.Add((file[p] == 0, file.AsSpan(p + 3, length).ToArray()));
                p += 3 + length;
            }

            return list;
        }
    }
}
