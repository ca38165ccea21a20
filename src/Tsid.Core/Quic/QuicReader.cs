using System;
using System.Runtime.CompilerServices;

namespace Tsid.Quic
{
    /// <summary>
    /// A forward-only reader of QUIC fields over a span: bytes, big-endian integers and variable-length integers
    /// (RFC 9000 16). Like <see cref="Tsid.Tls.TlsReader"/>, every method returns false and leaves the reader where it
    /// was when the input is too short, and <see cref="Position"/> is absolute (offset in the datagram).
    /// </summary>
    internal ref struct QuicReader
    {
        /// <summary>The largest variable-length integer, 2^62-1 (RFC 9000 16).</summary>
        public const ulong MaxVarint = (1UL << 62) - 1;

        private ReadOnlySpan<byte> _rest;
        private readonly int _end;

        /// <summary>Creates a reader over <paramref name="data"/> whose first byte is at <paramref name="baseOffset"/>.</summary>
        public QuicReader(ReadOnlySpan<byte> data, int baseOffset)
        {
            _rest = data;
            _end = baseOffset + data.Length;
        }

        /// <summary>The absolute offset of the next byte to read.</summary>
        public readonly int Position => _end - _rest.Length;

        /// <summary>The bytes left.</summary>
        public readonly int Remaining => _rest.Length;

        /// <summary>True when every byte was read.</summary>
        public readonly bool IsEmpty => _rest.IsEmpty;

        /// <summary>The bytes not read yet.</summary>
        public readonly ReadOnlySpan<byte> RemainingBytes => _rest;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadByte(out byte value)
        {
            if (_rest.IsEmpty)
            {
                value = 0;
                return false;
            }

            value = _rest[0];
            _rest = _rest.Slice(1);
            return true;
        }

        public bool TryReadUInt32(out uint value)
        {
            if (_rest.Length < 4)
            {
                value = 0;
                return false;
            }

            value = ((uint)_rest[0] << 24) | ((uint)_rest[1] << 16) | ((uint)_rest[2] << 8) | _rest[3];
            _rest = _rest.Slice(4);
            return true;
        }

        /// <summary>RFC 9000 16: the two most significant bits of the first byte give the length, 1, 2, 4 or 8 bytes.</summary>
        public bool TryReadVarint(out ulong value)
        {
            if (_rest.IsEmpty)
            {
                value = 0;
                return false;
            }

            int length = 1 << (_rest[0] >> 6);
            if (_rest.Length < length)
            {
                value = 0;
                return false;
            }

            ulong v = (ulong)(_rest[0] & 0x3f);
            for (int i = 1; i < length; i++)
            {
                v = (v << 8) | _rest[i];
            }

            value = v;
            _rest = _rest.Slice(length);
            return true;
        }

        public bool TryReadBytes(ulong length, out ReadOnlySpan<byte> bytes)
        {
            if (length > (ulong)_rest.Length)
            {
                bytes = default;
                return false;
            }

            bytes = _rest.Slice(0, (int)length);
            _rest = _rest.Slice((int)length);
            return true;
        }

        public bool TrySkip(int length)
        {
            if ((uint)length > (uint)_rest.Length)
            {
                return false;
            }

            _rest = _rest.Slice(length);
            return true;
        }
    }
}
