using System;
using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// What the rules and the resolver ask of a leaf certificate, located in one pass over its subject and one over its
    /// subjectAltName when the evidence is built: the first CN (and whether there are several), the first OU, the first
    /// dNSName (and whether there is one), and whether some dNSName is a near-duplicate (one edit away) of the first CN or
    /// of the first dNSName. A resolve then reads these instead of walking the lists again; only an explanation, the SNI
    /// coverage check and a rule that looks at every name walk them.
    /// </summary>
    internal readonly ref struct LeafNames
    {
        private LeafNames(DirectoryString firstCommonName, int commonNames, DirectoryString firstOrganizationalUnit, bool hasOrganizationalUnit, ReadOnlySpan<byte> firstDnsName, bool hasDnsName, NearDuplicate commonNameNearDuplicate, NearDuplicate dnsNameNearDuplicate)
        {
            FirstCommonName = firstCommonName;
            CommonNameCount = commonNames;
            FirstOrganizationalUnit = firstOrganizationalUnit;
            HasOrganizationalUnit = hasOrganizationalUnit;
            FirstDnsName = firstDnsName;
            HasDnsName = hasDnsName;
            CommonNameNearDuplicate = commonNameNearDuplicate;
            FirstDnsNameNearDuplicate = dnsNameNearDuplicate;
        }

        /// <summary>The first subject commonName in DER order (OpenSSL's choice).</summary>
        public DirectoryString FirstCommonName { get; }

        /// <summary>How many commonNames the subject holds (counted up to 2: "several" is all a rule needs).</summary>
        public int CommonNameCount { get; }

        /// <summary>The first subject organizationalUnitName in DER order.</summary>
        public DirectoryString FirstOrganizationalUnit { get; }

        /// <summary>True when the subject holds an organizationalUnitName.</summary>
        public bool HasOrganizationalUnit { get; }

        /// <summary>The first dNSName of subjectAltName in wire order.</summary>
        public ReadOnlySpan<byte> FirstDnsName { get; }

        /// <summary>True when subjectAltName holds a dNSName.</summary>
        public bool HasDnsName { get; }

        /// <summary>Whether a dNSName is one edit from the first CN (its ASCII form, trailing dot ignored).</summary>
        public NearDuplicate CommonNameNearDuplicate { get; }

        /// <summary>Whether another dNSName is one edit from the first dNSName (trailing dots ignored).</summary>
        public NearDuplicate FirstDnsNameNearDuplicate { get; }

        /// <summary>Walks the subject once and the subjectAltName once.</summary>
        public static LeafNames Locate(DistinguishedName subject, bool hasSubjectAltName, SubjectAltName subjectAltName)
        {
            DirectoryString commonName = default;
            DirectoryString unit = default;
            int commonNames = 0;
            bool hasUnit = false;
            foreach (AttributeTypeAndValue attribute in subject.EnumerateAttributes())
            {
                if (attribute.Type == AttributeType.CommonName)
                {
                    if (commonNames++ == 0)
                    {
                        commonName = attribute.Value;
                    }
                    else
                    {
                        commonNames = 2;
                    }
                }
                else if (attribute.Type == AttributeType.OrganizationalUnitName && !hasUnit)
                {
                    hasUnit = true;
                    unit = attribute.Value;
                }
            }

            // The near-duplicate scan compares ASCII names; anything else is left to the resolver's own scan.
            Span<char> cn = stackalloc char[HostName.MaxLength];
            int cnLength = commonNames > 0 ? AsciiName(commonName.RawValue, ServerIdentityRuleContext.IsUtf8Compatible(commonName.StringType), cn) : -1;
            NearDuplicate cnNear = cnLength < 0 ? NearDuplicate.Unknown : NearDuplicate.No;
            Span<char> first = stackalloc char[HostName.MaxLength];
            int firstLength = -1;
            ReadOnlySpan<byte> firstDnsName = default;
            bool hasDnsName = false;
            NearDuplicate firstNear = NearDuplicate.Unknown;
            if (hasSubjectAltName)
            {
                foreach (GeneralName name in subjectAltName.Enumerate(GeneralNameType.DnsName))
                {
                    if (!hasDnsName)
                    {
                        hasDnsName = true;
                        firstDnsName = name.Value;
                        firstLength = AsciiName(firstDnsName, true, first);
                        firstNear = firstLength < 0 ? NearDuplicate.Unknown : NearDuplicate.No;
                    }
                    else if (firstNear == NearDuplicate.No && HostName.IsNearDuplicate(first.Slice(0, firstLength), name.Value))
                    {
                        firstNear = NearDuplicate.Yes;
                    }

                    if (cnNear == NearDuplicate.No && HostName.IsNearDuplicate(cn.Slice(0, cnLength), name.Value))
                    {
                        cnNear = NearDuplicate.Yes;
                    }
                }
            }

            return new LeafNames(commonName, commonNames, unit, hasUnit, firstDnsName, hasDnsName, cnNear, firstNear);
        }

        /// <summary>The ASCII bytes as chars without one trailing dot, or -1 when they are not plain ASCII text.</summary>
        private static int AsciiName(ReadOnlySpan<byte> value, bool textType, Span<char> into)
        {
            if (!textType || value.IsEmpty)
            {
                return -1;
            }

            int length = value[value.Length - 1] == (byte)'.' ? value.Length - 1 : value.Length;
            if (length > into.Length)
            {
                return -1;
            }

            for (int i = 0; i < length; i++)
            {
                if (value[i] >= 0x80)
                {
                    return -1;
                }

                into[i] = (char)value[i];
            }

            return length;
        }
    }

    /// <summary>A precomputed near-duplicate answer; <see cref="Unknown"/> sends the resolver to its own scan.</summary>
    internal enum NearDuplicate : byte
    {
        Unknown,
        No,
        Yes,
    }
}
