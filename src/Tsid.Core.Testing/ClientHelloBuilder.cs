using System;
using System.Collections.Generic;
using System.Text;
using Tsid.Tls;

namespace Tsid.Testing
{
    /// <summary>
    /// Builds a ClientHello (RFC 8446 4.1.2) field by field, extensions in the order of the calls: SNI or none (or odd SNI
    /// bytes), ALPN, supported versions and groups, key shares of any size (X25519MLKEM768's 1216 bytes), an ECH outer
    /// extension, GREASE anywhere, any extension raw. Emits the body, the handshake message, or records
    /// (see <see cref="TlsWire.Segments(byte[], int)"/> to cut those into TCP segments).
    /// </summary>
    /// <example>
    /// <code>
    /// byte[] record = new ClientHelloBuilder()
    ///     .CipherSuites(TlsGrease.Value(0), 0x1301, 0x1302)
    ///     .ServerName("www.example.com")
    ///     .Alpn("h2", "http/1.1")
    ///     .SupportedVersions(0x0304, 0x0303)
    ///     .KeyShares((ClientHelloBuilder.X25519MLKEM768, ClientHelloBuilder.X25519MLKEM768KeyShareLength), (ClientHelloBuilder.X25519, 32))
    ///     .ToRecord();
    /// </code>
    /// </example>
    public sealed class ClientHelloBuilder
    {
        /// <summary>The X25519MLKEM768 hybrid group (0x11EC, draft-ietf-tls-ecdhe-mlkem).</summary>
        public const ushort X25519MLKEM768 = 0x11EC;

        /// <summary>Its client key share: an ML-KEM-768 encapsulation key (1184 bytes) then an X25519 share (32).</summary>
        public const int X25519MLKEM768KeyShareLength = 1216;

        /// <summary>The x25519 group (RFC 8446 4.2.7).</summary>
        public const ushort X25519 = 0x001D;

        /// <summary>The encrypted_client_hello extension type (RFC 9849 11.1).</summary>
        public const ushort EncryptedClientHelloType = 0xFE0D;

        private readonly List<(int Type, byte[] Data)> _extensions = new();
        private int _legacyVersion = 0x0303;
        private byte[] _random = new byte[32];
        private byte[] _sessionId = Array.Empty<byte>();
        private int[] _cipherSuites = { 0x1301, 0xc02f };
        private byte[] _compressionMethods = { 0 };
        private bool _omitExtensions;

        /// <summary>legacy_version (0x0303 by default, as TLS 1.3 requires).</summary>
        /// <param name="version">The value.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder LegacyVersion(int version)
        {
            _legacyVersion = version;
            return this;
        }

        /// <summary>random (32 zero bytes by default). Any length is written as given.</summary>
        /// <param name="random">The bytes.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder Random(byte[] random)
        {
            _random = random ?? throw new ArgumentNullException(nameof(random));
            return this;
        }

        /// <summary>legacy_session_id (empty by default; 32 bytes is what TLS 1.3 middlebox compatibility sends).</summary>
        /// <param name="sessionId">The bytes.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder SessionId(byte[] sessionId)
        {
            _sessionId = sessionId ?? throw new ArgumentNullException(nameof(sessionId));
            return this;
        }

        /// <summary>cipher_suites in order (GREASE values included as given).</summary>
        /// <param name="suites">The suites.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder CipherSuites(params int[] suites)
        {
            _cipherSuites = suites ?? throw new ArgumentNullException(nameof(suites));
            return this;
        }

        /// <summary>legacy_compression_methods (<c>{ 0 }</c> by default).</summary>
        /// <param name="methods">The methods.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder CompressionMethods(params byte[] methods)
        {
            _compressionMethods = methods ?? throw new ArgumentNullException(nameof(methods));
            return this;
        }

        /// <summary>Writes no extensions block at all, as an SSL 3.0 / early TLS client did (extensions added are ignored).</summary>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder WithoutExtensionsBlock()
        {
            _omitExtensions = true;
            return this;
        }

        /// <summary>Any extension, written where it is added.</summary>
        /// <param name="type">The ExtensionType (a GREASE value from <see cref="TlsGrease"/> too).</param>
        /// <param name="data">The extension_data, as given.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder Extension(int type, byte[] data)
        {
            _extensions.Add((type, data ?? throw new ArgumentNullException(nameof(data))));
            return this;
        }

        /// <summary>server_name (RFC 6066 3) with the host names given, one byte per character (more than one breaks the RFC, on purpose if you like).</summary>
        /// <param name="hostNames">The names.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder ServerName(params string[] hostNames) => Extension(0x0000, TlsWire.ServerNameData(hostNames));

        /// <summary>server_name with host_name entries of exactly these bytes (UTF-8 U-labels, NUL, a trailing dot…).</summary>
        /// <param name="hostNames">The names' bytes.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder ServerNameBytes(params byte[][] hostNames) => Extension(0x0000, TlsWire.ServerNameData(hostNames));

