#region SeedCase
using System;
using Tsid.Identity;
using Tsid.Tls;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of README.md ("Use it in code").</summary>
    internal static class ReadmeSamples
    {
        /// <summary>One connection's bytes, each direction whole, and the names the caller's DNS cache holds for its server.</summary>
        public static void SeedCase(byte[] clientBytes, byte[] serverBytes, string[] namesFromYourDnsCache)
        {
            #region SeedCase
            using var observer = new TlsConnectionObserver();              // one per connection, both directions
            observer.Feed(TlsDirection.ClientToServer, clientBytes);       // in any chunking, as TCP delivers it
            observer.Feed(TlsDirection.ServerToClient, serverBytes);

            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with { DnsNames = namesFromYourDnsCache };
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = ServerIdentityPresets.HintAware.Resolve(evidence, name);   // allocation-free
            Console.WriteLine($"{identity.Name.ToString()} from {identity.Source}");             // tools.cisco.com from DnsHint
            #endregion
        }
    }
}
