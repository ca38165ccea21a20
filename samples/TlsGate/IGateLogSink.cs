using System;
using System.IO;

namespace Tsid.Samples.TlsGate
{
    /// <summary>Receives the gateway's log: one JSON object per connection, UTF-8, without the newline.</summary>
    public interface IGateLogSink
    {
        /// <summary>Writes one line. Called once per connection, from any thread; the span is valid only during the call.</summary>
        /// <param name="utf8Json">The JSON object.</param>
        void WriteLine(ReadOnlySpan<byte> utf8Json);
    }

    /// <summary>Writes the lines to a stream (standard output or a file), one at a time, flushed per line.</summary>
    public sealed class StreamGateLogSink : IGateLogSink, IDisposable
    {
        private readonly Stream _stream;
        private readonly object _gate = new();

        /// <summary>Creates a sink over <paramref name="stream"/> (owned: disposed with the sink).</summary>
        /// <param name="stream">The output.</param>
        public StreamGateLogSink(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

        /// <inheritdoc />
        public void WriteLine(ReadOnlySpan<byte> utf8Json)
        {
            lock (_gate)
            {
                _stream.Write(utf8Json);
                _stream.WriteByte((byte)'\n');
                _stream.Flush();
            }
        }

        /// <inheritdoc />
        public void Dispose() => _stream.Dispose();
    }
}
