#region ReadNames
using System;
using System.Collections.Generic;
using Tsid.X509;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/x509.md: each block is a method here, called by <see cref="X509SampleTests"/>.</summary>
    internal static class X509Samples
    {
        public static List<string> CallReadNames(byte[] der) => ReadNames(der);

        public static bool CallHasDnsName(ReadOnlySpan<byte> der, ReadOnlySpan<byte> wanted) => HasDnsName(der, wanted);

        public static string CallFirstDnsName(ReadOnlySpan<byte> der) => FirstDnsName(der);

        public static string CallFirstCommonName(ReadOnlySpan<byte> der) => FirstCommonName(der);

        public static List<string> CallSubjectsFromPem(string pem) => SubjectsFromPem(pem);

        #region ReadNames
        static List<string> ReadNames(byte[] der)
        {
            List<string> lines = new();
            if (!Certificate.TryParse(der, out Certificate certificate, out X509Error error))
            {
                lines.Add("not a certificate: " + error); // e.g. "Truncated at offset 0"
                return lines;
            }

            // Every CN and OU of the subject, in DER order. Nothing is allocated until GetString().
            foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
                lines.Add("CN  " + cn.Value.GetString());

            foreach (AttributeTypeAndValue ou in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
                lines.Add("OU  " + ou.Value.GetString());

            // Every SAN entry in wire order.
            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
                foreach (GeneralName name in san)
                    lines.Add(name.Type + "  " + name.GetString());

            lines.Add("subject " + certificate.Subject.ToRfc4514String());
            return lines;
        }
        #endregion

        #region HasDnsName
        static bool HasDnsName(ReadOnlySpan<byte> der, ReadOnlySpan<byte> wanted)
        {
            if (!Certificate.TryParse(der, out Certificate certificate, out _) || !certificate.TryGetSubjectAltName(out SubjectAltName san))
                return false;

            foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
                if (name.Value.SequenceEqual(wanted))
                    return true;

            return false;
        }
        // HasDnsName(der, "tools1.cisco.com"u8)
        #endregion

        #region FirstDnsName
        static string FirstDnsName(ReadOnlySpan<byte> der)
        {
            if (Certificate.TryParse(der, CertificateParseOptions.Deferred, out Certificate certificate, out _)
                && certificate.TryGetSubjectAltName(out SubjectAltName san))
                foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
                    return name.GetString();

            return string.Empty;
        }
        // FirstDnsName(cisco-nocn.der) == "toos.cisco.com"
        #endregion

        #region FirstCommonName
        static string FirstCommonName(ReadOnlySpan<byte> der)
        {
            Span<char> buffer = stackalloc char[256];
            if (Certificate.TryParse(der, out Certificate certificate, out _)
                && certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn)
                && cn.TryDecode(buffer, out int written))
                return buffer.Slice(0, written).ToString();

            return string.Empty;
        }
        #endregion

        #region SubjectsFromPem
        static List<string> SubjectsFromPem(string pem)
        {
            List<string> subjects = new();
            byte[] buffer = new byte[16 * 1024];
            PemCertificateEnumerator blocks = Pem.EnumerateCertificates(pem);
            while (blocks.MoveNext())
                if (blocks.Current.TryDecode(buffer, out int length)
                    && Certificate.TryParse(buffer.AsSpan(0, length), out Certificate certificate, out _))
                    subjects.Add(certificate.Subject.ToRfc4514String());

            return subjects; // blocks.Error says if a block had no END line or bad base64
        }
        #endregion
    }
}
