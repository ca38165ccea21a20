using System;

namespace Tsid.X509
{
    /// <summary>Enumerates the RDNs of a name in DER order (least specific first, usually C or DC). Allocation-free.</summary>
    public ref struct RelativeDistinguishedNameEnumerator
    {
        private ReadOnlySpan<byte> _rest;
        private RelativeDistinguishedName _current;

        internal RelativeDistinguishedNameEnumerator(ReadOnlySpan<byte> rdns)
        {
            _rest = rdns;
            _current = default;
        }

        /// <summary>The current RDN.</summary>
        public readonly RelativeDistinguishedName Current => _current;

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly RelativeDistinguishedNameEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next RDN; false when there is none.</summary>
        public bool MoveNext()
        {
            if (_rest.IsEmpty || !Der.TryRead(ref _rest, out byte tag, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> encoded) || tag != DerTag.Set)
            {
                _rest = default;
                return false;
            }

            _current = new RelativeDistinguishedName(encoded, content);
            return true;
        }
    }
}
