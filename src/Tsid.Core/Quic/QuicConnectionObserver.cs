using System;
using System.Buffers;
using Tsid.Tls;

namespace Tsid.Quic
{
    /// <summary>
    /// Watches one QUIC connection from its UDP datagrams, both directions, and reads what is in the clear for anyone
    /// who sees the first packets: the long headers (version, connection IDs, Retry, Version Negotiation) and the
    /// Initial packets, whose keys come from the client's first Destination Connection ID (RFC 9001 5.2). Their CRYPTO
    /// frames go, at their offsets, into <see cref="Handshake"/>: the one handshake-message reassembler and ClientHello /
    /// ServerHello parsers every transport shares. Handshake packets (the certificate) are under keys only the endpoints
    /// have: they are counted, and the certificate is reported as <see cref="TlsCertificateVisibility.EncryptedTls13"/>.
    /// </summary>
    /// <remarks>
    /// Keys, header-protection and AEAD objects are made once per connection direction; each packet is decrypted into
    /// one bounded scratch buffer (<see cref="QuicLimits.MaxPacketLength"/>) rented on first use. A packet that fails
    /// authentication is discarded and counted (RFC 9001 5.3), never an exception. Decryption needs .NET 8 or later
    /// (<see cref="DecryptionSupported"/>); on netstandard2.0 an Initial gives <see cref="QuicErrorCode.DecryptionNotSupported"/>.
    /// Not thread-safe: one observer per connection.
    /// </remarks>
    public sealed partial class QuicConnectionObserver : IDisposable
    {
        private readonly QuicLimits _limits;
        private readonly byte[] _clientDcid = new byte[QuicLimits.MaxConnectionIdLength];
        private int _clientDcidLength = -1;
        private bool _retryFollowed;
        private DirectionState _client;
        private DirectionState _server;
        private byte[]? _scratch;
        private QuicError _error;
        private long _datagramIndex;
        private int _packetIndex;
        private TlsDirection _direction;
        private int _datagramLength;

        /// <summary>Creates an observer.</summary>
        /// <param name="limits">The QUIC layer's bounds; <see cref="QuicLimits.Default"/> when null.</param>
        /// <param name="handshakeLimits">The handshake layer's bounds (ClientHello cap, reorder window); its defaults when null.</param>
        public QuicConnectionObserver(QuicLimits? limits = null, TlsHandshakeLimits? handshakeLimits = null)
        {
            _limits = limits ?? QuicLimits.Default;
            Handshake = new TlsConnectionObserver(handshakeLimits, HandshakeProtocol.Quic);
            _client.Reset();
            _server.Reset();
        }

        /// <summary>
        /// True when this build of the library decrypts Initial packets (.NET 8 or later: HKDF, AES-GCM). False on
        /// netstandard2.0, where Initials give <see cref="QuicErrorCode.DecryptionNotSupported"/>.
        /// </summary>
        public static bool DecryptionSupported =>
#if NET8_0_OR_GREATER
            true;
#else
            false;
#endif

        /// <summary>The bounds this observer applies.</summary>
        public QuicLimits Limits => _limits;

        /// <summary>The handshake observer the CRYPTO frames feed: ClientHello, ServerHello, their errors.</summary>
        public TlsConnectionObserver Handshake { get; }

        /// <summary>
        /// The version of the client's latest long header (its first, unless Version Negotiation made it change);
        /// <see cref="QuicVersion.IsNone"/> before any. An unknown version is kept and reported, not guessed at.
        /// </summary>
        public QuicVersion Version { get; private set; }

        /// <summary>The server's certificate: <see cref="TlsCertificateVisibility.EncryptedTls13"/> once a ServerHello was read (QUIC is TLS 1.3 only; RFC 9001 4).</summary>
        public TlsCertificateVisibility ServerCertificateVisibility => Handshake.ServerCertificateVisibility;

        /// <summary>The first error seen (<see cref="QuicError.IsError"/> false when none).</summary>
        public QuicError Error => _error;

        /// <summary>True when any error was seen.</summary>
        public bool HasError => _error.IsError;

        /// <summary>Datagrams fed, both directions.</summary>
        public long DatagramCount { get; private set; }

        /// <summary>Initial packets decrypted (both directions), retransmissions included.</summary>
        public int InitialPacketCount { get; private set; }

        /// <summary>Handshake packets seen and skipped: their keys come from the TLS key exchange (RFC 9001 4.1.4).</summary>
        public int HandshakePacketCount { get; private set; }

