using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Tsid.Tls;

namespace Tsid.Testing
{
    /// <summary>
    /// TLS wire primitives (RFC 8446 3, 4, 5.1): integers, length-prefixed vectors, extensions, handshake messages and
    /// records, and the cutting of a byte stream into records and TCP segments of chosen sizes. Nothing is checked, so a
    /// test can write any length, type or version it means. The hello builders are built on these.
    /// </summary>
    public static class TlsWire
    {
        /// <summary>ContentType handshake (22), RFC 8446 5.1.</summary>
        public const byte HandshakeContentType = 22;

        /// <summary>The record version ClientHellos are usually sent with (TLS 1.0, RFC 8446 5.1 legacy_record_version).</summary>
        public const int Tls10RecordVersion = 0x0301;

        /// <summary>The largest record fragment: 2^14 bytes (RFC 8446 5.1).</summary>
        public const int MaxFragmentLength = 1 << 14;

        /// <summary>A uint16, big-endian.</summary>
        /// <param name="value">The value (the low 16 bits are written).</param>
        /// <returns>Two bytes.</returns>
        public static byte[] U16(int value) => new[] { (byte)(value >> 8), (byte)value };

        /// <summary>A uint24, big-endian.</summary>
        /// <param name="value">The value (the low 24 bits are written).</param>
        /// <returns>Three bytes.</returns>
        public static byte[] U24(int value) => new[] { (byte)(value >> 16), (byte)(value >> 8), (byte)value };

        /// <summary>uint16 values one after the other (cipher suites, groups, versions, signature schemes).</summary>
        /// <param name="values">The values.</param>
        /// <returns>2 × n bytes.</returns>
        public static byte[] U16Values(params int[] values)
        {
            var bytes = new byte[(values ?? throw new ArgumentNullException(nameof(values))).Length * 2];
            for (int i = 0; i < values.Length; i++)
            {
                bytes[2 * i] = (byte)(values[i] >> 8);
                bytes[(2 * i) + 1] = (byte)values[i];
            }

            return bytes;
        }

        /// <summary>The parts one after the other.</summary>
        /// <param name="parts">The byte arrays.</param>
        /// <returns>A new array.</returns>
        public static byte[] Concat(params byte[][] parts) => Der.Concat(parts);

        /// <summary>A vector with a one-byte length (<c>opaque x&lt;0..2^8-1&gt;</c>, RFC 8446 3.4).</summary>
        /// <param name="content">The content.</param>
        /// <returns>The length then the content.</returns>
        public static byte[] Vector8(byte[] content) => Concat(new[] { (byte)content.Length }, content);

        /// <summary>A vector with a two-byte length (<c>&lt;0..2^16-1&gt;</c>).</summary>
        /// <param name="content">The content.</param>
        /// <returns>The length then the content.</returns>
        public static byte[] Vector16(byte[] content) => Concat(U16(content.Length), content);

        /// <summary>A vector with a three-byte length (<c>&lt;0..2^24-1&gt;</c>).</summary>
        /// <param name="content">The content.</param>
        /// <returns>The length then the content.</returns>
        public static byte[] Vector24(byte[] content) => Concat(U24(content.Length), content);

        /// <summary>A list of uint16 values in a one-byte-length vector (supported_versions in a ClientHello).</summary>
        /// <param name="values">The values.</param>
        /// <returns>The vector.</returns>
        public static byte[] U16List8(params int[] values) => Vector8(U16Values(values));

        /// <summary>A list of uint16 values in a two-byte-length vector (supported_groups, signature_algorithms).</summary>
        /// <param name="values">The values.</param>
        /// <returns>The vector.</returns>
        public static byte[] U16List16(params int[] values) => Vector16(U16Values(values));

        /// <summary>One Extension: its type and its extension_data as a two-byte-length vector (RFC 8446 4.2).</summary>
        /// <param name="type">The ExtensionType.</param>
        /// <param name="data">The extension_data.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Extension(int type, byte[] data) => Concat(U16(type), Vector16(data));

