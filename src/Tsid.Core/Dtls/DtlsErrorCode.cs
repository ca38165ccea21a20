namespace Tsid.Dtls
{
    /// <summary>What was wrong with a DTLS datagram. Flat and specific; <see cref="DtlsError.Offset"/> says where in the datagram.</summary>
    public enum DtlsErrorCode : byte
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>A record header, or the record body its length announces, runs past the end of the datagram.</summary>
        TruncatedRecord,

        /// <summary>A record's version is not a DTLS version (0xfeXX, or 0x0100 <c>DTLS1_BAD_VER</c>).</summary>
        InvalidRecordVersion,

        /// <summary>A record is longer than <see cref="DtlsRecord.MaxRecordLength"/>.</summary>
        RecordTooLong,

        /// <summary>A handshake fragment's 12-byte header, or its fragment_length bytes, run past the end of the record.</summary>
        TruncatedFragment,

        /// <summary>fragment_offset + fragment_length exceeds the message length (RFC 6347 4.2.2).</summary>
        InvalidFragment,

        /// <summary>A fragment's msg_type or length differs from an earlier fragment of the same message_seq.</summary>
        FragmentMismatch,

        /// <summary>A message_seq at or beyond <see cref="DtlsLimits.MaxMessageSequence"/>.</summary>
        MessageSequenceTooHigh,

        /// <summary>
        /// More fragments (or bytes) than <see cref="DtlsLimits.MaxPendingFragments"/> (<see cref="DtlsLimits.MaxPendingBytes"/>)
        /// wait for an earlier message whose length is not known yet.
        /// </summary>
        TooManyPendingFragments,

        /// <summary>A datagram holds more records than <see cref="DtlsLimits.MaxRecordsPerDatagram"/>.</summary>
        TooManyRecords,

        /// <summary>
        /// The reassembled handshake is invalid: the handshake observer's <see cref="Tls.TlsConnectionObserver.ClientError"/>
        /// or <see cref="Tls.TlsConnectionObserver.ServerError"/> says what and where in the handshake stream; the
        /// offset here is the fragment's in the datagram.
        /// </summary>
        Handshake,
    }
}
