using System;
using System.Collections.Generic;

namespace Tsid.Capture
{
    /// <summary>Settings of <see cref="PcapWriter"/>.</summary>
    public sealed record PcapWriterOptions
    {
        /// <summary>The defaults: Ethernet, microseconds, little-endian, starting 2026-01-01T00:00:00Z, 10 µs between packets.</summary>
        public static PcapWriterOptions Default { get; } = new();

        /// <summary>The link type of the file; every decodable <see cref="Capture.LinkType"/> can be written. Default Ethernet.</summary>
        public LinkType LinkType { get; init; } = LinkType.Ethernet;

        /// <summary>802.1Q VLAN ids to tag Ethernet frames with, outermost first (two or more make QinQ: the outer tags use TPID 0x88A8). Default none.</summary>
        public IReadOnlyList<ushort> VlanIds { get; init; } = Array.Empty<ushort>();

        /// <summary>Nanosecond timestamps (magic 0xA1B23C4D) instead of microseconds. Default false.</summary>
        public bool NanosecondTimestamps { get; init; }

        /// <summary>Write the file big-endian (as a big-endian host would). Default false.</summary>
        public bool BigEndian { get; init; }

        /// <summary>Timestamp of the first packet.</summary>
        public DateTimeOffset StartTime { get; init; } = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>Time added after each packet. Default 10 µs.</summary>
        public TimeSpan PacketInterval { get; init; } = TimeSpan.FromTicks(100);

        /// <summary>Snap length written in the header (frames are never cut). Default 262144.</summary>
        public int SnapLength { get; init; } = CaptureReader.MaxPacketLength;

        /// <summary>Leave the output stream open when the writer is disposed. Default false.</summary>
        public bool LeaveOpen { get; init; }
    }
}