        /// <summary>The extensions block: a two-byte-length vector of the extensions in order.</summary>
        /// <param name="extensions">(type, extension_data) pairs.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Extensions(IReadOnlyList<(int Type, byte[] Data)> extensions)
        {
            var parts = new byte[(extensions ?? throw new ArgumentNullException(nameof(extensions))).Count][];
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = Extension(extensions[i].Type, extensions[i].Data);
            }

            return Vector16(Concat(parts));
        }

        /// <summary>
        /// server_name extension_data (RFC 6066 3): a ServerNameList of host_name entries. Each character is one byte (Latin-1),
        /// so any byte value can be written; for UTF-8 U-labels pass <c>Encoding.UTF8.GetBytes</c> to <see cref="ServerNameData(byte[][])"/>.
        /// </summary>
        /// <param name="hostNames">The host names, in order.</param>
        /// <returns>The extension_data.</returns>
        public static byte[] ServerNameData(params string[] hostNames)
        {
            var raw = new byte[(hostNames ?? throw new ArgumentNullException(nameof(hostNames))).Length][];
            for (int i = 0; i < raw.Length; i++)
            {
                raw[i] = Encoding.Latin1.GetBytes(hostNames[i]);
            }

            return ServerNameData(raw);
        }

        /// <summary>server_name extension_data with host_name entries of exactly these bytes.</summary>
        /// <param name="hostNames">The names' bytes, in order.</param>
        /// <returns>The extension_data.</returns>
        public static byte[] ServerNameData(params byte[][] hostNames)
        {
            var entries = new byte[(hostNames ?? throw new ArgumentNullException(nameof(hostNames))).Length][];
            for (int i = 0; i < entries.Length; i++)
            {
                entries[i] = Concat(new byte[] { 0 }, Vector16(hostNames[i]));
            }

            return Vector16(Concat(entries));
        }

        /// <summary>application_layer_protocol_negotiation extension_data (RFC 7301 3.1): a ProtocolNameList.</summary>
        /// <param name="protocols">The protocol names (ASCII), in order.</param>
        /// <returns>The extension_data.</returns>
        public static byte[] AlpnData(params string[] protocols)
        {
            var entries = new byte[(protocols ?? throw new ArgumentNullException(nameof(protocols))).Length][];
            for (int i = 0; i < entries.Length; i++)
            {
                entries[i] = Vector8(Encoding.ASCII.GetBytes(protocols[i]));
            }

            return Vector16(Concat(entries));
        }

        /// <summary>A handshake message: msg_type, a uint24 length, the body (RFC 8446 4).</summary>
        /// <param name="type">The HandshakeType.</param>
        /// <param name="body">The body.</param>
        /// <returns>The message.</returns>
        public static byte[] Handshake(byte type, byte[] body) => Concat(new[] { type }, U24(body.Length), body);

        /// <summary>A handshake message of a known type.</summary>
        /// <param name="type">The HandshakeType.</param>
        /// <param name="body">The body.</param>
        /// <returns>The message.</returns>
        public static byte[] Handshake(TlsHandshakeType type, byte[] body) => Handshake((byte)type, body);

        /// <summary>One TLSPlaintext record: type, legacy_record_version, a uint16 length, the fragment (RFC 8446 5.1). The length is not capped.</summary>
        /// <param name="contentType">The ContentType.</param>
        /// <param name="payload">The fragment.</param>
        /// <param name="version">The record version.</param>
        /// <returns>The record.</returns>
        public static byte[] Record(byte contentType, byte[] payload, int version = Tls10RecordVersion) =>
            Concat(new[] { contentType }, U16(version), U16(payload.Length), payload);

