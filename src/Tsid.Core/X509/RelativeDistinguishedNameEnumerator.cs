using System;

namespace Tsid.X509
{
    /// <summary>
    /// Enumerates the RDNs of a name in DER order (least specific first, usually C or DC). Allocation-free. In a name
    /// the parser did not walk (<see cref="CertificateParseOptions.DeferStructureChecks"/>), it stops at the first RDN
    /// that cannot be read whole.
    /// </summary>
    public ref struct RelativeDistinguishedNameEnumerator
    {
        private DerReader _reader;
        private RelativeDistinguishedName _current;

        internal RelativeDistinguishedNameEnumerator(ReadOnlySpan<byte> rdns)
        {
            _reader = new DerReader(rdns);
            _current = default;
        }

        /// <summary>The current RDN.</summary>
        public readonly RelativeDistinguishedName Current => _current;

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly RelativeDistinguishedNameEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next RDN; false when there is none.</summary>
        public bool MoveNext()
        {
            // Each RDN is checked whole as it is read: free for a name the parser walked, and for one it did not
            // (DeferStructureChecks), enumeration stops at the first RDN that cannot be read.
            if (!_reader.HasData || !DistinguishedName.TryReadRdn(ref _reader, requireValidStrings: false, out DerElement set, out _))
            {
                _reader = default;
                return false;
            }

            _current = new RelativeDistinguishedName(set.Encoded, set.Content);
            return true;
        }
    }
}
