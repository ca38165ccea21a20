using System;

namespace Tsid.Samples.TlsGate
{
    /// <summary>
    /// The gateway's settings, bound from the <c>TlsGate</c> section of appsettings.json (or any configuration source:
    /// <c>TlsGate__UpstreamHost=…</c> in the environment, <c>--TlsGate:UpstreamHost=…</c> on the command line). Every limit
    /// has a default chosen so that one connection can never hold more than a few hundred KiB or live without bound
    /// before its verdict. <see cref="Validate"/> checks them at start.
    /// </summary>
    public sealed class TlsGateOptions
    {
        /// <summary>The configuration section the options are read from.</summary>
        public const string SectionName = "TlsGate";

        /// <summary>Default of <see cref="MaxClientHelloBytes"/>: the observer's 16 KiB ClientHello cap (<c>TlsHandshakeLimits.DefaultMaxClientHelloLength</c>) plus room for record headers.</summary>
        public const int DefaultMaxClientHelloBytes = 17 * 1024;

        /// <summary>Default of <see cref="MaxServerFlightBytes"/>: ServerHello (16 KiB) + Certificate (64 KiB) + stapled status and headers, the observer's caps.</summary>
        public const int DefaultMaxServerFlightBytes = 96 * 1024;

        /// <summary>Default of <see cref="MaxConcurrentConnections"/>.</summary>
        public const int DefaultMaxConcurrentConnections = 1024;

        /// <summary>Default of <see cref="HandshakeTimeout"/>.</summary>
        public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

        /// <summary>Default of <see cref="ConnectTimeout"/>.</summary>
        public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

        /// <summary>The address Kestrel listens on (default <c>127.0.0.1</c>; <c>0.0.0.0</c> or <c>::</c> for every interface).</summary>
        public string ListenAddress { get; set; } = "127.0.0.1";

        /// <summary>The port Kestrel listens on (default 8443; 0 picks a free port, as the tests do).</summary>
        public int ListenPort { get; set; } = 8443;

        /// <summary>The upstream every connection is relayed to: an IP address or a DNS name (required).</summary>
        public string UpstreamHost { get; set; } = string.Empty;

        /// <summary>The upstream's TCP port (default 443).</summary>
        public int UpstreamPort { get; set; } = 443;

        /// <summary>
        /// The DNS name the upstream is known by, handed to the resolver as a DNS hint (<c>ServerIdentityEvidence.DnsNames</c>),
        /// the way a firewall's DNS cache would: with the <c>hint-aware</c> preset a certificate that covers it is named by it.
        /// Default: <see cref="UpstreamHost"/> when that is a name, none when it is an address.
        /// </summary>
        public string? UpstreamDnsName { get; set; }

        /// <summary>The identity preset (<c>firepower</c>, <c>paloalto</c>, <c>fortigate</c>, <c>fortigate-strict</c>, <c>squid</c>, <c>rfc6125</c>, <c>hint-aware</c>; dashes optional). Default <c>firepower</c>.</summary>
        public string Preset { get; set; } = "firepower";

        /// <summary>The policy file (docs/policy.md, "Policy files"), relative to the content root; its <c>file=</c> lists are relative to it. Default <c>gate.policy</c>.</summary>
        public string PolicyFile { get; set; } = "gate.policy";

        /// <summary>The most bytes read from a client before its ClientHello must be complete; more closes the connection (<c>client_hello_too_large</c>).</summary>
        public int MaxClientHelloBytes { get; set; } = DefaultMaxClientHelloBytes;

        /// <summary>The most server bytes held back before the verdict (the whole TLS 1.2 flight up to the Certificate); more closes the connection (<c>server_flight_too_large</c>).</summary>
        public int MaxServerFlightBytes { get; set; } = DefaultMaxServerFlightBytes;

        /// <summary>From accept to verdict: reading the ClientHello, connecting upstream and reading the server's flight. Default 10 s.</summary>
        public TimeSpan HandshakeTimeout { get; set; } = DefaultHandshakeTimeout;

        /// <summary>The upstream TCP connect timeout (inside <see cref="HandshakeTimeout"/>). Default 5 s.</summary>
        public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

        /// <summary>Connections handled at once; one more is closed at once and logged (<c>over_capacity</c>). Default 1024.</summary>
        public int MaxConcurrentConnections { get; set; } = DefaultMaxConcurrentConnections;

        /// <summary>
        /// When the ClientHello carries an SNI, decide from it before connecting upstream and close a blocked connection without
        /// ever reaching the upstream (default true). Turn it off for a policy whose rules test facts only the server's flight
        /// shows (<c>tls</c>, <c>alpn</c>): an unknown fact never satisfies a condition, so such a rule cannot match early.
        /// </summary>
        public bool DecideOnClientHello { get; set; } = true;

        /// <summary>Where the JSON log lines go: a file path (appended), or empty for standard output.</summary>
        public string? LogFile { get; set; }

        /// <summary>Checks every setting; throws one exception naming each problem.</summary>
        /// <exception cref="InvalidOperationException">A setting is out of range.</exception>
        public void Validate()
        {
            var problems = new System.Collections.Generic.List<string>();
            if (string.IsNullOrWhiteSpace(UpstreamHost))
            {
                problems.Add("UpstreamHost is required");
            }

            if (UpstreamPort is < 1 or > 65535)
            {
                problems.Add("UpstreamPort must be 1-65535");
            }

            if (ListenPort is < 0 or > 65535)
            {
                problems.Add("ListenPort must be 0-65535");
            }

            if (!System.Net.IPAddress.TryParse(ListenAddress, out _))
            {
                problems.Add("ListenAddress must be an IP address");
            }

            if (MaxClientHelloBytes < 64)
            {
                problems.Add("MaxClientHelloBytes must be at least 64");
            }

            if (MaxServerFlightBytes < 64)
            {
                problems.Add("MaxServerFlightBytes must be at least 64");
            }

            if (HandshakeTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
            {
                problems.Add("HandshakeTimeout and ConnectTimeout must be positive");
            }

            if (MaxConcurrentConnections < 1)
            {
                problems.Add("MaxConcurrentConnections must be at least 1");
            }

            if (!Tsid.Identity.ServerIdentityPresets.TryGet(Preset, out _))
            {
                problems.Add("Preset '" + Preset + "' is unknown");
            }

            if (problems.Count > 0)
            {
                throw new InvalidOperationException("TlsGate settings: " + string.Join("; ", problems) + ".");
            }
        }
    }
}
