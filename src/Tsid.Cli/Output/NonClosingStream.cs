using System;
using System.IO;

namespace Tsid.Cli.Output
{
    /// <summary>A read-only pass-through stream; the caller keeps ownership of the inner stream. It never seeks, so it never asks the inner stream for a length.</summary>
    internal class NonClosingStream : Stream
    {
        public NonClosingStream(Stream inner) => Inner = inner;

        protected Stream Inner { get; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => Inner.Read(buffer);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
