using System;

namespace Tsid.X509
{
    /// <summary>Enumerates a certificate's extensions in DER order. Allocation-free.</summary>
    public ref struct ExtensionEnumerator
    {
        private DerReader _reader;
        private Extension _current;

        internal ExtensionEnumerator(ReadOnlySpan<byte> extensions)
        {
            _reader = new DerReader(extensions);
            _current = default;
        }

        /// <summary>The current extension.</summary>
        public readonly Extension Current => _current;

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly ExtensionEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next extension; false when there is none.</summary>
        public bool MoveNext()
        {
            if (!_reader.HasData || !Extension.TryRead(ref _reader, rejectEncodedDefault: false, out _current, out _, out _))
            {
                _reader = default;
                return false;
            }

            return true;
        }
    }
}
