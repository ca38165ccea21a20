namespace Tsid.Quic
{
    /// <summary>What was wrong with a QUIC datagram. Flat and specific; <see cref="QuicError.Offset"/> says where.</summary>
    public enum QuicErrorCode : byte
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>The datagram is empty.</summary>
        EmptyDatagram,

        /// <summary>A long header ends before its Version, connection IDs, token or Length field (RFC 9000 17.2).</summary>
        TruncatedHeader,

        /// <summary>A connection ID is longer than 20 bytes, which v1, v2 and the drafts forbid (RFC 9000 17.2).</summary>
        ConnectionIdTooLong,

        /// <summary>A packet's Length field reaches beyond the end of the datagram (RFC 9000 17.2).</summary>
        LengthBeyondDatagram,

        /// <summary>
        /// The long header carries a version whose Initial keys are not known (neither v1, v2 nor drafts 29 to 34): it is
        /// reported in <see cref="QuicConnectionObserver.Version"/>, not guessed at.
        /// </summary>
        UnsupportedVersion,

        /// <summary>
        /// QUIC Initial decryption needs .NET 8 or later: this build of the library (netstandard2.0) has neither AES-GCM
        /// nor HKDF, so Initial packets are counted but not read (<see cref="QuicConnectionObserver.DecryptionSupported"/>).
        /// </summary>
        DecryptionNotSupported,

        /// <summary>A server Initial arrived before any client Initial: its keys come from the client's Destination Connection ID (RFC 9001 5.2).</summary>
        NoClientInitial,

        /// <summary>A packet is too short to hold the 4-byte packet number allowance and the 16-byte header-protection sample (RFC 9001 5.4.2).</summary>
        PacketTooShortForSample,

        /// <summary>The payload does not decrypt: the AEAD tag does not match (RFC 9001 5.3), the packet is corrupt or was protected with other keys.</summary>
        AeadTagMismatch,

        /// <summary>A packet is larger than <see cref="QuicLimits.MaxPacketLength"/>.</summary>
        PacketTooLarge,

        /// <summary>The Reserved Bits of a long header are not zero after header protection is removed (RFC 9000 17.2).</summary>
        ReservedBitsSet,

        /// <summary>An Initial packet's payload holds no frame (RFC 9000 12.4).</summary>
        NoFrames,

        /// <summary>A frame ends before its fields do (RFC 9000 19).</summary>
        TruncatedFrame,

        /// <summary>
        /// A frame type that may not appear in an Initial packet (RFC 9000 12.4, Table 3: only PADDING, PING, ACK, CRYPTO and
        /// CONNECTION_CLOSE of type 0x1c may).
        /// </summary>
        FrameNotAllowedInInitial,

        /// <summary>A CRYPTO frame's offset plus length exceeds 2^62-1 (RFC 9000 19.6) or the ACK ranges go below zero (RFC 9000 19.3.1).</summary>
        InvalidFrameValue,

        /// <summary>A CRYPTO frame reaches beyond <see cref="QuicLimits.MaxCryptoBytes"/> of its direction's handshake stream.</summary>
        CryptoLimitExceeded,

        /// <summary>The handshake bytes of the CRYPTO frames are invalid; the TLS error is in <see cref="QuicConnectionObserver.Handshake"/> (ClientError / ServerError).</summary>
        HandshakeError,

        /// <summary>A datagram coalesces more long-header packets than <see cref="QuicLimits.MaxPacketsPerDatagram"/>.</summary>
        TooManyPackets,

        /// <summary>A direction sent more Initial packets than <see cref="QuicLimits.MaxInitialPackets"/>.</summary>
        TooManyInitialPackets,

        /// <summary>A Retry packet's integrity tag does not match (RFC 9001 5.8); it was not followed.</summary>
        RetryIntegrityTagMismatch,

        /// <summary>A Retry or Version Negotiation packet came from the client, or a Retry is shorter than its integrity tag.</summary>
        InvalidRetryOrVersionNegotiation,
    }
}