        /// <summary>0-RTT packets seen and skipped.</summary>
        public int ZeroRttPacketCount { get; private set; }

        /// <summary>Short-header (1-RTT) packets seen and skipped.</summary>
        public int OneRttPacketCount { get; private set; }

        /// <summary>Packets of a version whose keys are unknown (<see cref="QuicErrorCode.UnsupportedVersion"/>).</summary>
        public int UnsupportedVersionPacketCount { get; private set; }

        /// <summary>Initial packets that did not decrypt (bad AEAD tag: corrupt, or other keys) and were discarded.</summary>
        public int DecryptFailures { get; private set; }

        /// <summary>CRYPTO frames read from Initial packets (both directions).</summary>
        public int CryptoFrameCount { get; private set; }

        /// <summary>True when a server sent a Retry (RFC 9000 17.2.5).</summary>
        public bool RetrySeen { get; private set; }

        /// <summary>
        /// True when a Retry was followed: its integrity tag matched (RFC 9001 5.8), and its Source Connection ID became
        /// the Destination Connection ID the Initial keys are derived from (RFC 9001 5.2).
        /// </summary>
        public bool RetryFollowed => _retryFollowed;

        /// <summary>True when a server sent a Version Negotiation packet (RFC 9000 17.2.1).</summary>
        public bool VersionNegotiationSeen { get; private set; }

        /// <summary>True when an Initial carried a CONNECTION_CLOSE frame (type 0x1c).</summary>
        public bool ConnectionCloseSeen { get; private set; }

        /// <summary>The error code of the first CONNECTION_CLOSE frame (RFC 9000 20), when <see cref="ConnectionCloseSeen"/>.</summary>
        public ulong ConnectionCloseErrorCode { get; private set; }

        /// <summary>Bytes after the last packet of a datagram that are not a packet (zero padding some clients append).</summary>
        public long TrailingBytes { get; private set; }

        /// <summary>The highest end offset (offset + length) of the CRYPTO frames of a direction's Initial packets.</summary>
        /// <param name="direction">Which direction.</param>
        /// <returns>The byte count.</returns>
        public long CryptoBytes(TlsDirection direction) => State(direction).CryptoEnd;

        /// <summary>The SNI host name of the ClientHello, as a string (allocates; for display).</summary>
        /// <returns>The name, or null.</returns>
        public string? GetServerNameString() => Handshake.GetServerNameString();

        /// <summary>
        /// Reads one whole UDP datagram of the connection: its coalesced packets (RFC 9000 12.2) and any trailing padding.
        /// </summary>
        /// <param name="direction">Who sent it.</param>
        /// <param name="datagram">The UDP payload.</param>
        /// <returns>
        /// <see cref="OperationStatus.NeedMoreData"/>: read, keep feeding; <see cref="OperationStatus.Done"/>: the
        /// ServerHello was read, nothing more of the handshake is in the clear; <see cref="OperationStatus.InvalidData"/>:
        /// this datagram held an error (<see cref="Error"/> keeps the first). A packet that fails authentication is
        /// discarded and later datagrams are still read; an invalid frame or handshake makes its direction invalid for good.
        /// </returns>
        public OperationStatus Feed(TlsDirection direction, ReadOnlySpan<byte> datagram)
        {
            _datagramIndex = DatagramCount;
            DatagramCount++;
            _direction = direction;
            _datagramLength = datagram.Length;
            _packetIndex = 0;
            if (State(direction).Failed)
            {
                return OperationStatus.InvalidData;
            }

            if (datagram.IsEmpty)
            {
                return Fail(QuicErrorCode.EmptyDatagram, 0);
            }

            int position = 0;
            while (position < datagram.Length)
            {
                if (_packetIndex >= _limits.MaxPacketsPerDatagram)
                {
                    return Fail(QuicErrorCode.TooManyPackets, position);
                }

                byte first = datagram[position];
                if ((first & 0x40) == 0 && (position > 0 || (first & 0x80) == 0))
                {
                    // Not a packet (RFC 9000 17.2/17.3: the fixed bit is 1): padding after the last packet (RFC 9000 12.2).
                    TrailingBytes += datagram.Length - position;
                    break;
                }

                if ((first & 0x80) == 0)
                {
                    // A short header runs to the end of the datagram (RFC 9000 12.2): 1-RTT, nothing to read.
                    OneRttPacketCount++;
                    break;
                }

                OperationStatus status = ReadLongHeaderPacket(direction, datagram, position, out int end);
                if (status == OperationStatus.InvalidData)
                {
                    return status;
                }

                position = end;
                _packetIndex++;
            }

            return Handshake.ServerHelloSeen ? OperationStatus.Done : OperationStatus.NeedMoreData;
        }

