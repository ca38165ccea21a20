using System;
using System.IO;
using Tsid.Capture;

namespace Tsid.Inspection
{
    /// <summary>
    /// Reads a capture and reports every TLS connection in it, inspected: handshake facts, certificate chain, the server's
    /// identity (with the capture's DNS answers as hints) and the policy's decision. It runs <see cref="CaptureInspector"/>
    /// (pcap/pcapng, TCP reassembly, TLS start detection), a <see cref="Tls.TlsConnectionObserver"/> per connection,
    /// the <see cref="InspectionOptions.Resolver"/> and the <see cref="InspectionOptions.Policy"/>, and calls a
    /// <see cref="ConnectionHandler"/> once per connection, when it ends, in capture order of the ends.
    /// Immutable and thread-safe: one inspector serves any number of captures, also at once.
    /// </summary>
    /// <example>
    /// <code>
    /// var inspector = new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = policy });
    /// using FileStream capture = File.OpenRead("trace.pcapng.gz");
    /// InspectionSummary summary = inspector.Inspect(capture, (in InspectedConnection c) =>
    ///     Console.WriteLine($"{c.Client} -> {c.Server}  {c.Identity.Name}  {c.Decision.Action}"));
    /// </code>
    /// </example>
    public sealed class ConnectionInspector
    {
        /// <summary>Connections handed to the worker thread at once (<see cref="InspectionOptions.UseWorkerThread"/>).</summary>
        public const int WorkerBatchSize = 16;

        /// <summary>
        /// Ended connections that may wait for the worker thread before the reading thread waits in turn. Small on purpose: it
        /// bounds memory, and each waiting connection holds buffers rented from the shared array pool, which keeps only a few
        /// dozen arrays of a size per core (a longer queue would make the pool drop and reallocate them).
        /// </summary>
        public const int MaxQueuedConnections = WorkerBatchSize * 2;

        /// <summary>Creates an inspector.</summary>
        /// <param name="options">What to do with each connection (null for <see cref="InspectionOptions.Default"/>).</param>
        /// <exception cref="ArgumentException">The options are inconsistent (no resolver, limits not positive).</exception>
        public ConnectionInspector(InspectionOptions? options = null)
        {
            options ??= InspectionOptions.Default;
            options.Validate();
            Options = options;
        }

        /// <summary>The options.</summary>
        public InspectionOptions Options { get; }

        /// <summary>
        /// Reads a whole capture from a stream (pcap or pcapng, gzip-compressed or not; it need not be seekable) and calls
        /// <paramref name="handler"/> for each TLS connection. Malformed input never throws: the summary's
        /// <see cref="InspectionSummary.Capture"/> says where reading stopped, and every connection seen before was reported.
        /// An exception thrown by the handler stops the inspection and comes out of this call.
        /// </summary>
        /// <param name="capture">The capture; left open.</param>
        /// <param name="handler">Called once per connection.</param>
        /// <returns>The summary.</returns>
        public InspectionSummary Inspect(Stream capture, ConnectionHandler handler)
        {
            if (capture is null)
            {
                throw new ArgumentNullException(nameof(capture));
            }

            using CaptureReader reader = CaptureReader.Open(capture, leaveOpen: true);
            return Inspect(reader, handler);
        }

        /// <summary>Reads every packet of <paramref name="reader"/> and calls <paramref name="handler"/> for each TLS connection (see <see cref="Inspect(Stream, ConnectionHandler)"/>).</summary>
        /// <param name="reader">An open reader.</param>
        /// <param name="handler">Called once per connection.</param>
        /// <returns>The summary.</returns>
        public InspectionSummary Inspect(CaptureReader reader, ConnectionHandler handler)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            if (handler is null)
            {
                throw new ArgumentNullException(nameof(handler));
            }

            using var run = new InspectionRun(Options, handler);
            CaptureInspectionResult result;
            try
            {
                result = new CaptureInspector(run, Options.Capture).Inspect(reader);
                run.Complete();
            }
            catch
            {
                run.Abort();
                throw;
            }

            return new InspectionSummary(result, run.Counters);
        }
    }
}