        /// <summary>A byte stream cut into records of at most <paramref name="max"/> bytes of fragment each, concatenated.</summary>
        /// <param name="contentType">The ContentType of every record.</param>
        /// <param name="stream">The bytes (e.g. handshake messages one after the other).</param>
        /// <param name="max">The largest fragment (1 … <see cref="MaxFragmentLength"/> for a valid stream).</param>
        /// <param name="version">The record version.</param>
        /// <returns>The records.</returns>
        public static byte[] Records(byte contentType, byte[] stream, int max, int version = Tls10RecordVersion) =>
            Records(contentType, stream, new[] { max }, version);

        /// <summary>A byte stream cut into records whose fragment sizes follow <paramref name="fragmentSizes"/> (cycling; the last record takes what is left).</summary>
        /// <param name="contentType">The ContentType of every record.</param>
        /// <param name="stream">The bytes.</param>
        /// <param name="fragmentSizes">The fragment sizes, each at least 1.</param>
        /// <param name="version">The record version.</param>
        /// <returns>The records.</returns>
        public static byte[] Records(byte contentType, byte[] stream, IReadOnlyList<int> fragmentSizes, int version = Tls10RecordVersion)
        {
            var records = new List<byte[]>();
            foreach (byte[] fragment in Segments(stream, fragmentSizes))
            {
                records.Add(Record(contentType, fragment, version));
            }

            return Der.Concat(records);
        }

        /// <summary>Bytes cut into pieces of <paramref name="size"/> bytes (the last may be shorter): TCP segments for <see cref="Feed"/>.</summary>
        /// <param name="bytes">The stream.</param>
        /// <param name="size">The piece size, at least 1.</param>
        /// <returns>The pieces, in order.</returns>
        public static IReadOnlyList<byte[]> Segments(byte[] bytes, int size) => Segments(bytes, new[] { size });

        /// <summary>Bytes cut into pieces whose sizes follow <paramref name="sizes"/>, cycling (e.g. 1, 7, 300).</summary>
        /// <param name="bytes">The stream.</param>
        /// <param name="sizes">The piece sizes, each at least 1.</param>
        /// <returns>The pieces, in order; empty for empty input.</returns>
        public static IReadOnlyList<byte[]> Segments(byte[] bytes, IReadOnlyList<int> sizes)
        {
            if (bytes is null)
            {
                throw new ArgumentNullException(nameof(bytes));
            }

            if (sizes is null || sizes.Count == 0)
            {
                throw new ArgumentException("at least one size", nameof(sizes));
            }

            var pieces = new List<byte[]>();
            int at = 0;
            for (int i = 0; at < bytes.Length; i++)
            {
                int size = sizes[i % sizes.Count];
                if (size < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(sizes), "sizes are at least 1");
                }

                int n = Math.Min(size, bytes.Length - at);
                pieces.Add(bytes.AsSpan(at, n).ToArray());
                at += n;
            }