        /// <summary>Forgets the connection so the observer can serve another; the last keys are kept for a connection with the same first DCID.</summary>
        public void Reset()
        {
            Handshake.Reset();
            _clientDcidLength = -1;
            _retryFollowed = false;
            _client.Reset();
            _server.Reset();
            _error = default;
            Version = default;
            DatagramCount = 0;
            InitialPacketCount = 0;
            HandshakePacketCount = 0;
            ZeroRttPacketCount = 0;
            OneRttPacketCount = 0;
            UnsupportedVersionPacketCount = 0;
            DecryptFailures = 0;
            CryptoFrameCount = 0;
            RetrySeen = false;
            VersionNegotiationSeen = false;
            ConnectionCloseSeen = false;
            ConnectionCloseErrorCode = 0;
            TrailingBytes = 0;
            if (_scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
                _scratch = null;
            }
        }

        /// <summary>Returns the scratch buffer and frees the key objects.</summary>
        public void Dispose()
        {
            Handshake.Dispose();
            if (_scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
                _scratch = null;
            }

            DisposeKeys();
        }

        private ref DirectionState State(TlsDirection direction) => ref direction == TlsDirection.ClientToServer ? ref _client : ref _server;

        private OperationStatus Fail(QuicErrorCode code, int offset)
        {
            if (!_error.IsError)
            {
                // A field cut by the end of the datagram is reported at the datagram's last byte: offsets stay inside it.
                _error = new QuicError(code, _direction, _datagramIndex, Math.Max(0, Math.Min(offset, _datagramLength - 1)), _packetIndex);
            }

            return OperationStatus.InvalidData;
        }

        private OperationStatus FailDirection(QuicErrorCode code, int offset)
        {
            State(_direction).Failed = true;
            return Fail(code, offset);
        }

        /// <summary>
        /// RFC 9000 17.2: Header Form (1) = 1, Fixed Bit (1) = 1, Long Packet Type (2), Type-Specific Bits (4),
        /// Version (32), Destination Connection ID Length (8), Destination Connection ID (0..160),
        /// Source Connection ID Length (8), Source Connection ID (0..160), Type-Specific Payload (..).
        /// </summary>
        private OperationStatus ReadLongHeaderPacket(TlsDirection direction, ReadOnlySpan<byte> datagram, int start, out int end)
        {
            end = datagram.Length;
            var reader = new QuicReader(datagram.Slice(start), start);
            reader.TryReadByte(out byte first);
            if (!reader.TryReadUInt32(out uint versionValue))
            {
                return Fail(QuicErrorCode.TruncatedHeader, reader.Position);
            }

            var version = new QuicVersion(versionValue);
            bool fromClient = direction == TlsDirection.ClientToServer;
            if (fromClient && !version.IsNone && Version != version)
            {
                Version = version;
            }

            int dcidAt = reader.Position;
            if (!reader.TryReadByte(out byte dcidLength) || !reader.TryReadBytes(dcidLength, out ReadOnlySpan<byte> dcid)
                || !reader.TryReadByte(out byte scidLength) || !reader.TryReadBytes(scidLength, out ReadOnlySpan<byte> scid))
            {
                return Fail(QuicErrorCode.TruncatedHeader, reader.Position);
            }

            if (version.IsNone)
            {
                // RFC 9000 17.2.1: Version Negotiation, only from a server; the rest of the datagram is its version list.
                if (fromClient)
                {
                    return Fail(QuicErrorCode.InvalidRetryOrVersionNegotiation, start);
                }

                VersionNegotiationSeen = true;
                return OperationStatus.Done;
            }

            if (!version.IsSupported)
            {
                // Unknown version: its header past the connection IDs and its keys are unknown (RFC 8999 5.1): report it.
                UnsupportedVersionPacketCount++;
                return Fail(QuicErrorCode.UnsupportedVersion, start + 1);
            }

            if (dcidLength > QuicLimits.MaxConnectionIdLength || scidLength > QuicLimits.MaxConnectionIdLength)
            {
                return Fail(QuicErrorCode.ConnectionIdTooLong, dcidLength > QuicLimits.MaxConnectionIdLength ? dcidAt : dcidAt + 1 + dcidLength);
            }

            QuicPacketType type = QuicPacket.TypeOf(first, version);
            if (type == QuicPacketType.Retry)
            {
                // RFC 9000 17.2.5: Retry Token (..), Retry Integrity Tag (128); runs to the end of the datagram.
                return ReadRetry(fromClient, datagram.Slice(start), start, version, scid);
            }

            if (type == QuicPacketType.Initial)
            {
                // RFC 9000 17.2.2: Token Length (i), Token (..).
                if (!reader.TryReadVarint(out ulong tokenLength) || !reader.TryReadBytes(tokenLength, out _))
                {
                    return Fail(QuicErrorCode.TruncatedHeader, reader.Position);
                }
            }

            int lengthAt = reader.Position;
            if (!reader.TryReadVarint(out ulong length))
            {
                return Fail(QuicErrorCode.TruncatedHeader, lengthAt);
            }

            if (length > (ulong)reader.Remaining)
            {
                return Fail(QuicErrorCode.LengthBeyondDatagram, lengthAt);
            }

            int pnOffset = reader.Position;
            end = pnOffset + (int)length;
            switch (type)
            {
                case QuicPacketType.ZeroRtt:
                    ZeroRttPacketCount++;
                    return OperationStatus.NeedMoreData;
                case QuicPacketType.Handshake:
                    HandshakePacketCount++;
                    return OperationStatus.NeedMoreData;
            }

            if (fromClient && _clientDcidLength < 0)
            {
                // RFC 9001 5.2: the keys come from the Destination Connection ID of the client's first Initial.
                dcid.CopyTo(_clientDcid);
                _clientDcidLength = dcid.Length;
            }

            if (_clientDcidLength < 0)
            {
                return Fail(QuicErrorCode.NoClientInitial, start);
            }

            ref DirectionState state = ref State(direction);
            if (state.InitialPackets >= _limits.MaxInitialPackets)
            {
                return Fail(QuicErrorCode.TooManyInitialPackets, start);
            }

            state.InitialPackets++;
            if (end - start > _limits.MaxPacketLength)
            {
                return Fail(QuicErrorCode.PacketTooLarge, start);
            }

            return ReadInitial(direction, version, datagram.Slice(start, end - start), start, pnOffset - start);
        }

