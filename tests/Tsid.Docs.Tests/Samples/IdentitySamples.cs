#region QuickStart
using System;
using System.IO;
using Tsid.Identity;
using Tsid.X509;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/identity.md, called by <see cref="IdentitySampleTests"/>.</summary>
    internal static class IdentitySamples
    {
        /// <summary>The quick start; reads cisco-nocn.der from the current directory and prints.</summary>
        public static void QuickStart()
        {
            #region QuickStart
            byte[] der = File.ReadAllBytes("cisco-nocn.der");            // the server's leaf certificate (tests/…/Fixtures)
            if (!Certificate.TryParse(der, out Certificate leaf, out X509Error error))
            {
                throw new InvalidDataException(error.ToString());
            }

            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf };   // the ClientHello had no SNI

            Span<char> buffer = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, buffer);
            Console.WriteLine($"{identity.Name.ToString()} via {identity.Source} ({identity.Diagnostics})");

            var withHint = evidence with { DnsNames = new[] { "tools.cisco.com" } };
            ServerIdentityRecord better = ServerIdentityPresets.HintAware.ResolveToRecord(in withHint);
            Console.WriteLine($"{better.Name} via {better.Source}");

            ServerIdentityRecord explained = ServerIdentityPresets.Firepower.ResolveToRecord(in evidence, explain: true);
            Console.Write(explained.Explanation);
            #endregion
        }

        /// <summary>The resolver of "Building a resolver".</summary>
        public static ServerIdentityResolver BuildingAResolver()
        {
            #region BuildingAResolver
            ServerIdentityResolver resolver = new ServerIdentityResolverBuilder()
                .WithName("Edge")
                .Sni()
                .HintCoveredByCertificate()
                .SubjectCommonName()
                .FirstSubjectAltName()
                .DestinationAddress()
                .Build();
            #endregion

            return resolver;
        }

        /// <summary>The resolver named in the comment under <see cref="InternalSuffixRule"/>.</summary>
        public static ServerIdentityResolver WithInternalSuffixRule() =>
            new ServerIdentityResolverBuilder().Sni().Rule(new InternalSuffixRule("corp.example")).SubjectCommonName().Build();

        /// <summary>SNI, then the one-off lambda rule of "Writing a rule", then the CN.</summary>
        public static ServerIdentityResolver WithLambdaRule() =>
            new ServerIdentityResolverBuilder()
                .Sni()
                #region LambdaRule
                .Rule("MqttPort", (scoped in ServerIdentityEvidence e, ref ServerIdentityRuleContext c) =>
                    e.DestinationPort == 8883 && c.TryAccept("mqtt.internal".AsSpan(), IdentitySource.Custom))
                #endregion
                .SubjectCommonName()
                .Build();
    }

    #region InternalSuffixRule
    /// <summary>Names a server from a single-label DNS name the caller resolved, qualified with the company suffix.</summary>
    public sealed class InternalSuffixRule : IServerIdentityRule
    {
        private readonly string _suffix;

        public InternalSuffixRule(string suffix) => _suffix = suffix;

        public string Name => "InternalSuffix";

        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            Span<char> qualified = stackalloc char[HostName.MaxLength];
            foreach (string name in evidence.DnsNames)
            {
                int length = name.Length + 1 + _suffix.Length;
                if (name.IndexOf('.') < 0 && length <= HostName.MaxLength)
                {
                    name.AsSpan().CopyTo(qualified);
                    qualified[name.Length] = '.';
                    _suffix.AsSpan().CopyTo(qualified.Slice(name.Length + 1));
                    if (context.TryAccept(qualified.Slice(0, length), IdentitySource.Custom))
                    {
                        return true;
                    }
                }
                else
                {
                    context.Note(name.AsSpan(), IdentitySource.Custom, CandidateVerdict.Ignored, "already qualified");
                }
            }

            return false;
        }
    }

    // .Sni().Rule(new InternalSuffixRule("corp.example")).SubjectCommonName()
    #endregion
}
