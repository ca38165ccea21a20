using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using Tsid.X509;

namespace Tsid.Cli.Reports
{
    /// <summary>What the tool prints about one certificate (the JSON contract's certificate object).</summary>
    internal sealed class CertificateReport
    {
        public string? Subject { get; private set; }

        public string? Issuer { get; private set; }

        public List<string> SubjectCn { get; } = new();

        public List<string> SubjectOu { get; } = new();

        public List<string> SanDns { get; } = new();

        public List<string> SanIp { get; } = new();

        public string? Serial { get; private set; }

        public string? NotBefore { get; private set; }

        public string? NotAfter { get; private set; }

        public string Sha256 { get; private set; } = string.Empty;

        public int DerLength { get; private set; }

        /// <summary>Set when Tsid.X509 rejected the DER (code@offset); the other fields are then empty.</summary>
        public string? ParseError { get; private set; }

        public static CertificateReport From(ReadOnlySpan<byte> der)
        {
            var report = new CertificateReport
            {
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(der)),
                DerLength = der.Length,
            };
            if (!Certificate.TryParse(der, out Certificate certificate, out X509Error error))
            {
                report.ParseError = error.ToString();
                return report;
            }

            report.Fill(certificate);
            return report;
        }

        private void Fill(Certificate certificate)
        {
            Subject = certificate.Subject.ToRfc4514String();
            Issuer = certificate.Issuer.ToRfc4514String();
            foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                SubjectCn.Add(cn.Value.GetString());
            }

            foreach (AttributeTypeAndValue ou in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                SubjectOu.Add(ou.Value.GetString());
            }

            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type == GeneralNameType.DnsName)
                    {
                        SanDns.Add(name.GetString());
                    }
                    else if (name.Type == GeneralNameType.IPAddress && (name.Value.Length == 4 || name.Value.Length == 16))
                    {
                        SanIp.Add(new System.Net.IPAddress(name.Value).ToString());
                    }
                }
            }

            Serial = FormatSerial(certificate.SerialNumber);
            Validity validity = certificate.Validity;
            NotBefore = validity.TryGetNotBefore(out DateTimeOffset notBefore) ? FormatTime(notBefore) : null;
            NotAfter = validity.TryGetNotAfter(out DateTimeOffset notAfter) ? FormatTime(notAfter) : null;
        }

        /// <summary>The serial as an unsigned hex number without leading zeros (the way OpenSSL and tshark print it).</summary>
        internal static string FormatSerial(ReadOnlySpan<byte> serial)
        {
            string hex = Convert.ToHexString(serial);
            int start = 0;
            while (start < hex.Length - 1 && hex[start] == '0')
            {
                start++;
            }

            return hex.Substring(start);
        }

        internal static string FormatTime(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
