using System;

namespace Tsid.Tls
{
    /// <summary>One extension as it appears on the wire (RFC 8446 4.2): its type and its raw data, untouched.</summary>
    public readonly ref struct TlsExtension
    {
        /// <summary>Creates a view.</summary>
        /// <param name="type">The type.</param>
        /// <param name="data">The extension_data.</param>
        /// <param name="offset">The offset of the extension's type field in the message body.</param>
        public TlsExtension(TlsExtensionType type, ReadOnlySpan<byte> data, int offset)
        {
            Type = type;
            Data = data;
            Offset = offset;
        }

        /// <summary>The extension type (unknown and GREASE values kept as they are).</summary>
        public TlsExtensionType Type { get; }

        /// <summary>The extension_data.</summary>
        public ReadOnlySpan<byte> Data { get; }

        /// <summary>The offset of the extension's type field in the message body.</summary>
        public int Offset { get; }

        /// <summary>True for a GREASE value (RFC 8701 2: 0x0A0A, 0x1A1A, … 0xFAFA).</summary>
        public bool IsGrease => Grease.IsGrease((ushort)Type);
    }
}
