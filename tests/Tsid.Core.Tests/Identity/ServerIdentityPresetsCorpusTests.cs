using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tsid.Identity;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Tests.Identity
{
    /// <summary>
    /// Every preset against every connection of the corpus: the resolver's answer must equal the name the peers' fields
    /// (tshark SNI; python-cryptography leaf subject_cn, san_dns, subject_ou) imply for that preset. The expected value is
    /// computed here from those fields with an independent reference model of each preset, never from our X.509 parser.
    /// </summary>
    public class ServerIdentityPresetsCorpusTests
    {
        public static IEnumerable<object[]> Presets() => ServerIdentityPresets.All.Select(p => new object[] { p.Name });

        [CorpusTheory]
        [MemberData(nameof(Presets))]
        public void Preset_agrees_with_the_name_the_peer_fields_imply(string presetName)
        {
            Assert.True(ServerIdentityPresets.TryGet(presetName, out ServerIdentityResolver? resolver));
            var failures = new List<string>();
            int withCertificate = 0;
            int withoutCertificate = 0;
            foreach (Connection connection in LoadConnections())
            {
                if (connection.CertificateVisible && connection.LeafDer is null)
                {
                    // The leaf of a few Wireshark captures is not in certs/from-pcaps; such connections are not checked.
                    continue;
                }

                string? expected = Expected(presetName, connection);
                ServerIdentityRecord actual = IdentityTestSupport.Resolve(resolver, new EvidenceSpec { Sni = connection.Sni, Certificate = connection.LeafDer }, explain: false);
                if (!string.Equals(expected, actual.Name, StringComparison.Ordinal))
                {
                    failures.Add($"{connection.Id}: expected '{expected ?? "(none)"}', got '{actual.Name ?? "(none)"}' from {actual.RuleName}");
                }

                if (connection.LeafDer is null)
                {
                    withoutCertificate++;
                }
                else
                {
                    withCertificate++;
                }
            }

            Assert.True(withCertificate >= 55, $"only {withCertificate} connections with a certificate were checked");
            Assert.True(withoutCertificate >= 100, $"only {withoutCertificate} connections without a certificate were checked");
            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        }

        [CorpusFact]
        public void The_corpus_derived_identity_is_what_Firepower_reports_lower_cased()
        {
            // derived_server_identity is the corpus builder's SNI → CN → first SAN → OU rule: Firepower's order.
            int compared = 0;
            foreach (Connection connection in LoadConnections())
            {
                if (connection.Derived is null || (connection.CertificateVisible && connection.LeafDer is null))
                {
                    continue;
                }

                ServerIdentityRecord actual = IdentityTestSupport.Resolve(ServerIdentityPresets.Firepower, new EvidenceSpec { Sni = connection.Sni, Certificate = connection.LeafDer }, explain: false);
                Assert.Equal(connection.Derived.ToLowerInvariant(), actual.Name);
                compared++;
            }

            Assert.True(compared >= 80, $"only {compared} derived identities compared");
        }

        // ---- reference model of each preset, over the peers' fields ----

        private static string? Expected(string preset, Connection c)
        {
            string? cn = c.CommonNames.FirstOrDefault();
            string? san = c.DnsNames.FirstOrDefault();
            string? ou = c.OrganizationalUnits.FirstOrDefault();
            bool cert = c.LeafDer is not null;
            switch (preset)
            {
                case "firepower":
                    return First(Keep(c.Sni), Keep(cn), Keep(san), Keep(ou));
                case "paloalto":
                    return First(Keep(c.Sni), Keep(cn));
                case "fortigate":
                case "fortigate-strict":
                    if (c.Sni is not null)
                    {
                        bool covered = !cert || c.DnsNames.Concat(c.CommonNames).Any(n => Covers(n, c.Sni));
                        if (covered && Keep(c.Sni) is { } sni)
                        {
                            return sni;
                        }

                        if (!covered && preset == "fortigate-strict")
                        {
                            return null;
                        }
                    }

                    return First(Keep(cn), Keep(san));
                case "fortigate-no-sni-check":
                    // sni-server-cert-check disable: the SNI unchecked, else CN, else (ours) the first dNSName.
                    return First(Keep(c.Sni), Keep(cn), Keep(san));
                case "squid":
                    if (cert)
                    {
                        if (c.Sni is not null)
                        {
                            foreach (string name in c.DnsNames.Concat(c.CommonNames))
                            {
                                if (Covers(name, c.Sni) && Keep(name) is { } covering)
                                {
                                    return covering;
                                }
                            }
                        }

                        if (Keep(cn) is { } squidCn)
                        {
                            return squidCn;
                        }

                        if (san is not null && Keep(san) is { } squidSan)
                        {
                            return squidSan;
                        }
                    }

                    return Keep(c.Sni);
                case "rfc6125":
                    if (c.Sni is not null && cert && (c.DnsNames.Count > 0 ? c.DnsNames : c.CommonNames).Any(n => Covers(n, c.Sni)) && Normal(c.Sni) is { } confirmed)
                    {
                        return confirmed;
                    }

                    return First(Normal(san), c.DnsNames.Count == 0 ? Normal(cn) : null, Normal(c.Sni));
                case "hint-aware":
                    return First(Normal(c.Sni), Normal(cn), Normal(san), Normal(ou));
                default:
                    throw new ArgumentException("no reference model for " + preset);
            }
        }

        private static string? First(params string?[] names) => names.FirstOrDefault(n => n is not null);

        private static readonly Regex Label = new("^(?!-)[a-z0-9_-]{1,63}(?<!-)$", RegexOptions.CultureInvariant);
        private static readonly Regex IPv4 = new("^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$", RegexOptions.CultureInvariant);

        /// <summary>The host-name normal form, or null when the name is not a host name (independent of HostName).</summary>
        private static string? Normal(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return null;
            }

            string n = name.EndsWith('.') ? name[..^1] : name;
            if (n.Any(ch => ch >= 0x80))
            {
                try
                {
                    n = new IdnMapping().GetAscii(n);
                }
                catch (ArgumentException)
                {
                    return null;
                }
            }

            n = n.ToLowerInvariant();
            if (n.Length == 0 || n.Length > 253)
            {
                return null;
            }

            if (IPv4.IsMatch(n) || (n.Contains(':') && IPAddress.TryParse(n, out IPAddress? v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !n.Contains('%')))
            {
                return n;
            }

            string[] labels = n.Split('.');
            for (int i = 0; i < labels.Length; i++)
            {
                string label = labels[i];
                if (i == 0 && label.Count(ch => ch == '*') == 1 && Label.IsMatch(label.Replace("*", "a")))
                {
                    continue;
                }

                if (!Label.IsMatch(label))
                {
                    return null;
                }
            }

            return n;
        }

        /// <summary>What vendor presets report: the normal form, else the text lower-cased when it has no control characters.</summary>
        private static string? Keep(string? name)
        {
            if (Normal(name) is { } normal)
            {
                return normal;
            }

            if (string.IsNullOrEmpty(name) || name.Length > 253 || name.Any(ch => ch < 0x20 || (ch >= 0x7F && ch <= 0x9F)))
            {
                return null;
            }

            return new string(name.Select(ch => ch >= 'A' && ch <= 'Z' ? (char)(ch | 0x20) : ch).ToArray());
        }

        /// <summary>RFC 6125: exact, or "*." over exactly one left-most label with at least two labels after it.</summary>
        private static bool Covers(string presented, string reference)
        {
            string? p = Normal(presented);
            string? r = Normal(reference);
            if (p is null || r is null || r.Contains('*') || IPv4.IsMatch(r) || r.Contains(':'))
            {
                return false;
            }

            if (!p.Contains('*'))
            {
                return p == r;
            }

            if (!p.StartsWith("*.", StringComparison.Ordinal) || p.Count(ch => ch == '.') < 2)
            {
                return false;
            }

            int dot = r.IndexOf('.');
            return dot > 0 && r[dot..] == p[1..];
        }

        // ---- corpus loading ----

        private sealed record Connection(string Id, string? Sni, bool CertificateVisible, byte[]? LeafDer, List<string> CommonNames, List<string> DnsNames, List<string> OrganizationalUnits, string? Derived);

        private static List<Connection> LoadConnections()
        {
            string root = Corpus.Directory!;
            var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            using (JsonDocument certs = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "certs", "from-pcaps", "expected.json"))))
            {
                foreach (JsonElement cert in certs.RootElement.GetProperty("certificates").EnumerateArray())
                {
                    files[cert.GetProperty("sha256").GetString()!] = Path.Combine(root, "certs", "from-pcaps", cert.GetProperty("file").GetString()!);
                }
            }

            var connections = new List<Connection>();
            foreach (string path in Directory.EnumerateFiles(root, "*.expected.json", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                if (path.Contains(Path.DirectorySeparatorChar + "certs" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }

                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
                if (!document.RootElement.TryGetProperty("summary", out JsonElement summary))
                {
                    continue;
                }

                foreach (JsonElement s in summary.EnumerateArray())
                {
                    string id = Path.GetFileName(path) + "#" + s.GetProperty("stream").ToString();
                    string? sni = s.TryGetProperty("sni", out JsonElement sniElement) && sniElement.ValueKind == JsonValueKind.String ? sniElement.GetString() : null;
                    bool visible = s.TryGetProperty("server_certificate_visible", out JsonElement v) && v.ValueKind == JsonValueKind.True;
                    byte[]? der = null;
                    var cns = new List<string>();
                    var sans = new List<string>();
                    var ous = new List<string>();
                    if (visible && s.TryGetProperty("leaf", out JsonElement leaf) && leaf.ValueKind == JsonValueKind.Object)
                    {
                        cns.AddRange(Strings(leaf, "subject_cn"));
                        sans.AddRange(Strings(leaf, "san_dns"));
                        ous.AddRange(Strings(leaf, "subject_ou"));
                        if (files.TryGetValue(leaf.GetProperty("sha256").GetString()!, out string? file))
                        {
                            der = File.ReadAllBytes(file);
                        }
                    }

                    string? derived = s.TryGetProperty("derived_server_identity", out JsonElement d) && d.ValueKind == JsonValueKind.Object
                        && d.GetProperty("value").ValueKind == JsonValueKind.String ? d.GetProperty("value").GetString() : null;
                    connections.Add(new Connection(id, sni, visible, der, cns, sans, ous, derived));
                }
            }

            return connections;
        }

        private static IEnumerable<string> Strings(JsonElement parent, string property)
        {
            if (parent.TryGetProperty(property, out JsonElement array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in array.EnumerateArray())
                {
                    if (item.GetString() is { } text)
                    {
                        yield return text;
                    }
                }
            }
        }
    }
}
