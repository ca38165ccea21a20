using System;

namespace Tsid.X509
{
    /// <summary>Enumerates a SEQUENCE OF OBJECT IDENTIFIER already validated by its parser; yields contents octets.</summary>
    public ref struct ObjectIdentifierEnumerator
    {
        private DerReader _reader;
        private ReadOnlySpan<byte> _current;

        internal ObjectIdentifierEnumerator(ReadOnlySpan<byte> oids)
        {
            _reader = new DerReader(oids);
            _current = default;
        }

        /// <summary>The current OID's contents octets.</summary>
        public readonly ReadOnlySpan<byte> Current => _current;

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly ObjectIdentifierEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next OID; false when there is none.</summary>
        public bool MoveNext()
        {
            if (!_reader.HasData || !_reader.TryReadContent(DerTag.ObjectIdentifier, out _current, out _))
            {
                _reader = default;
                return false;
            }

            return true;
        }
    }
}
