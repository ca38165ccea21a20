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
        // The bytes not read yet. Every read checks their length once, then indexes with constants and slices with
        // the same unsigned comparison the span itself makes, so the JIT drops the bounds checks it would repeat.
        private ReadOnlySpan<byte> _rest;
        private readonly int _end;

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
            _rest = data;
            _end = baseOffset + data.Length;
        }

        /// <summary>The absolute offset of the next byte to read.</summary>
        public readonly int Position
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _end - _rest.Length;
        }

        /// <summary>The number of bytes left.</summary>
        public readonly int Remaining
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _rest.Length;
        }

        /// <summary>True when every byte was read.</summary>
        public readonly bool IsEmpty
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _rest.IsEmpty;
        }

        /// <summary>The bytes not read yet.</summary>
        public readonly ReadOnlySpan<byte> RemainingBytes
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _rest;
        }

        /// <summary>Reads a <c>uint8</c>.</summary>
        /// <param name="value">The value.</param>
        /// <returns>False when no byte is left.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt8(out byte value)
        {
            ReadOnlySpan<byte> rest = _rest;
            if (!rest.IsEmpty)
            {
                value = rest[0];
                _rest = rest.Slice(1);
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
            ReadOnlySpan<byte> rest = _rest;
            if (rest.Length >= 2)
            {
                value = (ushort)((rest[0] << 8) | rest[1]);
                _rest = rest.Slice(2);
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
            ReadOnlySpan<byte> rest = _rest;
            if (rest.Length >= 3)
            {
                value = (rest[0] << 16) | (rest[1] << 8) | rest[2];
                _rest = rest.Slice(3);
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
            ReadOnlySpan<byte> rest = _rest;
            if ((uint)length <= (uint)rest.Length)
            {
                bytes = rest.Slice(0, length);
                _rest = rest.Slice(length);
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
            ReadOnlySpan<byte> rest = _rest;
            if ((uint)length <= (uint)rest.Length)
            {
                _rest = rest.Slice(length);
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
            ReadOnlySpan<byte> rest = _rest;
            if (!rest.IsEmpty)
            {
                int length = rest[0];
                ReadOnlySpan<byte> content = rest.Slice(1);
                if ((uint)length <= (uint)content.Length)
                {
                    child = new TlsReader(content.Slice(0, length), _end - content.Length);
                    _rest = content.Slice(length);
                    return true;
                }
            }

            child = default;
            return false;
        }

        /// <summary>Reads an <c>opaque x&lt;0..2^16-1&gt;</c> vector: a 2-byte length and that many bytes.</summary>
        /// <param name="child">A reader over the vector's content.</param>
        /// <returns>False when the input is too short; the reader does not move then.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt16LengthPrefixed(out TlsReader child)
        {
            ReadOnlySpan<byte> rest = _rest;
            if (rest.Length >= 2)
            {
                int length = (rest[0] << 8) | rest[1];
                ReadOnlySpan<byte> content = rest.Slice(2);
                if ((uint)length <= (uint)content.Length)
                {
                    child = new TlsReader(content.Slice(0, length), _end - content.Length);
                    _rest = content.Slice(length);
                    return true;
                }
            }

            child = default;
            return false;
        }

        /// <summary>Reads an <c>opaque x&lt;0..2^24-1&gt;</c> vector: a 3-byte length and that many bytes.</summary>
        /// <param name="child">A reader over the vector's content.</param>
        /// <returns>False when the input is too short; the reader does not move then.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadUInt24LengthPrefixed(out TlsReader child)
        {
            ReadOnlySpan<byte> rest = _rest;
            if (rest.Length >= 3)
            {
                int length = (rest[0] << 16) | (rest[1] << 8) | rest[2];
                ReadOnlySpan<byte> content = rest.Slice(3);
                if ((uint)length <= (uint)content.Length)
                {
                    child = new TlsReader(content.Slice(0, length), _end - content.Length);
                    _rest = content.Slice(length);
                    return true;
                }
            }

            child = default;
            return false;
        }
    }
}
