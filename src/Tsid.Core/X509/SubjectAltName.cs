using System;

namespace Tsid.X509
{
    /// <summary>
    /// The subjectAltName extension value (RFC 5280 4.2.1.6): <c>SubjectAltName ::= GeneralNames</c>,
    /// <c>GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName</c>. Entries enumerate in wire order.
    /// </summary>
    public readonly ref struct SubjectAltName
    {
        private readonly ReadOnlySpan<byte> _entries;
        private readonly bool _malformed;

        internal SubjectAltName(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> entries, bool malformed = false)
        {
            Encoded = encoded;
            _entries = entries;
            _malformed = malformed;
        }

        /// <summary>False when the extension value is not one GeneralNames SEQUENCE (lenient mode only).</summary>
        public bool IsWellFormed => !_malformed;

        /// <summary>The extension value (the GeneralNames TLV, or the raw bytes when it is not one).</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>
        /// Reads an extnValue leniently: when it is not a single SEQUENCE the enumeration yields one
        /// <see cref="GeneralNameType.Invalid"/> entry holding all of it.
        /// </summary>
        internal static SubjectAltName FromExtensionValue(ReadOnlySpan<byte> extnValue)
        {
            return DerReader.TryReadSingle(extnValue, DerTag.Sequence, out ReadOnlySpan<byte> entries)
                ? new SubjectAltName(extnValue, entries)
                : new SubjectAltName(extnValue, extnValue, malformed: true);
        }

        /// <summary>
        /// Parses a subjectAltName extension value (the contents of its extnValue OCTET STRING).
        /// With <paramref name="strict"/>, every entry must be well formed (IA5 types 7-bit, IP addresses 4 or 16 octets,
        /// …) and there must be at least one; otherwise only the outer SEQUENCE is checked.
        /// </summary>
        /// <param name="extnValue">The extension value.</param>
        /// <param name="strict">Check every entry.</param>
        /// <param name="subjectAltName">The view.</param>
        /// <param name="error">What was wrong, when false is returned; offsets count from the start of <paramref name="extnValue"/>.</param>
        public static bool TryParse(ReadOnlySpan<byte> extnValue, bool strict, out SubjectAltName subjectAltName, out X509Error error)
        {
            return TryParse(extnValue, 0, strict, out subjectAltName, out error);
        }

        internal static bool TryParse(ReadOnlySpan<byte> extnValue, int baseOffset, bool strict, out SubjectAltName subjectAltName, out X509Error error)
        {
            subjectAltName = default;
            DerReader reader = new DerReader(extnValue, baseOffset, 0);
            if (!reader.TryReadSequence(out DerReader entries, out error) || !reader.TryReadEnd(out error))
            {
                return false;
            }

            ReadOnlySpan<byte> all = entries.RemainingBytes;
            if (strict)
            {
                if (!entries.HasData)
                {
                    error = new X509Error(X509ErrorCode.InvalidGeneralName, entries.Offset);
                    return false;
                }

                while (entries.HasData)
                {
                    if (!entries.TryReadElement(out DerElement entry, out error))
                    {
                        return false;
                    }

                    if (GeneralNames.Classify(entry.Tag, entry.Content, asciiOnly: true, out _) == GeneralNameType.Invalid)
                    {
                        error = new X509Error(X509ErrorCode.InvalidGeneralName, entry.Offset);
                        return false;
                    }
                }
            }

            subjectAltName = new SubjectAltName(extnValue, all);
            error = default;
            return true;
        }

        /// <summary>Enumerates every entry in wire order.</summary>
        public GeneralNameEnumerator GetEnumerator() => new GeneralNameEnumerator(_entries, GeneralNameType.Invalid, filtered: false, _malformed);

        /// <summary>Enumerates only the entries of <paramref name="type"/>, in wire order (for example every dNSName).</summary>
        /// <param name="type">The alternative to keep.</param>
        public GeneralNameEnumerator Enumerate(GeneralNameType type) => new GeneralNameEnumerator(_entries, type, filtered: true, _malformed);
    }
}
