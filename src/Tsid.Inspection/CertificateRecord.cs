using System;
using System.Collections.Generic;
using System.Threading;
using Tsid.X509;

namespace Tsid.Inspection
{
    /// <summary>
    /// One certificate of a chain, owned: a copy of its DER, with the fields people read made into strings only when first
    /// asked for (parsed once, then kept; the SHA-256 is computed on its own first read). Immutable and thread-safe.
    /// </summary>
    public sealed class CertificateRecord
    {
        private static readonly IReadOnlyList<string> NoNames = Array.Empty<string>();

        private readonly byte[] _der;
        private Fields? _fields;
        private string? _sha256;

        private CertificateRecord(byte[] der) => _der = der;

        /// <summary>A record of a copy of <paramref name="der"/>.</summary>
        /// <param name="der">The certificate's DER bytes (they need not parse).</param>
        /// <returns>The record.</returns>
        public static CertificateRecord FromDer(ReadOnlySpan<byte> der) => new CertificateRecord(der.ToArray());

        /// <summary>The DER bytes.</summary>
        public ReadOnlyMemory<byte> Der => _der;

        /// <summary>Length of the DER in bytes.</summary>
        public int DerLength => _der.Length;

        /// <summary>The SHA-256 of the DER in lower-case hex (<see cref="InspectionFormat.FormatSha256"/>).</summary>
        public string Sha256 => _sha256 ??= InspectionFormat.FormatSha256(_der);

        /// <summary>True when Tsid.X509 parsed the DER (lenient defaults); otherwise <see cref="ParseError"/> says why and the name fields are empty.</summary>
        public bool IsParsed => !Get().Error.IsError;

        /// <summary>Why the DER did not parse (code and offset), or none.</summary>
        public X509Error ParseError => Get().Error;

        /// <summary>The subject in RFC 4514 form (most specific RDN first); null when not parsed.</summary>
        public string? Subject => Get().Subject;

        /// <summary>The issuer in RFC 4514 form; null when not parsed.</summary>
        public string? Issuer => Get().Issuer;

        /// <summary>The subject's commonName values, in DER order.</summary>
        public IReadOnlyList<string> SubjectCommonNames => Get().CommonNames;

        /// <summary>The subject's organizationalUnitName values, in DER order.</summary>
        public IReadOnlyList<string> SubjectOrganizationalUnits => Get().OrganizationalUnits;

        /// <summary>The subjectAltName dNSName entries, in wire order.</summary>
        public IReadOnlyList<string> SubjectAltNameDnsNames => Get().DnsNames;

        /// <summary>The subjectAltName iPAddress entries (<see cref="InspectionFormat.FormatIPAddress"/>), in wire order.</summary>
        public IReadOnlyList<string> SubjectAltNameIPAddresses => Get().IPAddresses;

        /// <summary>The serial number (<see cref="InspectionFormat.FormatSerialNumber"/>); null when not parsed.</summary>
        public string? SerialNumber => Get().Serial;

        /// <summary>notBefore, when it decodes.</summary>
        public DateTimeOffset? NotBefore => Get().NotBefore;

        /// <summary>notAfter, when it decodes.</summary>
        public DateTimeOffset? NotAfter => Get().NotAfter;

        /// <summary>The subject, or the SHA-256 when the DER did not parse.</summary>
        /// <returns>Text for logs.</returns>
        public override string ToString() => Subject ?? Sha256;

        private Fields Get()
        {
            Fields? fields = Volatile.Read(ref _fields);
            if (fields is null)
            {
                // Two threads may both parse; either result is the same, and one is kept.
                fields = Fields.Parse(_der);
                fields = Interlocked.CompareExchange(ref _fields, fields, null) ?? fields;
            }

            return fields;
        }

        private sealed class Fields
        {
            public X509Error Error;
            public string? Subject;
            public string? Issuer;
            public string? Serial;
            public DateTimeOffset? NotBefore;
            public DateTimeOffset? NotAfter;
            public IReadOnlyList<string> CommonNames = NoNames;
            public IReadOnlyList<string> OrganizationalUnits = NoNames;
            public IReadOnlyList<string> DnsNames = NoNames;
            public IReadOnlyList<string> IPAddresses = NoNames;

            public static Fields Parse(byte[] der)
            {
                var fields = new Fields();
                if (!Certificate.TryParse(der, out Certificate certificate, out X509Error error))
                {
                    fields.Error = error;
                    return fields;
                }

                fields.Subject = certificate.Subject.ToRfc4514String();
                fields.Issuer = certificate.Issuer.ToRfc4514String();
                fields.CommonNames = Values(certificate.Subject, AttributeType.CommonName);
                fields.OrganizationalUnits = Values(certificate.Subject, AttributeType.OrganizationalUnitName);
                if (certificate.TryGetSubjectAltName(out SubjectAltName san))
                {
                    List<string>? dns = null;
                    List<string>? ip = null;
                    foreach (GeneralName name in san)
                    {
                        if (name.Type == GeneralNameType.DnsName)
                        {
                            (dns ??= new List<string>()).Add(name.GetString());
                        }
                        else if (name.Type == GeneralNameType.IPAddress && InspectionFormat.FormatIPAddress(name.Value) is { } text)
                        {
                            (ip ??= new List<string>()).Add(text);
                        }
                    }

                    fields.DnsNames = dns is null ? NoNames : dns.AsReadOnly();
                    fields.IPAddresses = ip is null ? NoNames : ip.AsReadOnly();
                }

                fields.Serial = InspectionFormat.FormatSerialNumber(certificate.SerialNumber);
                Validity validity = certificate.Validity;
                fields.NotBefore = validity.TryGetNotBefore(out DateTimeOffset notBefore) ? notBefore : null;
                fields.NotAfter = validity.TryGetNotAfter(out DateTimeOffset notAfter) ? notAfter : null;
                return fields;
            }

            private static IReadOnlyList<string> Values(DistinguishedName name, AttributeType type)
            {
                List<string>? values = null;
                foreach (AttributeTypeAndValue attribute in name.EnumerateAttributes(type))
                {
                    (values ??= new List<string>()).Add(attribute.Value.GetString());
                }

                return values is null ? NoNames : values.AsReadOnly();
            }
        }
    }
}
