namespace Tsid.Identity
{
    /// <summary>Resolver-wide settings every rule sees through <see cref="ServerIdentityRuleContext.Options"/>. Immutable.</summary>
    public sealed class ServerIdentityOptions
    {
        /// <summary>The defaults: RFC 6125 matching without partial wildcards, IDNs converted, invalid names skipped, ECH public names reported.</summary>
        public static ServerIdentityOptions Default { get; } = new ServerIdentityOptions();

        /// <summary>How wildcards are matched when a rule checks that the certificate covers a name.</summary>
        public HostNameMatchOptions MatchOptions { get; init; }

        /// <summary>What happens to Unicode names.</summary>
        public IdnHandling Idn { get; init; }

        /// <summary>What happens to candidates that are not host names.</summary>
        public InvalidNameHandling InvalidNames { get; init; }

        /// <summary>What SNI rules do with an ECH public name.</summary>
        public EchPublicNameHandling EchPublicName { get; init; }
    }
}