        private partial OperationStatus ReadInitial(TlsDirection direction, QuicVersion version, ReadOnlySpan<byte> packet, int packetAt, int pnOffset);

        private partial OperationStatus ReadRetry(bool fromClient, ReadOnlySpan<byte> packet, int packetAt, QuicVersion version, ReadOnlySpan<byte> sourceConnectionId);

        private partial void DisposeKeys();

        /// <summary>
        /// RFC 9000 19: the frames of one decrypted Initial payload; <paramref name="payloadAt"/> is the payload's offset
        /// in the datagram (AES-GCM keeps lengths, so plaintext offsets map onto ciphertext offsets).
        /// </summary>
        private OperationStatus ReadFrames(TlsDirection direction, ReadOnlySpan<byte> payload, int payloadAt)
        {
            if (payload.IsEmpty)
            {
                // RFC 9000 12.4: a packet holds at least one frame.
                return FailDirection(QuicErrorCode.NoFrames, payloadAt);
            }

            var reader = new QuicReader(payload, payloadAt);
            ref DirectionState state = ref State(direction);
            while (!reader.IsEmpty)
            {
                int frameAt = reader.Position;
                reader.TryReadVarint(out ulong frameType);
                switch (frameType)
                {
                    case 0x00:
                        // PADDING (RFC 9000 19.1): skip the run of zero bytes at once.
                        ReadOnlySpan<byte> rest = reader.RemainingBytes;
                        int zeros = 0;
                        while (zeros < rest.Length && rest[zeros] == 0)
                        {
                            zeros++;
                        }

                        reader.TrySkip(zeros);
                        break;
                    case 0x01:
                        // PING (RFC 9000 19.2): no fields.
                        break;
                    case 0x02:
                    case 0x03:
                        if (!ReadAck(ref reader, frameType == 0x03, out QuicErrorCode ackError))
                        {
                            return FailDirection(ackError, frameAt);
                        }

                        break;
                    case 0x06:
                        // CRYPTO (RFC 9000 19.6): Offset (i), Length (i), Crypto Data (..).
                        if (!reader.TryReadVarint(out ulong offset) || !reader.TryReadVarint(out ulong length))
                        {
                            return FailDirection(QuicErrorCode.TruncatedFrame, frameAt);
                        }

                        int dataAt = reader.Position;
                        if (!reader.TryReadBytes(length, out ReadOnlySpan<byte> data))
                        {
                            return FailDirection(QuicErrorCode.TruncatedFrame, frameAt);
                        }

                        if (offset + length > QuicReader.MaxVarint)
                        {
                            return FailDirection(QuicErrorCode.InvalidFrameValue, frameAt);
                        }

                        if (offset + length > (ulong)_limits.MaxCryptoBytes)
                        {
                            return FailDirection(QuicErrorCode.CryptoLimitExceeded, frameAt);
                        }

                        CryptoFrameCount++;
                        long cryptoEnd = (long)(offset + length);
                        if (cryptoEnd > state.CryptoEnd)
                        {
                            state.CryptoEnd = cryptoEnd;
                        }

                        if (Handshake.FeedHandshake(direction, (long)offset, data) == OperationStatus.InvalidData)
                        {
                            return FailDirection(QuicErrorCode.HandshakeError, dataAt);
                        }

                        break;
                    case 0x1c:
                        // CONNECTION_CLOSE (RFC 9000 19.19): Error Code (i), Frame Type (i), Reason Phrase Length (i), Reason Phrase (..).
                        if (!reader.TryReadVarint(out ulong errorCode) || !reader.TryReadVarint(out _)
                            || !reader.TryReadVarint(out ulong reasonLength) || !reader.TryReadBytes(reasonLength, out _))
                        {
                            return FailDirection(QuicErrorCode.TruncatedFrame, frameAt);
                        }

                        if (!ConnectionCloseSeen)
                        {
                            ConnectionCloseSeen = true;
                            ConnectionCloseErrorCode = errorCode;
                        }

                        break;
                    default:
                        // RFC 9000 12.4, Table 3: no other frame type may appear in an Initial packet.
                        return FailDirection(QuicErrorCode.FrameNotAllowedInInitial, frameAt);
                }
            }

            return OperationStatus.NeedMoreData;
        }

