using System;
using System.IO;

namespace Tsid.Cli.Output
{
    /// <summary>Reads through to a file and draws a progress bar on stderr (only used when stderr is a terminal).</summary>
    internal sealed class ProgressStream : NonClosingStream
    {
        private const int BarWidth = 30;

        private readonly long _length;
        private readonly string _label;
        private readonly TextWriter _stderr;
        private int _lastPercent = -1;

        public ProgressStream(FileStream inner, string label, TextWriter stderr)
            : base(inner)
        {
            _length = Math.Max(1, inner.Length);
            _label = label;
            _stderr = stderr;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = base.Read(buffer, offset, count);
            Report(read == 0);
            return read;
        }

        public override int Read(Span<byte> buffer)
        {
            int read = base.Read(buffer);
            Report(read == 0);
            return read;
        }

        private void Report(bool done)
        {
            int percent = done ? 100 : (int)(Inner.Position * 100 / _length);
            if (percent == _lastPercent)
            {
                return;
            }

            _lastPercent = percent;
            int filled = percent * BarWidth / 100;
            _stderr.Write($"\r{_label} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {percent,3}%");
            if (done)
            {
                _stderr.Write("\r" + new string(' ', _label.Length + BarWidth + 10) + "\r");
            }
        }
    }
}
