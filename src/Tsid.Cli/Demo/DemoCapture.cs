using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tsid.Capture;
using Tsid.Testing;

namespace Tsid.Cli.Demo
{
    /// <summary>
    /// Makes the seed case as a capture: a DNS answer for tools.cisco.com, then a real TLS 1.2 handshake without SNI to a
    /// server whose certificate is shaped like Cisco's Smart Licensing one (no CN, first SAN <c>toos.cisco.com</c>),
    /// recorded from SslStream in memory (Tsid.Core.Testing's HandshakeRecorder) and written as pcap. Nothing here is a real Cisco certificate or address:
    /// the server uses a documentation address (RFC 5737) and a throw-away key made on the spot.
    /// </summary>
    internal static class DemoCapture
    {
        public const string LicensingHost = "tools.cisco.com";

        public static readonly IPEndPoint Client = new(IPAddress.Parse("10.12.1.20"), 51514);

        public static readonly IPEndPoint Server = new(IPAddress.Parse("198.51.100.38"), 443);

        public static readonly IPEndPoint Resolver = new(IPAddress.Parse("10.12.1.1"), 53);

        /// <summary>The SAN dNSNames in the order the seed certificate lists them: the typo first.</summary>
        public static readonly string[] SubjectAltNames =
        {
            "toos.cisco.com", "tools.cisco.com", "tools1.cisco.com", "tools2.cisco.com", "tools3.cisco.com",
            "tools1-ss2.cisco.com", "tools2-ss1.cisco.com",
        };

        public static byte[] Create()
        {
            using RSA caKey = RSA.Create(2048);
            using RSA leafKey = RSA.Create(2048);
            DateTimeOffset now = DateTimeOffset.UtcNow;

            var caRequest = new CertificateRequest("CN=HydrantID Server CA O1 (demo), O=Demo Trust Services, C=US", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            using X509Certificate2 ca = caRequest.CreateSelfSigned(now.AddDays(-30), now.AddYears(5));

            var subject = new X500DistinguishedNameBuilder();
            subject.AddCountryOrRegion("US");
            subject.AddStateOrProvinceName("California");
            subject.AddLocalityName("San Jose");
            subject.AddOrganizationName("Cisco Systems Inc.");
            subject.AddOrganizationalUnitName("Cisco Smart Licensing");
            var leafRequest = new CertificateRequest(subject.Build(), leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            foreach (string name in SubjectAltNames)
            {
                san.AddDnsName(name);
            }

            leafRequest.CertificateExtensions.Add(san.Build());
            leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            byte[] serial = RandomNumberGenerator.GetBytes(12);
            serial[0] &= 0x7f;
            using X509Certificate2 leafPublic = leafRequest.Create(ca, now.AddDays(-1), now.AddYears(1), serial);
            using X509Certificate2 leaf = leafPublic.CopyWithPrivateKey(leafKey);

            var context = SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(ca), offline: true);
            // A little application data, as a real licensing client would send (encrypted: the firewall sees only records).
            byte[] request = System.Text.Encoding.ASCII.GetBytes("POST /its/service/oddce/services/DDCEService HTTP/1.1\r\nHost: tools.cisco.com\r\n\r\n");
            HandshakeRecording recording = HandshakeRecorder.Record(context, targetHost: string.Empty, SslProtocols.Tls12, request);
            if (recording.Failure is not null)
            {
                throw new InvalidOperationException("the demo handshake failed", recording.Failure);
            }

            (byte[] clientBytes, byte[] serverBytes) = recording;

            var capture = new MemoryStream();
            using (var writer = new PcapWriter(capture))
            {
                writer.TimestampNanoseconds = now.ToUnixTimeMilliseconds() * 1_000_000;
                writer.WriteDnsResponse(Resolver, Client, LicensingHost, new List<IPAddress> { Server.Address });
                writer.WriteTcpConnection(Client, Server, clientBytes, serverBytes);
            }

            return capture.ToArray();
        }
    }
}
