using System;
using System.IO;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.AotSmoke
{
    /// <summary>
    /// The stages of the seed case, natively compiled: a certificate and a ClientHello parsed on their own, then the
    /// recorded TLS 1.2 handshake without SNI to the Cisco-like server fed, resolved with two presets and evaluated under
    /// the seed's policy read from text. Prints one line per fact; .ci/aot-smoke.sh checks them.
    /// </summary>
    internal static class Program
    {
        private const string SeedPolicy = """
            match resolved-identity
            default block
            list SI_BLOCK_CUSTOM
              toos.cisco.com
            end
            blocklist SI_BLOCK_CUSTOM
            rule ALLOW_FMC_ASA_SNT_CISCO allow
              host cisco-si tools.cisco.com
            end
            """;

        private static int Main(string[] args)
        {
            string fixtures = args[0];
            byte[] der = File.ReadAllBytes(Path.Combine(fixtures, "cisco-nocn.der"));
            if (!Certificate.TryParse(der, out Certificate certificate, out X509Error x509Error))
            {
                Console.WriteLine("certificate: error " + x509Error.ToString());
                return 1;
            }

            certificate.TryGetSubjectAltName(out SubjectAltName san);
            Console.WriteLine("certificate subject: " + certificate.Subject.ToString());
            foreach (GeneralName name in san)
            {
                Console.WriteLine("certificate first SAN: " + name.ToString());
                break;
            }

            byte[] record = File.ReadAllBytes(Path.Combine(fixtures, "clienthello-sni-alpn.bin"));
            if (!ClientHello.TryParseRecord(record, out ClientHello hello, out TlsError tlsError))
            {
                Console.WriteLine("client hello: error " + tlsError.ToString());
                return 1;
            }

            Console.WriteLine("client hello SNI: " + (hello.TryGetServerName(out ReadOnlySpan<byte> sni) ? System.Text.Encoding.ASCII.GetString(sni) : "(none)"));

            AccessPolicy policy = PolicyText.Parse(SeedPolicy);
            using var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, File.ReadAllBytes(Path.Combine(fixtures, "Tls", "tls12-nosni-cisco-chain3.c2s.bin")));
            observer.Feed(TlsDirection.ServerToClient, File.ReadAllBytes(Path.Combine(fixtures, "Tls", "tls12-nosni-cisco-chain3.s2c.bin")));
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer);
            Span<char> buffer = stackalloc char[ServerIdentityResolver.NameBufferLength];
            Report("firepower", ServerIdentityPresets.Firepower, observer, evidence, policy, buffer);
            Report("hint-aware", ServerIdentityPresets.HintAware, observer, evidence with { DnsNames = new[] { "tools.cisco.com" } }, policy, buffer);
            return 0;
        }

        private static void Report(string label, ServerIdentityResolver resolver, TlsConnectionObserver observer, in ServerIdentityEvidence evidence, AccessPolicy policy, Span<char> buffer)
        {
            ServerIdentity identity = resolver.Resolve(in evidence, buffer);
            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence);
            PolicyDecision decision = policy.Evaluate(in facts);
            Console.WriteLine($"{label}: {identity.Name.ToString()} from {identity.Source} -> {decision.Action} ({decision.RuleName})");
        }
    }
}
