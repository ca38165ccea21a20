using System;
using System.Buffers;
using System.Collections.Generic;
using Tsid.Testing;
using Tsid.Identity;
using Tsid.Tests.X509;
using Tsid.Tls;
using Tsid.X509;
using Xunit;
using Xunit.Abstractions;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests
{
    /// <summary>The limits issue 12 lists, each against the hostile input it exists for (docs/security.md).</summary>
    public class LimitTests
    {
        private readonly ITestOutputHelper _output;

        public LimitTests(ITestOutputHelper output) => _output = output;

        /// <summary>
        /// A ClientHello of exactly <see cref="TlsHandshakeLimits.DefaultMaxClientHelloLength"/> bytes fed one byte at a time:
        /// the work stays linear — one parse when the message completes (never a re-parse per byte), every byte consumed
        /// once, and no allocation per byte (the reassembly buffer is rented once).
        /// </summary>
        [Fact]
        public void A_one_byte_trickle_of_a_maximal_ClientHello_is_parsed_once_and_allocates_nothing_per_byte()
        {
            byte[] stream = MaximalClientHelloRecords();
            Trickle(stream); // warm-up: JIT, pool

            ParseCounters.Reset();
            long before = GC.GetAllocatedBytesForCurrentThread();
            (OperationStatus status, long consumed, bool hello) = Trickle(stream);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            _output.WriteLine($"{stream.Length} bytes one at a time: {ParseCounters.ClientHello} ClientHello parse(s), {allocated} bytes allocated");

            Assert.Equal(OperationStatus.NeedMoreData, status);
            Assert.True(hello);
            Assert.Equal(stream.Length, consumed);
            Assert.Equal(1, ParseCounters.ClientHello);
            // The observer itself and its copy of the hello (16 KiB) are the allocation; 16,4xx bytes fed add nothing.
            Assert.True(allocated < 40 * 1024, $"{allocated} bytes allocated for {stream.Length} one-byte feeds");
        }

        [Fact]
        public void A_ClientHello_one_byte_over_the_cap_is_refused_at_its_header()
        {
            byte[] body = new byte[TlsHandshakeLimits.DefaultMaxClientHelloLength + 1];
            byte[] stream = Records(22, Concat(new byte[] { 1 }, U24(body.Length)), 16384);
            using var observer = new TlsConnectionObserver();

            Assert.Equal(OperationStatus.InvalidData, observer.Feed(TlsDirection.ClientToServer, stream));
            Assert.Equal(TlsErrorCode.ClientHelloTooLarge, observer.ClientError.Code);
            Assert.Equal(6, observer.ClientError.Offset);
        }

        /// <summary>A Certificate message announcing 16 MiB (the uint24 maximum) is refused when its header arrives, without buffering it.</summary>
        [Fact]
        public void A_Certificate_message_announcing_16_MiB_is_refused_at_the_cap_without_allocating_it()
        {
            (byte[] c2s, byte[] s2c) = Tls.FixtureHandshakeTests.Load("tls12-nosni-cisco-chain3");
            byte[] serverHello = FirstRecord(s2c);
            byte[] hostile = Concat(serverHello, Record(22, Concat(new byte[] { 11 }, U24((1 << 24) - 1), new byte[1000]), 0x0303));
            using (var warm = new TlsConnectionObserver())
            {
                warm.Feed(TlsDirection.ClientToServer, c2s);
                warm.Feed(TlsDirection.ServerToClient, hostile);
            }

            using var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, c2s);
            long before = GC.GetAllocatedBytesForCurrentThread();
            OperationStatus status = observer.Feed(TlsDirection.ServerToClient, hostile);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            _output.WriteLine($"16 MiB Certificate header: {status} {observer.ServerError}, {allocated} bytes allocated");

            Assert.Equal(OperationStatus.InvalidData, status);
            Assert.Equal(TlsErrorCode.CertificateTooLarge, observer.ServerError.Code);
            Assert.Equal(serverHello.Length + 5 + 1, observer.ServerError.Offset);
            Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated");
        }

        /// <summary>100,000 nested SEQUENCEs, as a certificate and through the reader: refused at <see cref="DerReader.MaxDepth"/>, no recursion to overflow.</summary>
        [Fact]
        public void Deeply_nested_DER_is_refused_at_the_depth_limit()
        {
            byte[] deep = Nested(100_000);

            var reader = new DerReader(deep);
            X509Error error = default;
            int depth = 0;
            while (reader.TryReadSequence(out DerReader inner, out error))
            {
                reader = inner;
                depth++;
            }

            Assert.Equal(DerReader.MaxDepth, depth);
            Assert.Equal(X509ErrorCode.NestingTooDeep, error.Code);
            Assert.InRange(error.Offset, 0, deep.Length - 1);
            foreach (CertificateParseOptions options in new[] { CertificateParseOptions.Default, CertificateParseOptions.Strict, CertificateParseOptions.Deferred })
            {
                Assert.False(Certificate.TryParse(deep, options, out _, out X509Error certificateError));
                Assert.InRange(certificateError.Offset, 0, deep.Length);
            }

            // A subject name nested past the limit inside an otherwise well-formed certificate.
            byte[] certificate = TestCertificates.BuildCertificate(Nested(DerReader.MaxDepth + 8));
            Assert.False(Certificate.TryParse(certificate, CertificateParseOptions.Strict, out _, out X509Error nameError));
            Assert.NotEqual(X509ErrorCode.None, nameError.Code);
        }

        /// <summary>
        /// A certificate with a million dNSNames (11 MB): parsing, enumerating and resolving stay linear and allocate no
        /// memory per name; in a TLS stream such a certificate is refused by the Certificate cap long before.
        /// </summary>
        [Fact]
        public void A_certificate_with_a_million_SANs_is_bounded()
        {
            const int Names = 1_000_000;
            var names = new List<byte[]>(Names + 1);
            for (int i = 0; i < Names; i++)
            {
                names.Add(Der.AsciiString(0x82, "h" + (i % 100_000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + ".ex"));
            }

            names.Add(Der.AsciiString(0x82, "last.example"));
            byte[] der = TestCertificates.BuildCertificate(Der.Name(), new[] { Der.SanExtension(names.ToArray()) });
            names = null;

            Certificate.TryParse(der, out _, out _); // warm-up
            long before = GC.GetAllocatedBytesForCurrentThread();
            Assert.True(Certificate.TryParse(der, CertificateParseOptions.Strict, out Certificate certificate, out X509Error error), error.ToString());
            Assert.True(certificate.TryGetSubjectAltName(out SubjectAltName san));
            int count = 0;
            foreach (GeneralName name in san)
            {
                count++;
            }

            var evidence = new ServerIdentityEvidence { LeafCertificate = certificate, CertificateChainLength = 1, DnsNames = new[] { "last.example" } };
            Span<char> buffer = stackalloc char[HostName.MaxLength];
            ServerIdentity firepower = ServerIdentityPresets.Firepower.Resolve(evidence, buffer);
            string firstName = firepower.GetName();
            ServerIdentity hinted = ServerIdentityPresets.HintAware.Resolve(evidence, buffer);
            string hintedName = hinted.GetName();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            _output.WriteLine($"{der.Length} bytes, {count} SANs: parse + enumerate + two resolves allocated {allocated} bytes");

            Assert.Equal(Names + 1, count);
            Assert.Equal("h00000.ex", firstName);
            Assert.Equal("last.example", hintedName);
            Assert.True(allocated < 16 * 1024, $"{allocated} bytes allocated for {count} names");

            // Over TLS, such a chain cannot get in: the Certificate message cap refuses it at its header.
            Assert.True(der.Length > TlsHandshakeLimits.DefaultMaxCertificateLength);
        }

        private static (OperationStatus Status, long Consumed, bool Hello) Trickle(byte[] stream)
        {
            using var observer = new TlsConnectionObserver();
            OperationStatus status = OperationStatus.NeedMoreData;
            for (int i = 0; i < stream.Length; i++)
            {
                status = observer.Feed(TlsDirection.ClientToServer, stream.AsSpan(i, 1));
            }

            return (status, observer.BytesConsumed(TlsDirection.ClientToServer), observer.TryGetClientHello(out _));
        }

        /// <summary>A ClientHello body of exactly the default cap (a padding extension fills it), in two records.</summary>
        private static byte[] MaximalClientHelloRecords()
        {
            var extensions = new List<(int Type, byte[] Data)> { (0, ServerNameData("trickle.example")) };
            int bare = ClientHelloBody(extensions).Length;
            // RFC 7685 padding: zero bytes; 4 bytes of extension header.
            extensions.Add((21, new byte[TlsHandshakeLimits.DefaultMaxClientHelloLength - bare - 4]));
            byte[] body = ClientHelloBody(extensions);
            Assert.Equal(TlsHandshakeLimits.DefaultMaxClientHelloLength, body.Length);
            return Records(22, Handshake(1, body), 16384);
        }

        private static byte[] FirstRecord(byte[] stream)
        {
            int length = (stream[3] << 8) | stream[4];
            return stream.AsSpan(0, 5 + length).ToArray();
        }

        /// <summary><paramref name="levels"/> SEQUENCEs each holding the next, built forward (sizes computed inside out).</summary>
        private static byte[] Nested(int levels)
        {
            var sizes = new int[levels + 1];
            for (int i = levels - 1; i >= 0; i--)
            {
                sizes[i] = HeaderLength(sizes[i + 1]) + sizes[i + 1];
            }

            var der = new byte[sizes[0]];
            int at = 0;
            for (int i = 0; i < levels; i++)
            {
                int content = sizes[i + 1];
                der[at++] = 0x30;
                if (content < 0x80)
                {
                    der[at++] = (byte)content;
                }
                else
                {
                    int octets = HeaderLength(content) - 2;
                    der[at++] = (byte)(0x80 | octets);
                    for (int k = octets - 1; k >= 0; k--)
                    {
                        der[at++] = (byte)(content >> (8 * k));
                    }
                }
            }

            return der;
        }

        private static int HeaderLength(int content) => content < 0x80 ? 2 : content < 0x100 ? 3 : content < 0x10000 ? 4 : content < 0x1000000 ? 5 : 6;
    }
}
