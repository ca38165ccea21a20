using System;
using System.Runtime.CompilerServices;

namespace Tsid.Tls
{
    /// <summary>
    /// A forward-only reader of TLS presentation-language fields (RFC 8446 3) over a span, shaped like Go's
    /// cryptobyte: fixed-width big-endian integers and length-prefixed children. Every method returns false and
    /// leaves the reader where it was when the input is too short; it never reads outside its span.
    /// <see cref="Position"/> is absolute: children created from a reader carry their offset in the outermost input.
    /// </summary>
    public ref struct TlsReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly int _base;
        private int _pos;

        /// <summary>Creates a reader over <paramref name="data"/> whose first byte is at offset 0.</summary>
        /// <param name="data">The bytes.</param>
        public TlsReader(ReadOnlySpan<byte> data)
            : this(data, 0)
        {
        }

        /// <summary>Creates a reader over <paramref name="data"/> whose first byte is at <paramref name="baseOffset"/>.</summary>
        /// <param name="data">The bytes.</param>
        /// <param name="baseOffset">The offset of <paramref name="data"/>[0] in the outermost input (for error offsets).</param>
        public TlsReader(ReadOnlySpan<byte> data, int baseOffset)
        {
            _data = data;
            _base = baseOffset;
            _pos = 0;
        }

        /// <summary>The absolute offset of the next byte to read.</summary>
        public readonly int Position => _base + _pos;

        /// <summary>The number of bytes left.</summary>
        public readonly int Remaining => _data.Length - _pos;

        /// <summary>True when every byte was read.</summary>
        public readonly bool IsEmpty => _pos >= _data.Length;

        /// <summary>The bytes not read yet.</summary>
        public readonly ReadOnlySpan<byte> RemainingBytes => _data.Slice(_pos);

        /// <summary>Reads a <c>uint8</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>False when no byte is left.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt8(out byte value)
        {
            if ((uint)_pos < (uint)_data.Length)
            {
                value = _data[_pos];
                _pos++;
                return true;
            }

            value = 0;
            return false;
        }

        /// <summary>Reads a big-endian <c>uint16</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>False when fewer than 2 bytes are left.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt16(out ushort value)
        {
            if (_data.Length - _pos >= 2)
            {
                value = (ushort)((_data[_pos] << 8) | _data[_pos + 1]);
                _pos += 2;
                return true;
            }

            value = 0;
            return false;
        }

        /// <summary>Reads a big-endian <c>uint24</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>False when fewer than 3 bytes are left.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt24(out int value)
        {
            if (_data.Length - _pos >= 3)
            {
                value = (_data[_pos] << 16) | (_data[_pos + 1] << 8) | _data[_pos + 2];
                _pos += 3;
                return true;
            }

            value = 0;
            return false;
        }

        /// <summary>Reads <paramref name="length"/> bytes.</summary>
        /// <param name="length">How many.</param>
        /// <param name="bytes">The bytes.</param>
        /// <returns>False when fewer are left (or <paramref name="length"/> is negative).</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadBytes(int length, out ReadOnlySpan<byte> bytes)
        {
            if ((uint)length <= (uint)(_data.Length - _pos))
            {
                bytes = _data.Slice(_pos, length);
                _pos += length;
                return true;
            }

            bytes = default;
            return false;
        }

        /// <summary>Skips <paramref name="length"/> bytes.</summary>
        /// <param name="length">How many.</param>
        /// <returns>False when fewer are left.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TrySkip(int length)
        {
            if ((uint)length <= (uint)(_data.Length - _pos))
            {
                _pos += length;
                return true;
            }

            return false;
        }

        /// <summary>Reads an <c>opaque x&lt;0..2^8-1&gt;</c> vector: a 1-byte length and that many bytes.</summary>
        /// <param name="child">A reader over the vector's content.</param>
        /// <returns>False when the input is too short; the reader does not move then.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt8LengthPrefixed(out TlsReader child)
        {
            int start = _pos;
            if (TryReadUInt8(out byte length) && TryReadChild(length, out child))
            {
                return true;
            }

            _pos = start;
            child = default;
            return false;
        }

        /// <summary>Reads an <c>opaque x&lt;0..2^16-1&gt;</c> vector: a 2-byte length and that many bytes.</summary>
        /// <param name="child">A reader over the vector's content.</param>
        /// <returns>False when the input is too short; the reader does not move then.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt16LengthPrefixed(out TlsReader child)
        {
            int start = _pos;
            if (TryReadUInt16(out ushort length) && TryReadChild(length, out child))
            {
                return true;
            }

            _pos = start;
            child = default;
            return false;
        }

        /// <summary>Reads an <c>opaque x&lt;0..2^24-1&gt;</c> vector: a 3-byte length and that many bytes.</summary>
        /// <param name="child">A reader over the vector's content.</param>
        /// <returns>False when the input is too short; the reader does not move then.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt24LengthPrefixed(out TlsReader child)
        {
            int start = _pos;
            if (TryReadUInt24(out int length) && TryReadChild(length, out child))
            {
                return true;
            }

            _pos = start;
            child = default;
            return false;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool TryReadChild(int length, out TlsReader child)
        {
            if ((uint)length <= (uint)(_data.Length - _pos))
            {
                child = new TlsReader(_data.Slice(_pos, length), _base + _pos);
                _pos += length;
                return true;
            }

            child = default;
            return false;
        }
    }
}
