using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace Tsid.Capture
{
    /// <summary>
    /// Reads packet records from a pcap or pcapng capture held in a caller's <see cref="Stream"/>, gzip-compressed or not
    /// (recognised by its magic, so the stream needs no seeking). Pull-based: call <see cref="TryReadPacket"/> until it
    /// returns false, then look at <see cref="Error"/>: <see cref="CaptureError.None"/> means the file ended cleanly.
    /// Malformed bytes never throw; the reader stops at the first damage, reports what and where, and every packet
    /// returned before stays valid input for the caller.
    /// </summary>
    /// <remarks>
    /// Formats: libpcap (both byte orders, microsecond and nanosecond magic); pcapng (draft-ietf-opsawg-pcapng) with
    /// Section Header, Interface Description, Enhanced Packet, Simple Packet and the obsolete Packet block, several
    /// sections and interfaces (each with its own link type, <c>if_tsresol</c> and <c>if_tsoffset</c>), both byte
    /// orders; every other block type is skipped. Memory is bounded: one buffer of at most
    /// <see cref="MaxBufferedBlockLength"/> bytes, pooled.
    /// </remarks>
    public sealed partial class CaptureReader : IDisposable
    {
        /// <summary>The largest packet accepted (libpcap's MAXIMUM_SNAPLEN, 256 KiB); longer records are <see cref="CaptureError.InvalidRecordLength"/>.</summary>
        public const int MaxPacketLength = 262144;

        /// <summary>The largest pcapng block the reader buffers (a packet of <see cref="MaxPacketLength"/> plus 64 KiB of options); larger unknown blocks are skipped without buffering.</summary>
        public const int MaxBufferedBlockLength = MaxPacketLength + 65536;

        /// <summary>The most interfaces one pcapng section may declare; packets on further interfaces are <see cref="CaptureError.UnknownInterface"/>.</summary>
        public const int MaxInterfaces = 4096;

        private const int InitialBufferLength = 1 << 17;
        private const int CompressedReadLength = 1 << 12;
        private const uint PcapMagicMicroseconds = 0xA1B2C3D4;
        private const uint PcapMagicNanoseconds = 0xA1B23C4D;
        private const uint BlockTypeSectionHeader = 0x0A0D0D0A;
        private const uint BlockTypeInterfaceDescription = 0x00000001;
        private const uint BlockTypePacket = 0x00000002; // obsolete, pcapng Appendix A
        private const uint BlockTypeSimplePacket = 0x00000003;
        private const uint BlockTypeEnhancedPacket = 0x00000006;
        private const uint ByteOrderMagic = 0x1A2B3C4D;

        private readonly bool _leaveOpen;
        private Stream _stream;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private long _bufferBase;
        private bool _endOfStream;
        private bool _finished;

        // pcap state
        private bool _bigEndian;
        private bool _nanoseconds;
        private LinkType _pcapLinkType;

        // pcapng state (per section)
        private readonly List<InterfaceDescription> _interfaces = new();

        private CaptureReader(Stream stream, bool leaveOpen)
        {
            _stream = stream;
            _leaveOpen = leaveOpen;
            _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferLength);
        }

        /// <summary>The container format, known after <see cref="Open(Stream, bool)"/> (or <see cref="CaptureFormat.Unknown"/> when the file is not a capture).</summary>
        public CaptureFormat Format { get; private set; }

        /// <summary>True when the file was gzip-compressed (detected by the gzip magic and decompressed on the fly).</summary>
        public bool IsCompressed { get; private set; }

        /// <summary>Why reading stopped, or <see cref="CaptureError.None"/> while reading goes well and after a clean end.</summary>
        public CaptureError Error { get; private set; }

        /// <summary>Byte offset (in the decompressed file) of the record or block where <see cref="Error"/> was found; -1 without error.</summary>
        public long ErrorOffset { get; private set; } = -1;

        /// <summary>Packets returned so far.</summary>
        public long PacketCount { get; private set; }

        /// <summary>Bytes of the (decompressed) file consumed so far.</summary>
        public long Position => _bufferBase + _start;

        /// <summary>The link type of a pcap file, or of the first interface of the current pcapng section (<see cref="LinkType.Null"/> before any is known).</summary>
        public LinkType LinkType => Format == CaptureFormat.Pcap ? _pcapLinkType : _interfaces.Count > 0 ? _interfaces[0].LinkType : LinkType.Null;

        /// <summary>Opens a capture: sniffs gzip, then the pcap or pcapng magic. Never throws on the file's content: check <see cref="Error"/>.</summary>
        /// <param name="stream">A readable stream positioned at the start of the file; it need not be seekable.</param>
        /// <param name="leaveOpen">True to leave <paramref name="stream"/> open when the reader is disposed.</param>
        /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
        public static CaptureReader Open(Stream stream, bool leaveOpen = false)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            if (!stream.CanRead)
            {
                throw new ArgumentException("The stream must be readable.", nameof(stream));
            }

            var reader = new CaptureReader(stream, leaveOpen);
            reader.ReadFileHeader();
            return reader;
        }

        /// <summary>Opens a capture held in memory (no copy of <paramref name="capture"/> is made).</summary>
        public static CaptureReader Open(byte[] capture)
        {
            if (capture is null)
            {
                throw new ArgumentNullException(nameof(capture));
            }

            return Open(new MemoryStream(capture, writable: false), leaveOpen: false);
        }

        /// <summary>
        /// Reads the next packet. Returns false at the end of the file or at the first damage (see <see cref="Error"/>);
        /// after false, it keeps returning false. The packet's bytes are valid until the next call.
        /// </summary>
        public bool TryReadPacket(out CapturedPacket packet)
        {
            packet = default;
            if (_finished)
            {
                return false;
            }

            bool ok = Format == CaptureFormat.Pcap ? TryReadPcapRecord(out packet) : TryReadPcapNgPacket(out packet);
            if (!ok)
            {
                _finished = true;
            }

            return ok;
        }

        /// <summary>Returns the pooled buffer and disposes the stream unless it was opened with leaveOpen.</summary>
        public void Dispose()
        {
            if (_buffer.Length != 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = Array.Empty<byte>();
                _start = _end = 0;
            }

            _finished = true;
            if (!_leaveOpen || IsCompressed)
            {
                // A GZipStream created here was told leaveOpen; disposing it never closes the caller's stream then.
                _stream.Dispose();
            }
        }

        private void ReadFileHeader()
        {
            Fill(4);
            if (Error != CaptureError.None)
            {
                _finished = true;
                return;
            }

            if (Available >= 2 && _buffer[_start] == 0x1F && _buffer[_start + 1] == 0x8B)
            {
                // RFC 1952 2.3.1: ID1 = 31, ID2 = 139. Replay the sniffed bytes into the decompressor.
                byte[] prefix = _buffer.AsSpan(_start, Available).ToArray();
                _stream = new GZipStream(new PrefixedStream(prefix, _stream, _leaveOpen), CompressionMode.Decompress, leaveOpen: false);
                IsCompressed = true;
                _start = _end = 0;
                _bufferBase = 0;
                _endOfStream = false;
                Fill(4);
                if (Error != CaptureError.None)
                {
                    _finished = true;
                    return;
                }
            }

            if (Available < 4)
            {
                Fail(CaptureError.NotACapture, 0);
                return;
            }

            ReadOnlySpan<byte> head = _buffer.AsSpan(_start, 4);
            uint big = BinaryPrimitives.ReadUInt32BigEndian(head);
            uint little = BinaryPrimitives.ReadUInt32LittleEndian(head);
            if (big == BlockTypeSectionHeader)
            {
                Format = CaptureFormat.PcapNg;
                return;
            }

            if (big == PcapMagicMicroseconds || big == PcapMagicNanoseconds)
            {
                _bigEndian = true;
                _nanoseconds = big == PcapMagicNanoseconds;
            }
            else if (little == PcapMagicMicroseconds || little == PcapMagicNanoseconds)
            {
                _bigEndian = false;
                _nanoseconds = little == PcapMagicNanoseconds;
            }
            else
            {
                Fail(CaptureError.NotACapture, 0);
                return;
            }

            Format = CaptureFormat.Pcap;

            // pcap file header: magic(4) version_major(2) version_minor(2) thiszone(4) sigfigs(4) snaplen(4) linktype(4)
            if (!Fill(24))
            {
                FailIfNoError(CaptureError.TruncatedHeader, 0);
                return;
            }

            ReadOnlySpan<byte> header = _buffer.AsSpan(_start, 24);
            ushort major = ReadUInt16(header.Slice(4));
            if (major != 2)
            {
                Fail(CaptureError.UnsupportedVersion, 0);
                return;
            }

            // The upper bits of the LinkType field carry FCS information (pcap draft 4); the link type is the low 16 bits.
            _pcapLinkType = (LinkType)(ReadUInt32(header.Slice(20)) & 0xFFFF);
            _start += 24;
        }

        private bool TryReadPcapRecord(out CapturedPacket packet)
        {
            packet = default;
            long offset = Position;

            // Record header: ts_sec(4) ts_usec_or_nsec(4) incl_len(4) orig_len(4)
            if (!Fill(16))
            {
                if (Error == CaptureError.None && Available != 0)
                {
                    Fail(CaptureError.TruncatedRecord, offset);
                }

                return false;
            }

            ReadOnlySpan<byte> header = _buffer.AsSpan(_start, 16);
            uint seconds = ReadUInt32(header);
            uint fraction = ReadUInt32(header.Slice(4));
            uint included = ReadUInt32(header.Slice(8));
            uint original = ReadUInt32(header.Slice(12));
            if (included > MaxPacketLength)
            {
                Fail(CaptureError.InvalidRecordLength, offset);
                return false;
            }

            int total = 16 + (int)included;
            if (!Fill(total))
            {
                FailIfNoError(CaptureError.TruncatedRecord, offset);
                return false;
            }

            long nanoseconds = (seconds * 1_000_000_000L) + (_nanoseconds ? fraction : fraction * 1000L);
            int originalLength = original > int.MaxValue ? int.MaxValue : (int)original;
            packet = new CapturedPacket(_buffer.AsSpan(_start + 16, (int)included), _pcapLinkType, 0, nanoseconds, originalLength, offset, ++PacketCount);
            _start += total;
            return true;
        }

        private bool TryReadPcapNgPacket(out CapturedPacket packet)
        {
            packet = default;
            while (true)
            {
                long offset = Position;
                if (!Fill(8))
                {
                    if (Error == CaptureError.None && Available != 0)
                    {
                        Fail(CaptureError.TruncatedRecord, offset);
                    }

                    return false;
                }

                // Block: type(4) total_length(4) body... total_length(4)
                uint type = ReadUInt32(_buffer.AsSpan(_start));
                if (type == BlockTypeSectionHeader)
                {
                    // The byte order is only known from the byte-order magic that follows the length.
                    if (!Fill(12))
                    {
                        FailIfNoError(offset == 0 ? CaptureError.TruncatedHeader : CaptureError.TruncatedRecord, offset);
                        return false;
                    }

                    uint magic = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 8));
                    if (magic == ByteOrderMagic)
                    {
                        _bigEndian = true;
                    }
                    else if (BinaryPrimitives.ReverseEndianness(magic) == ByteOrderMagic)
                    {
                        _bigEndian = false;
                    }
                    else
                    {
                        Fail(CaptureError.InvalidSectionHeader, offset);
                        return false;
                    }
                }
                else if (offset == 0)
                {
                    Fail(CaptureError.NotACapture, 0);
                    return false;
                }

                uint length = ReadUInt32(_buffer.AsSpan(_start + 4));
                if (length < 12 || (length & 3) != 0)
                {
                    Fail(CaptureError.InvalidBlockLength, offset);
                    return false;
                }

                bool buffered = type == BlockTypeSectionHeader || type == BlockTypeInterfaceDescription
                    || type == BlockTypeEnhancedPacket || type == BlockTypeSimplePacket || type == BlockTypePacket;
                if (!buffered)
                {
                    // Unknown or uninteresting block (name resolution, statistics, custom, ...): skip without buffering.
                    if (!Skip(length))
                    {
                        FailIfNoError(CaptureError.TruncatedRecord, offset);
                        return false;
                    }

                    continue;
                }

                if (length > MaxBufferedBlockLength)
                {
                    Fail(CaptureError.InvalidBlockLength, offset);
                    return false;
                }

                if (!Fill((int)length))
                {
                    FailIfNoError(offset == 0 ? CaptureError.TruncatedHeader : CaptureError.TruncatedRecord, offset);
                    return false;
                }

                ReadOnlySpan<byte> block = _buffer.AsSpan(_start, (int)length);
                if (ReadUInt32(block.Slice((int)length - 4)) != length)
                {
                    Fail(CaptureError.InvalidBlockLength, offset);
                    return false;
                }

                ReadOnlySpan<byte> body = block.Slice(8, (int)length - 12);
                bool produced;
                switch (type)
                {
                    case BlockTypeSectionHeader:
                        if (!ReadSectionHeader(body, offset))
                        {
                            return false;
                        }

                        produced = false;
                        break;
                    case BlockTypeInterfaceDescription:
                        if (!ReadInterfaceDescription(body, offset))
                        {
                            return false;
                        }

                        produced = false;
                        break;
                    default:
                        if (!ReadPacketBlock(type, body, offset, out packet, out produced))
                        {
                            return false;
                        }

                        break;
                }

                _start += (int)length;
                if (produced)
                {
                    return true;
                }
            }
        }

        private bool ReadSectionHeader(ReadOnlySpan<byte> body, long offset)
        {
            // SHB body: byte_order_magic(4) major(2) minor(2) section_length(8) options
            if (body.Length < 16 || ReadUInt16(body.Slice(4)) != 1)
            {
                Fail(CaptureError.InvalidSectionHeader, offset);
                return false;
            }

            // A new section starts a new interface numbering (pcapng 4.1).
            _interfaces.Clear();
            return true;
        }

        private bool ReadInterfaceDescription(ReadOnlySpan<byte> body, long offset)
        {
            // IDB body: LinkType(2) Reserved(2) SnapLen(4) options
            if (body.Length < 8)
            {
                Fail(CaptureError.InvalidBlockLength, offset);
                return false;
            }

            var description = new InterfaceDescription
            {
                LinkType = (LinkType)ReadUInt16(body),
                SnapLength = ReadUInt32(body.Slice(4)),
                ResolutionExponent = 6,
                ResolutionIsPowerOfTwo = false,
            };

            ReadOnlySpan<byte> options = body.Slice(8);
            while (options.Length >= 4)
            {
                ushort code = ReadUInt16(options);
                ushort valueLength = ReadUInt16(options.Slice(2));
                int padded = (valueLength + 3) & ~3;
                if (code == 0 || options.Length - 4 < padded)
                {
                    break;
                }

                ReadOnlySpan<byte> value = options.Slice(4, valueLength);
                if (code == 9 && valueLength >= 1)
                {
                    // if_tsresol: high bit clear = 10^-n seconds, set = 2^-n seconds.
                    description.ResolutionIsPowerOfTwo = (value[0] & 0x80) != 0;
                    description.ResolutionExponent = value[0] & 0x7F;
                }
                else if (code == 14 && valueLength >= 8)
                {
                    // if_tsoffset: seconds added to every timestamp of the interface.
                    description.OffsetSeconds = (long)ReadUInt64(value);
                }

                options = options.Slice(4 + padded);
            }

            if (_interfaces.Count < MaxInterfaces)
            {
                _interfaces.Add(description);
            }

            return true;
        }

        private bool ReadPacketBlock(uint type, ReadOnlySpan<byte> body, long offset, out CapturedPacket packet, out bool produced)
        {
            packet = default;
            produced = false;
            int interfaceId;
            ulong timestamp;
            int captured;
            uint original;
            int dataStart;
            if (type == BlockTypeSimplePacket)
            {
                // SPB body: original_length(4) data; the captured length is implied (pcapng 4.4).
                if (body.Length < 4)
                {
                    Fail(CaptureError.InvalidBlockLength, offset);
                    return false;
                }

                interfaceId = 0;
                original = ReadUInt32(body);
                dataStart = 4;
                long available = body.Length - 4;
                long implied = original;
                if (_interfaces.Count > 0 && _interfaces[0].SnapLength != 0 && _interfaces[0].SnapLength < implied)
                {
                    implied = _interfaces[0].SnapLength;
                }

                captured = (int)Math.Min(available, implied);
                timestamp = 0;
            }
            else
            {
                // EPB body: interface_id(4) ts_high(4) ts_low(4) captured_len(4) original_len(4) data options
                // PB body (obsolete): interface_id(2) drops_count(2) ts_high(4) ts_low(4) captured_len(4) original_len(4) data options
                if (body.Length < 20)
                {
                    Fail(CaptureError.InvalidBlockLength, offset);
                    return false;
                }

                interfaceId = type == BlockTypeEnhancedPacket ? (int)Math.Min(ReadUInt32(body), int.MaxValue) : ReadUInt16(body);
                timestamp = ((ulong)ReadUInt32(body.Slice(4)) << 32) | ReadUInt32(body.Slice(8));
                uint capturedLength = ReadUInt32(body.Slice(12));
                original = ReadUInt32(body.Slice(16));
                dataStart = 20;
                if (capturedLength > (uint)(body.Length - 20) || capturedLength > MaxPacketLength)
                {
                    Fail(CaptureError.InvalidBlockLength, offset);
                    return false;
                }

                captured = (int)capturedLength;
            }

            if ((uint)interfaceId >= (uint)_interfaces.Count)
            {
                Fail(CaptureError.UnknownInterface, offset);
                return false;
            }

            InterfaceDescription description = _interfaces[interfaceId];
            long nanoseconds = description.ToNanoseconds(timestamp);
            int originalLength = original > int.MaxValue ? int.MaxValue : (int)original;
            int start = _start + 8 + dataStart;
            packet = new CapturedPacket(_buffer.AsSpan(start, captured), description.LinkType, interfaceId, nanoseconds, originalLength, offset, ++PacketCount);
            produced = true;
            return true;
        }

        private int Available => _end - _start;

        /// <summary>Makes at least <paramref name="count"/> bytes available from <c>_start</c>; false at end of stream or on a decompression error.</summary>
        private bool Fill(int count)
        {
            if (Available >= count)
            {
                return true;
            }

            if (count > _buffer.Length)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(count);
                Buffer.BlockCopy(_buffer, _start, larger, 0, Available);
                ArrayPool<byte>.Shared.Return(_buffer);
                _bufferBase += _start;
                _end -= _start;
                _start = 0;
                _buffer = larger;
            }
            else if (_buffer.Length - _start < count)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, Available);
                _bufferBase += _start;
                _end -= _start;
                _start = 0;
            }

            while (Available < count && !_endOfStream)
            {
                int read;
                try
                {
                    // Decompress in small steps: a corrupt gzip block throws, and only the step it was in is lost.
                    int want = IsCompressed ? Math.Min(CompressedReadLength, _buffer.Length - _end) : _buffer.Length - _end;
                    read = _stream.Read(_buffer, _end, want);
                }
                catch (InvalidDataException)
                {
                    // The gzip layer rejected the bytes; what was decompressed before stays usable.
                    _endOfStream = true;
                    Fail(CaptureError.CorruptCompressedData, _bufferBase + _end);
                    return false;
                }

                if (read <= 0)
                {
                    _endOfStream = true;
                    break;
                }

                _end += read;
            }

            return Available >= count;
        }

        private bool Skip(long count)
        {
            if (count <= Available)
            {
                _start += (int)count;
                return true;
            }

            count -= Available;
            _bufferBase += _end;
            _start = _end = 0;
            while (count > 0)
            {
                if (!Fill(1))
                {
                    return false;
                }

                int step = (int)Math.Min(count, Available);
                _start += step;
                count -= step;
                if (_start == _end)
                {
                    _bufferBase += _end;
                    _start = _end = 0;
                }
            }

            return true;
        }

        private void Fail(CaptureError error, long offset)
        {
            if (Error == CaptureError.None)
            {
                Error = error;
                ErrorOffset = offset;
            }

            _finished = true;
        }

        private void FailIfNoError(CaptureError error, long offset) => Fail(error, offset);

        private ushort ReadUInt16(ReadOnlySpan<byte> span) =>
            _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);

        private uint ReadUInt32(ReadOnlySpan<byte> span) =>
            _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);

        private ulong ReadUInt64(ReadOnlySpan<byte> span) =>
            _bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(span) : BinaryPrimitives.ReadUInt64LittleEndian(span);

        private struct InterfaceDescription
        {
            public LinkType LinkType;
            public uint SnapLength;
            public int ResolutionExponent;
            public bool ResolutionIsPowerOfTwo;
            public long OffsetSeconds;

            public readonly long ToNanoseconds(ulong units)
            {
                long offset = OffsetSeconds * 1_000_000_000L;
                if (ResolutionIsPowerOfTwo)
                {
                    // 2^-n second units: exact enough in double for capture timestamps (sub-ns rounding).
                    double seconds = units / Math.Pow(2, ResolutionExponent);
                    return offset + (long)(seconds * 1e9);
                }

                int exponent = ResolutionExponent;
                if (exponent <= 9)
                {
                    long factor = Pow10(9 - exponent);
                    return offset + unchecked((long)units * factor);
                }

                return offset + (long)(units / (ulong)Pow10(Math.Min(exponent - 9, 18)));
            }

            private static long Pow10(int n)
            {
                long result = 1;
                for (int i = 0; i < n; i++)
                {
                    result *= 10;
                }

                return result;
            }
        }
    }
}
