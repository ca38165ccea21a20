using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Tsid.Samples.TlsGate.Tests.Support
{
    /// <summary>Keeps the gateway's log lines, parsed, and lets a test wait for the n-th.</summary>
    internal sealed class CollectingLogSink : IGateLogSink
    {
        private readonly List<string> _lines = new();
        private readonly SemaphoreSlim _arrived = new(0);
        private int _read;

        public int Count
        {
            get
            {
                lock (_lines)
                {
                    return _lines.Count;
                }
            }
        }

        public void WriteLine(ReadOnlySpan<byte> utf8Json)
        {
            string line = Encoding.UTF8.GetString(utf8Json);
            lock (_lines)
            {
                _lines.Add(line);
            }

            _arrived.Release();
        }

        /// <summary>Waits for the next line not read yet (bounded) and parses it.</summary>
        public async Task<JsonElement> NextAsync()
        {
            Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(15)), "no log line within 15 s");
            lock (_lines)
            {
                string line = _lines[_read++];
                Assert.DoesNotContain('\n', line);
                return JsonDocument.Parse(line).RootElement.Clone();
            }
        }

        public string[] Lines()
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }
}