        /// <summary>application_layer_protocol_negotiation (RFC 7301 3.1).</summary>
        /// <param name="protocols">The protocol names, in preference order.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder Alpn(params string[] protocols) => Extension(0x0010, TlsWire.AlpnData(protocols));

        /// <summary>supported_versions (RFC 8446 4.2.1).</summary>
        /// <param name="versions">The versions, e.g. 0x0304, 0x0303.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder SupportedVersions(params int[] versions) => Extension(0x002B, TlsWire.U16List8(versions));

        /// <summary>supported_groups (RFC 8446 4.2.7).</summary>
        /// <param name="groups">The NamedGroups.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder SupportedGroups(params int[] groups) => Extension(0x000A, TlsWire.U16List16(groups));

        /// <summary>signature_algorithms (RFC 8446 4.2.3).</summary>
        /// <param name="schemes">The SignatureSchemes.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder SignatureAlgorithms(params int[] schemes) => Extension(0x000D, TlsWire.U16List16(schemes));

        /// <summary>ec_point_formats (RFC 8422 5.1.2).</summary>
        /// <param name="formats">The formats (0 = uncompressed).</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder EcPointFormats(params byte[] formats) => Extension(0x000B, TlsWire.Vector8(formats));

        /// <summary>
        /// key_share (RFC 8446 4.2.8): one KeyShareEntry per (group, length), the key_exchange filled with a fixed pattern
        /// (a test needs the size, not a key). A post-quantum hello: <c>(X25519MLKEM768, X25519MLKEM768KeyShareLength)</c>.
        /// </summary>
        /// <param name="shares">(NamedGroup, key_exchange length) pairs.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder KeyShares(params (int Group, int Length)[] shares)
        {
            var entries = new byte[(shares ?? throw new ArgumentNullException(nameof(shares))).Length][];
            for (int i = 0; i < shares.Length; i++)
            {
                entries[i] = TlsWire.Concat(TlsWire.U16(shares[i].Group), TlsWire.Vector16(Pattern(shares[i].Length, shares[i].Group)));
            }

            return Extension(0x0033, TlsWire.Vector16(TlsWire.Concat(entries)));
        }

        /// <summary>
        /// An outer encrypted_client_hello (RFC 9849 5): type outer(0), the HPKE cipher suite, config_id, enc and payload of
        /// the sizes given (pattern bytes). Chrome sends such a "GREASE ECH" when it has no ECH config.
        /// </summary>
        /// <param name="configId">config_id.</param>
        /// <param name="kdfId">HpkeKdfId (1 = HKDF-SHA256).</param>
        /// <param name="aeadId">HpkeAeadId (1 = AES-128-GCM).</param>
        /// <param name="encLength">The length of enc (32 for X25519).</param>
        /// <param name="payloadLength">The length of payload.</param>
        /// <returns>This builder.</returns>
        public ClientHelloBuilder EncryptedClientHelloOuter(byte configId = 0x7B, int kdfId = 1, int aeadId = 1, int encLength = 32, int payloadLength = 176) =>
            Extension(EncryptedClientHelloType, TlsWire.Concat(
                new byte[] { 0 },
                TlsWire.U16Values(kdfId, aeadId),
                new[] { configId },
                TlsWire.Vector16(Pattern(encLength, 0xE0)),
                TlsWire.Vector16(Pattern(payloadLength, 0xE1))));

        /// <summary>The ClientHello body.</summary>
        /// <returns>The bytes after the handshake header.</returns>
        public byte[] ToBody() => TlsWire.Concat(
            TlsWire.U16(_legacyVersion),
            _random,
            TlsWire.Vector8(_sessionId),
            TlsWire.Vector16(TlsWire.U16Values(_cipherSuites)),
            TlsWire.Vector8(_compressionMethods),
            _omitExtensions ? Array.Empty<byte>() : TlsWire.Extensions(_extensions));

        /// <summary>The handshake message: type client_hello(1), uint24 length, body.</summary>
        /// <returns>The message.</returns>
        public byte[] ToMessage() => TlsWire.Handshake(TlsHandshakeType.ClientHello, ToBody());

        /// <summary>The message in one handshake record (or several when it is longer than 2^14 bytes, RFC 8446 5.1).</summary>
        /// <param name="recordVersion">legacy_record_version (0x0301 by default).</param>
        /// <returns>The record bytes.</returns>
        public byte[] ToRecord(int recordVersion = TlsWire.Tls10RecordVersion) => ToRecords(TlsWire.MaxFragmentLength, recordVersion);

        /// <summary>The message cut into handshake records of at most <paramref name="maxFragment"/> bytes each.</summary>
        /// <param name="maxFragment">The largest fragment.</param>
        /// <param name="recordVersion">legacy_record_version.</param>
        /// <returns>The records, concatenated.</returns>
        public byte[] ToRecords(int maxFragment, int recordVersion = TlsWire.Tls10RecordVersion) =>
            TlsWire.Records(TlsWire.HandshakeContentType, ToMessage(), maxFragment, recordVersion);

        internal static byte[] Pattern(int length, int seed)
        {
            byte[] bytes = new byte[length];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((i * 31) + seed);
            }

            return bytes;
        }
    }
}
