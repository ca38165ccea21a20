using System;
using System.IO;
using Tsid.Identity;
using Tsid.Inspection.Tests.Support;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>
    /// Results are views: a handler that reads the identity and the leaf's subject costs no strings and no hashing, so the
    /// allocation per connection stays at what the capture layer needs (its flow object) — far below what formatting the
    /// chain costs (<see cref="InspectedConnection.ToRecord"/> plus reading every certificate's fields).
    /// </summary>
    public class AllocationTests
    {
        private const int Connections = 200;

        /// <summary>The capture layer's TcpFlow and flow-table share, with room to spare; formatting a chain of three costs several KB.</summary>
        private const long MaxBytesPerConnection = 1_200;

        private static readonly byte[] Chains = Captures.Make(w =>
        {
            for (int i = 0; i < Connections; i++)
            {
                Captures.Connection(w, Captures.Client(i), Captures.Tls12NoSniCiscoChain3);
            }
        });

        [Fact]
        public void Reading_views_allocates_no_more_than_the_capture_layer_needs()
        {
            var inspector = new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.Firepower });
            long seen = 0;
            ConnectionHandler handler = (in InspectedConnection c) => seen += c.Identity.Name.Length + c.LeafCertificate.Subject.Encoded.Length + c.Certificates.Count;
            inspector.Inspect(new MemoryStream(Chains), handler); // warm-up: pools and JIT

            var stream = new MemoryStream(Chains);
            long before = GC.GetAllocatedBytesForCurrentThread();
            inspector.Inspect(stream, handler);
            long perConnection = (GC.GetAllocatedBytesForCurrentThread() - before) / Connections;

            Assert.True(seen > 0);
            Assert.True(perConnection <= MaxBytesPerConnection, $"{perConnection} B per connection");
        }

        [Fact]
        public void Records_format_certificates_only_when_their_fields_are_read()
        {
            var inspector = new ConnectionInspector();
            var records = new System.Collections.Generic.List<ConnectionRecord>();
            inspector.Inspect(new MemoryStream(Chains), (in InspectedConnection c) => records.Add(c.ToRecord()));
            records.Clear();

            long before = GC.GetAllocatedBytesForCurrentThread();
            inspector.Inspect(new MemoryStream(Chains), (in InspectedConnection c) => records.Add(c.ToRecord()));
            long copies = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            foreach (ConnectionRecord record in records)
            {
                foreach (CertificateRecord certificate in record.Certificates)
                {
                    _ = certificate.Subject;
                    _ = certificate.Sha256;
                }
            }

            long formatted = GC.GetAllocatedBytesForCurrentThread() - before;

            // Reading the fields costs at least as much again as making the records did: none of it was done up front.
            Assert.Equal(Connections, records.Count);
            Assert.True(formatted > copies / 2, $"records {copies} B, formatting afterwards {formatted} B");
        }
    }
}
