using System;
using System.IO;
using System.Net;

namespace Tsid.Capture.Tests.Support
{
    /// <summary>Byte streams and captures for tests, made with <see cref="PcapWriter"/>.</summary>
    internal static class Samples
    {
        public static readonly IPEndPoint Client = new(IPAddress.Parse("192.0.2.10"), 50123);
        public static readonly IPEndPoint Server = new(IPAddress.Parse("198.51.100.20"), 443);
        public static readonly IPEndPoint Client6 = new(IPAddress.Parse("2001:db8::10"), 50123);
        public static readonly IPEndPoint Server6 = new(IPAddress.Parse("2001:db8::20"), 443);

        /// <summary>A TLS-looking stream: records of the given content type with deterministic pseudo-random bodies.</summary>
        public static byte[] TlsRecords(int seed, params int[] recordLengths)
        {
            var random = new Random(seed);
            using var stream = new MemoryStream();
            foreach (int length in recordLengths)
            {
                // TLSPlaintext header (RFC 8446 5.1): handshake(22), legacy_record_version 0x0303, length.
                stream.WriteByte(0x16);
                stream.WriteByte(0x03);
                stream.WriteByte(0x03);
                stream.WriteByte((byte)(length >> 8));
                stream.WriteByte((byte)length);
                byte[] body = new byte[length];
                random.NextBytes(body);
                stream.Write(body);
            }

            return stream.ToArray();
        }

        public static byte[] Pattern(int length, int seed)
        {
            byte[] bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        /// <summary>Writes a capture with <paramref name="write"/> and returns its bytes.</summary>
        public static byte[] Capture(Action<PcapWriter> write, PcapWriterOptions? options = null)
        {
            using var memory = new MemoryStream();
            using (var writer = new PcapWriter(memory, (options ?? PcapWriterOptions.Default) with { LeaveOpen = true }))
            {
                write(writer);
            }

            return memory.ToArray();
        }

        public static RecordingConsumer Inspect(byte[] capture, out CaptureInspectionResult result, CaptureInspectorOptions? options = null)
        {
            var consumer = new RecordingConsumer();
            result = CaptureInspector.Inspect(new MemoryStream(capture), consumer, options);
            return consumer;
        }
    }
}
