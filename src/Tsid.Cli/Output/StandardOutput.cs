using System;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Tsid.Cli.Output
{
    /// <summary>
    /// The tool's standard output: one byte stream (JSON Lines) and one buffered text writer (tables) over it. A write that
    /// fails comes out as an <see cref="OutputException"/>, so that a full disk or a reader that went away (<c>| head</c>)
    /// is told apart from a capture that cannot be read.
    /// </summary>
    internal sealed class StandardOutput : IDisposable
    {
        private readonly GuardedStream _stream;
        private bool _failed;

        private StandardOutput(Stream inner)
        {
            _stream = new GuardedStream(inner);
            Writer = new StreamWriter(_stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 14) { AutoFlush = false };
        }

        /// <summary>The bytes of stdout (JSON Lines); flush <see cref="Writer"/> before mixing both.</summary>
        public Stream Stream => _stream;

        /// <summary>Text on stdout, buffered: flushed by <see cref="Flush"/>.</summary>
        public TextWriter Writer { get; }

        /// <summary>
        /// Opens stdout. Where it is a pipe or a terminal (not seekable), a stream of our own over file descriptor 1, because
        /// the console stream hides EPIPE (it pretends the write succeeded and the tool would go on reading for nobody). A
        /// regular file keeps the console stream, which writes at the shared file offset (<c>&gt; out 2&gt;&amp;1</c> stays in order).
        /// </summary>
        public static StandardOutput Open()
        {
            if (!OperatingSystem.IsWindows())
            {
                try
                {
                    var handle = new SafeFileHandle((IntPtr)1, ownsHandle: false);
                    var file = new FileStream(handle, FileAccess.Write, bufferSize: 0);
                    if (!file.CanSeek)
                    {
                        return new StandardOutput(file);
                    }

                    file.Dispose();
                }
                catch (Exception)
                {
                    // fd 1 closed, not writable, or of a kind FileStream refuses: the console stream below reports a
                    // failing write on first use. Opening stdout must never be the crash.
                }
            }

            return new StandardOutput(Console.OpenStandardOutput());
        }

        /// <summary>An output over any stream (tests call the commands' <c>Run</c> with one over memory).</summary>
        internal static StandardOutput Over(Stream stream) => new(stream);

        /// <summary>Writes out what <see cref="Writer"/> holds.</summary>
        /// <exception cref="OutputException">stdout cannot be written.</exception>
        public void Flush()
        {
            Writer.Flush();
            _stream.Flush();
        }

        /// <summary>Flushes what is left, unless a write already failed (then the rest is dropped quietly).</summary>
        public void Dispose()
        {
            if (!_failed && !_stream.Failed)
            {
                try
                {
                    Flush();
                }
                catch (OutputException)
                {
                    _failed = true;
                }
            }
        }

        /// <summary>Turns every write failure into <see cref="OutputException"/>; after one, further writes are dropped.</summary>
        private sealed class GuardedStream : Stream
        {
            private readonly Stream _inner;

            public GuardedStream(Stream inner) => _inner = inner;

            public bool Failed { get; private set; }

            public override bool CanRead => false;

            public override bool CanSeek => false;

            public override bool CanWrite => true;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush() => Guard(s => s.Flush());

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                if (Failed)
                {
                    // The first failure is on its way to Main; a Dispose on the way (JsonLinesWriter's) must not replace it.
                    return;
                }

                try
                {
                    _inner.Write(buffer);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    throw Fail(e);
                }
            }

            private void Guard(Action<Stream> action)
            {
                if (Failed)
                {
                    return;
                }

                try
                {
                    action(_inner);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    throw Fail(e);
                }
            }

            private OutputException Fail(Exception e)
            {
                Failed = true;
                // On Unix an IOException carries the errno as its HResult: EPIPE is 32 (the reader closed the pipe).
                bool brokenPipe = e.HResult == 32 || e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase);
                return new OutputException(brokenPipe, InputFile.Reason(e));
            }
        }
    }

    /// <summary>Standard output could not be written: the reader went away (<see cref="BrokenPipe"/>), the disk is full, ….</summary>
    internal sealed class OutputException : Exception
    {
        public OutputException(bool brokenPipe, string reason)
            : base(reason)
        {
            BrokenPipe = brokenPipe;
            Reason = reason;
        }

        /// <summary>EPIPE: whoever read stdout stopped reading (<c>tsid … | head</c>); the tool stops quietly.</summary>
        public bool BrokenPipe { get; }

        /// <summary>Why, in a few words (<c>no space left on device</c>).</summary>
        public string Reason { get; }
    }
}
