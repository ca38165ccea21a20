using System;

namespace Tsid.Tls
{
    /// <summary>
    /// The encrypted_client_hello extension of a ClientHello (draft-ietf-tls-esni 5):
    /// <code>
    /// enum { outer(0), inner(1) } ECHClientHelloType;
    /// struct {
    ///    ECHClientHelloType type;
    ///    select (ECHClientHello.type) {
    ///        case outer:
    ///            HpkeSymmetricCipherSuite cipher_suite;   /* uint16 kdf_id; uint16 aead_id */
    ///            uint8 config_id;
    ///            opaque enc&lt;0..2^16-1&gt;;
    ///            opaque payload&lt;1..2^16-1&gt;;
    ///        case inner:
    ///            Empty;
    ///    };
    /// } ECHClientHello;
    /// </code>
    /// When the outer form is present, the ClientHello's server_name is only the ECH <em>public name</em> of the
    /// client-facing server; the real name is encrypted in the payload.
    /// </summary>
    public readonly struct EncryptedClientHello
    {
        internal EncryptedClientHello(bool isOuter, ushort kdfId, ushort aeadId, byte configId, int encLength, int payloadLength)
        {
            IsOuter = isOuter;
            KdfId = kdfId;
            AeadId = aeadId;
            ConfigId = configId;
            EncLength = encLength;
            PayloadLength = payloadLength;
        }

        /// <summary>True for the outer form (a real ECH offer or GREASE ECH); false for the inner marker.</summary>
        public bool IsOuter { get; }

        /// <summary>The HPKE KDF id (outer only).</summary>
        public ushort KdfId { get; }

        /// <summary>The HPKE AEAD id (outer only).</summary>
        public ushort AeadId { get; }

        /// <summary>The ECHConfig id the client used (outer only).</summary>
        public byte ConfigId { get; }

        /// <summary>The length of the HPKE encapsulated key (outer only; 0 in a ClientHello after HelloRetryRequest).</summary>
        public int EncLength { get; }

        /// <summary>The length of the encrypted inner ClientHello (outer only).</summary>
        public int PayloadLength { get; }

        internal static TlsErrorCode Parse(TlsReader data, out EncryptedClientHello ech)
        {
            ech = default;
            if (!data.TryReadUInt8(out byte type))
            {
                return TlsErrorCode.InvalidEncryptedClientHello;
            }

            if (type == 1)
            {
                ech = new EncryptedClientHello(false, 0, 0, 0, 0, 0);
                return data.IsEmpty ? TlsErrorCode.None : TlsErrorCode.InvalidEncryptedClientHello;
            }

            if (type != 0 || !data.TryReadUInt16(out ushort kdf) || !data.TryReadUInt16(out ushort aead) || !data.TryReadUInt8(out byte configId)
                || !data.TryReadUInt16LengthPrefixed(out TlsReader enc) || !data.TryReadUInt16LengthPrefixed(out TlsReader payload)
                || payload.IsEmpty || !data.IsEmpty)
            {
                return TlsErrorCode.InvalidEncryptedClientHello;
            }

            ech = new EncryptedClientHello(true, kdf, aead, configId, enc.Remaining, payload.Remaining);
            return TlsErrorCode.None;
        }
    }
}
