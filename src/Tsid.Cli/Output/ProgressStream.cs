using System;
using System.IO;

namespace Tsid.Cli.Output
{
    /// <summary>
    /// Reads through to a capture and draws progress on stderr (only used when stderr is a terminal): a percentage bar when
    /// the input has a length, a byte counter when it has none (a pipe, standard input, a process substitution).
    /// </summary>
    internal sealed class ProgressStream : NonClosingStream
    {
        private const int BarWidth = 30;
        private const long CounterStep = 1 << 20;

        private readonly long _length;
        private readonly string _label;
        private readonly TextWriter _stderr;
        private long _read;
        private long _lastShown = -1;
        private bool _broken;

        /// <param name="inner">The input.</param>
        /// <param name="length">Its length, or -1 when it has none.</param>
        /// <param name="label">The file name shown.</param>
        /// <param name="stderr">Where progress is drawn.</param>
        public ProgressStream(Stream inner, long length, string label, TextWriter stderr)
            : base(inner)
        {
            _length = length;
            _label = label;
            _stderr = stderr;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = base.Read(buffer, offset, count);
            Report(read);
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            int read = base.Read(buffer);
            Report(read);
            return read;
        }

        private void Report(int read)
        {
            _read += read;
            bool done = read == 0;
            if (_broken)
            {
                return;
            }

            try
            {
                if (_length > 0)
                {
                    int percent = done ? 100 : (int)Math.Min(100, _read * 100 / _length);
                    if (percent == _lastShown)
                    {
                        return;
                    }

                    _lastShown = percent;
                    int filled = percent * BarWidth / 100;
                    _stderr.Write($"\r{_label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {percent,3}%");
                }
                else
                {
                    long step = _read / CounterStep;
                    if (step == _lastShown && !done)
                    {
                        return;
                    }

                    _lastShown = step;
                    _stderr.Write($"\r{_label} {_read / (1024.0 * 1024.0),9:F1} MiB read");
                }

                if (done)
                {
                    _stderr.Write("\r" + new string(' ', _label.Length + BarWidth + 10) + "\r");
                }
            }
            catch (IOException)
            {
                // A terminal that went away: progress is a courtesy, never a reason to stop reading.
                _broken = true;
            }
        }
    }
}
