using System;
using System.Collections.Generic;
using Tsid.Tls;

namespace Tsid.Testing
{
    /// <summary>Builds a ServerHello (RFC 8446 4.1.3; RFC 5246 7.4.1.3), extensions in the order of the calls.</summary>
    public sealed class ServerHelloBuilder
    {
        private readonly List<(int Type, byte[] Data)> _extensions = new();
        private int _legacyVersion = 0x0303;
        private byte[] _random = new byte[32];
        private byte[] _sessionId = Array.Empty<byte>();
        private int _cipherSuite = 0xC02F;
        private byte _compressionMethod;

        /// <summary>legacy_version (0x0303 by default).</summary>
        /// <param name="version">The value.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder LegacyVersion(int version)
        {
            _legacyVersion = version;
            return this;
        }

        /// <summary>random (32 zero bytes by default).</summary>
        /// <param name="random">The bytes.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder Random(byte[] random)
        {
            _random = random ?? throw new ArgumentNullException(nameof(random));
            return this;
        }

        /// <summary>legacy_session_id_echo (empty by default).</summary>
        /// <param name="sessionId">The bytes.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder SessionId(byte[] sessionId)
        {
            _sessionId = sessionId ?? throw new ArgumentNullException(nameof(sessionId));
            return this;
        }

        /// <summary>cipher_suite (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 0xC02F, by default).</summary>
        /// <param name="suite">The suite.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder CipherSuite(int suite)
        {
            _cipherSuite = suite;
            return this;
        }

        /// <summary>legacy_compression_method (0 by default).</summary>
        /// <param name="method">The method.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder CompressionMethod(byte method)
        {
            _compressionMethod = method;
            return this;
        }

        /// <summary>Any extension, written where it is added. With none, no extensions block is written (TLS 1.2 allows that).</summary>
        /// <param name="type">The ExtensionType.</param>
        /// <param name="data">The extension_data.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder Extension(int type, byte[] data)
        {
            _extensions.Add((type, data ?? throw new ArgumentNullException(nameof(data))));
            return this;
        }

        /// <summary>supported_versions with the selected version (RFC 8446 4.2.1): 0x0304 makes it a TLS 1.3 ServerHello.</summary>
        /// <param name="version">selected_version.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder SupportedVersion(int version) => Extension(0x002B, TlsWire.U16(version));

        /// <summary>key_share with one KeyShareEntry (RFC 8446 4.2.8) of the given size (pattern bytes; X25519MLKEM768's server share is 1120).</summary>
        /// <param name="group">The NamedGroup.</param>
        /// <param name="length">The key_exchange length.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder KeyShare(int group, int length) =>
            Extension(0x0033, TlsWire.Concat(TlsWire.U16(group), TlsWire.Vector16(ClientHelloBuilder.Pattern(length, group))));

        /// <summary>application_layer_protocol_negotiation with the one protocol selected (RFC 7301 3.1).</summary>
        /// <param name="protocol">The protocol.</param>
        /// <returns>This builder.</returns>
        public ServerHelloBuilder Alpn(string protocol) => Extension(0x0010, TlsWire.AlpnData(protocol));

        /// <summary>The ServerHello body.</summary>
        /// <returns>The bytes after the handshake header.</returns>
        public byte[] ToBody() => TlsWire.Concat(
            TlsWire.U16(_legacyVersion),
            _random,
            TlsWire.Vector8(_sessionId),
            TlsWire.U16(_cipherSuite),
            new[] { _compressionMethod },
            _extensions.Count == 0 ? Array.Empty<byte>() : TlsWire.Extensions(_extensions));

        /// <summary>The handshake message: type server_hello(2), uint24 length, body.</summary>
        /// <returns>The message.</returns>
        public byte[] ToMessage() => TlsWire.Handshake(TlsHandshakeType.ServerHello, ToBody());

        /// <summary>The message in handshake records (one, unless it exceeds 2^14 bytes).</summary>
        /// <param name="recordVersion">legacy_record_version (0x0303 by default).</param>
        /// <returns>The record bytes.</returns>
        public byte[] ToRecord(int recordVersion = 0x0303) => TlsWire.Records(TlsWire.HandshakeContentType, ToMessage(), TlsWire.MaxFragmentLength, recordVersion);
    }
}