            return pieces;
        }

        /// <summary>Feeds the segments to the observer in order, stopping at the first <see cref="OperationStatus.InvalidData"/>.</summary>
        /// <param name="observer">The observer.</param>
        /// <param name="direction">The direction the bytes travel.</param>
        /// <param name="segments">The segments.</param>
        /// <returns>The status of the last feed (<see cref="OperationStatus.NeedMoreData"/> when there was none).</returns>
        public static OperationStatus Feed(TlsConnectionObserver observer, TlsDirection direction, IEnumerable<byte[]> segments)
        {
            if (observer is null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            OperationStatus status = OperationStatus.NeedMoreData;
            foreach (byte[] segment in segments ?? throw new ArgumentNullException(nameof(segments)))
            {
                status = observer.Feed(direction, segment);
                if (status == OperationStatus.InvalidData)
                {
                    break;
                }
            }

            return status;
        }

        /// <summary>A ClientHello body (RFC 8446 4.1.2) from its fields; the extensions block is omitted when <paramref name="extensions"/> is null (TLS 1.2 allows it).</summary>
        /// <param name="extensions">(type, extension_data) pairs, or null for no extensions block.</param>
        /// <param name="legacyVersion">legacy_version.</param>
        /// <param name="sessionId">legacy_session_id (empty by default).</param>
        /// <param name="suites">cipher_suites (TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 by default).</param>
        /// <param name="random">random (32 zero bytes by default).</param>
        /// <returns>The body.</returns>
        public static byte[] ClientHelloBody(IReadOnlyList<(int Type, byte[] Data)>? extensions, int legacyVersion = 0x0303, byte[]? sessionId = null, int[]? suites = null, byte[]? random = null) =>
            Concat(
                U16(legacyVersion),
                random ?? new byte[32],
                Vector8(sessionId ?? Array.Empty<byte>()),
                Vector16(U16Values(suites ?? new[] { 0x1301, 0xc02f })),
                Vector8(new byte[] { 0 }),
                extensions is null ? Array.Empty<byte>() : Extensions(extensions));

        /// <summary>A ServerHello body (RFC 8446 4.1.3) from its fields; no extensions block when <paramref name="extensions"/> is null.</summary>
        /// <param name="legacyVersion">legacy_version.</param>
        /// <param name="cipherSuite">cipher_suite.</param>
        /// <param name="extensions">(type, extension_data) pairs, or null.</param>
        /// <param name="random">random (32 zero bytes by default).</param>
        /// <param name="sessionId">legacy_session_id_echo.</param>
        /// <returns>The body.</returns>
        public static byte[] ServerHelloBody(int legacyVersion, int cipherSuite, IReadOnlyList<(int Type, byte[] Data)>? extensions, byte[]? random = null, byte[]? sessionId = null) =>
            Concat(
                U16(legacyVersion),
                random ?? new byte[32],
                Vector8(sessionId ?? Array.Empty<byte>()),
                U16(cipherSuite),
                new byte[] { 0 },
                extensions is null ? Array.Empty<byte>() : Extensions(extensions));

        /// <summary>A TLS 1.2 Certificate body (RFC 5246 7.4.2): a uint24 vector of uint24-length DER certificates, leaf first.</summary>
        /// <param name="certificates">The DER certificates.</param>
        /// <returns>The body.</returns>
        public static byte[] CertificateBody(params byte[][] certificates)
        {
            var parts = new byte[(certificates ?? throw new ArgumentNullException(nameof(certificates))).Length][];
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = Vector24(certificates[i]);
            }

            return Vector24(Concat(parts));
        }

        /// <summary>A TLS 1.3 Certificate body (RFC 8446 4.4.2): certificate_request_context, then CertificateEntry items (cert_data, no extensions).</summary>
        /// <param name="requestContext">certificate_request_context (empty for a server).</param>
        /// <param name="certificates">The DER certificates.</param>
        /// <returns>The body.</returns>
        public static byte[] Certificate13Body(byte[] requestContext, params byte[][] certificates)
        {
            var parts = new byte[(certificates ?? throw new ArgumentNullException(nameof(certificates))).Length][];
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = Concat(Vector24(certificates[i]), U16(0));
            }

            return Concat(Vector8(requestContext ?? Array.Empty<byte>()), Vector24(Concat(parts)));
        }

        /// <summary>A TLS 1.2 server flight in one handshake stream: ServerHello, Certificate, ServerHelloDone (RFC 5246 7.3).</summary>
        /// <param name="serverHelloBody">The ServerHello body (e.g. <see cref="ServerHelloBuilder.ToBody"/>).</param>
        /// <param name="certificates">The DER certificates, leaf first.</param>
        /// <returns>The three messages, concatenated (wrap with <see cref="Records(byte, byte[], int, int)"/>).</returns>
        public static byte[] Tls12ServerFlight(byte[] serverHelloBody, params byte[][] certificates) => Concat(
            Handshake(TlsHandshakeType.ServerHello, serverHelloBody),
            Handshake(TlsHandshakeType.Certificate, CertificateBody(certificates)),
            Handshake(TlsHandshakeType.ServerHelloDone, Array.Empty<byte>()));
    }
}