        /// <summary>
        /// RFC 9000 19.3: Largest Acknowledged (i), ACK Delay (i), ACK Range Count (i), First ACK Range (i),
        /// ACK Range (..) ..., [ECN Counts: ECT0 (i), ECT1 (i), ECN-CE (i)]. Ranges may not go below packet 0 (19.3.1).
        /// </summary>
        private static bool ReadAck(ref QuicReader reader, bool ecn, out QuicErrorCode error)
        {
            error = QuicErrorCode.TruncatedFrame;
            if (!reader.TryReadVarint(out ulong largest) || !reader.TryReadVarint(out _)
                || !reader.TryReadVarint(out ulong rangeCount) || !reader.TryReadVarint(out ulong firstRange))
            {
                return false;
            }

            if (firstRange > largest)
            {
                error = QuicErrorCode.InvalidFrameValue;
                return false;
            }

            ulong smallest = largest - firstRange;
            for (ulong i = 0; i < rangeCount; i++)
            {
                // Each range takes at least two bytes, so a huge count ends at the end of the payload.
                if (!reader.TryReadVarint(out ulong gap) || !reader.TryReadVarint(out ulong rangeLength))
                {
                    return false;
                }

                if (gap + 2 > smallest || rangeLength > smallest - gap - 2)
                {
                    error = QuicErrorCode.InvalidFrameValue;
                    return false;
                }

                smallest = smallest - gap - 2 - rangeLength;
            }

            if (ecn && (!reader.TryReadVarint(out _) || !reader.TryReadVarint(out _) || !reader.TryReadVarint(out _)))
            {
                return false;
            }

            error = QuicErrorCode.None;
            return true;
        }

        private byte[] Scratch() => _scratch ??= ArrayPool<byte>.Shared.Rent(_limits.MaxPacketLength);

        /// <summary>RFC 9000 A.3: the full packet number nearest to the next expected one.</summary>
        internal static long DecodePacketNumber(long largest, long truncated, int bits)
        {
            long expected = largest + 1;
            long window = 1L << bits;
            long half = window / 2;
            long candidate = (expected & ~(window - 1)) | truncated;
            if (candidate <= expected - half && candidate < (1L << 62) - window)
            {
                return candidate + window;
            }

            if (candidate > expected + half && candidate >= window)
            {
                return candidate - window;
            }

            return candidate;
        }

        private struct DirectionState
        {
            public long LargestPacketNumber;
            public int InitialPackets;
            public long CryptoEnd;
            public bool Failed;

            public void Reset()
            {
                LargestPacketNumber = -1;
                InitialPackets = 0;
                CryptoEnd = 0;
                Failed = false;
            }
        }
    }
}
