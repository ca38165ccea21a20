using System.Net;
using System.Security.Cryptography.X509Certificates;
using Tsid.Identity;
using Tsid.Policy;

namespace Tsid.Samples.AspNetCoreFingerprints
{
    /// <summary>How <see cref="FingerprintsApp"/> is set up.</summary>
    public sealed class FingerprintsOptions
    {
        /// <summary>The server certificate (with its private key).</summary>
        public required X509Certificate2 Certificate { get; init; }

        /// <summary>Where to listen; port 0 picks a free port (read it back from <c>app.Urls</c> after start).</summary>
        public IPEndPoint Endpoint { get; init; } = new IPEndPoint(IPAddress.Loopback, 8443);

        /// <summary>The policy (e.g. from <see cref="PolicyText.Parse(string, System.Func{string, System.IO.TextReader}?, ICategoryLookup?)"/>), or null to fingerprint only.</summary>
        public AccessPolicy? Policy { get; init; }

        /// <summary>How the server name is taken for the policy: only the SNI is known in the callback, so any preset gives the SNI or nothing.</summary>
        public ServerIdentityResolver Resolver { get; init; } = ServerIdentityPresets.Firepower;

        /// <summary>
        /// The verdict for a ClientHello that spans records (no SNI or fingerprint can be known from the first record).
        /// Block by default when a policy is set: splitting the hello is how a client evades first-record fingerprinting.
        /// </summary>
        public PolicyAction? IncompleteHello { get; init; }

        /// <summary>The verdict for a first record that is not a well-formed ClientHello (block by default: the handshake would fail anyway).</summary>
        public PolicyAction MalformedHello { get; init; } = PolicyAction.Block;
    }
}
