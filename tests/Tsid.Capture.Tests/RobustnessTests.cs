using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    /// <summary>Hostile files: truncation and corruption anywhere never throw, and every error carries an offset inside the file.</summary>
    public class RobustnessTests
    {
        private static readonly byte[] Pcap = Samples.Capture(w =>
        {
            w.WriteDnsResponse(new System.Net.IPEndPoint(Samples.Server.Address, 53), Samples.Client, "example.com", new[] { Samples.Server.Address }, new[] { "edge.example.net" });
            w.WriteTcpConnection(Samples.Client, Samples.Server, Samples.TlsRecords(40, 600), Samples.TlsRecords(41, 2500));
            var c = w.OpenTcpConnection(Samples.Client6, new System.Net.IPEndPoint(Samples.Server6.Address, 25), 200);
            c.Send(FlowDirection.ServerToClient, System.Text.Encoding.ASCII.GetBytes("220 hi\r\n"));
            c.Send(FlowDirection.ClientToServer, System.Text.Encoding.ASCII.GetBytes("STARTTLS\r\n"));
            c.Send(FlowDirection.ServerToClient, System.Text.Encoding.ASCII.GetBytes("220 go\r\n"));
            c.Send(FlowDirection.ClientToServer, Samples.TlsRecords(42, 700));
            c.Close();
        }, PcapWriterOptions.Default with { VlanIds = new ushort[] { 7 } });

        private static readonly byte[] PcapNg = BuildPcapNg();

        private static byte[] BuildPcapNg()
        {
            var builder = new PcapNgBuilder().Section(true).Interface(LinkType.Ethernet).Interface(LinkType.LinuxSll2, tsresol: 9);
            var sll2 = PcapNgBuilder.FramesOf(Samples.Capture(
                w => w.WriteTcpConnection(Samples.Client, Samples.Server, Samples.TlsRecords(43, 300), Samples.TlsRecords(44, 900)),
                PcapWriterOptions.Default with { LinkType = LinkType.LinuxSll2 }));
            ulong t = 1;
            foreach (byte[] frame in PcapNgBuilder.FramesOf(Pcap))
            {
                builder.Enhanced(0, t++, frame);
            }

            foreach (byte[] frame in sll2)
            {
                builder.Enhanced(1, t++, frame);
            }

            builder.Unknown(0x80000001, 64);
            return builder.Simple(PcapNgBuilder.FramesOf(Pcap)[0]).ToArray();
        }

        private static bool InspectSafely(byte[] bytes)
        {
            var consumer = new RecordingConsumer();
            CaptureInspectionResult result = CaptureInspector.Inspect(new MemoryStream(bytes), consumer);
            bool offsetOk = result.Error == CaptureError.None
                ? result.ErrorOffset == -1
                : result.ErrorOffset >= 0 && result.ErrorOffset <= bytes.Length;
            return offsetOk && consumer.Flows.All(f => f.Ended);
        }

        [Fact]
        public void The_unharmed_files_read_cleanly()
        {
            foreach (byte[] file in new[] { Pcap, PcapNg })
            {
                RecordingConsumer consumer = Samples.Inspect(file, out CaptureInspectionResult result);
                Assert.Equal(CaptureError.None, result.Error);
                Assert.True(consumer.Flows.Count(f => f.Flow.TlsState == TlsStartState.Started) >= 2);
            }
        }

        [Fact]
        public void Every_truncation_of_the_files_stops_cleanly()
        {
            foreach (byte[] file in new[] { Pcap, PcapNg })
            {
                for (int n = 0; n < file.Length; n += 7)
                {
                    Assert.True(InspectSafely(file.AsSpan(0, n).ToArray()), $"cut at {n}");
                }
            }
        }

        private static Arbitrary<(int, byte)[]> Flips(int length) =>
            Arb.From(Gen.ArrayOf(Gen.Choose(0, length - 1).Zip(ArbMap.Default.GeneratorFor<byte>())).Where(a => a.Length > 0));

        private static byte[] Apply(byte[] file, (int At, byte Value)[] flips)
        {
            byte[] copy = (byte[])file.Clone();
            foreach ((int at, byte value) in flips)
            {
                copy[at] = value;
            }

            return copy;
        }

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Corrupted_pcap_never_throws() =>
            Prop.ForAll(Flips(Pcap.Length), flips => InspectSafely(Apply(Pcap, flips)));

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Corrupted_pcapng_never_throws() =>
            Prop.ForAll(Flips(PcapNg.Length), flips => InspectSafely(Apply(PcapNg, flips)));

        [FsCheck.Xunit.Property(MaxTest = 100)]
        public Property Corrupted_gzip_never_throws()
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(Pcap);
            }

            byte[] compressed = memory.ToArray();
            return Prop.ForAll(Flips(compressed.Length), flips => InspectSafely(Apply(compressed, flips)));
        }

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Random_frames_of_any_link_type_decode_without_throwing()
        {
            Gen<LinkType> linkTypes = Gen.Elements(LinkType.Ethernet, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, LinkType.Loop, LinkType.Raw, LinkType.IPv4, LinkType.IPv6);
            return Prop.ForAll(Arb.From(linkTypes), ArbMap.Default.ArbFor<byte[]>(), (linkType, frame) =>
            {
                PacketDecodeStatus status = PacketDecoder.Decode(linkType, frame, out DecodedPacket packet);
                return status != PacketDecodeStatus.Transport || packet.Payload.Length <= frame.Length;
            });
        }
    }
}
