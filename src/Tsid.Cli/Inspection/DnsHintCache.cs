using System.Collections.Generic;
using Tsid.Capture;

namespace Tsid.Cli.Inspection
{
    /// <summary>
    /// Addresses the capture's DNS answers pointed at, and the names that led there — what a firewall that sees the
    /// client's DNS traffic knows before the TLS connection starts. Bounded: past <see cref="MaxAddresses"/> the cache
    /// starts again empty (a capture tool may forget; it must not grow without limit).
    /// </summary>
    internal sealed class DnsHintCache
    {
        public const int MaxAddresses = 200_000;

        public const int MaxNamesPerAddress = 16;

        private readonly Dictionary<PacketAddress, List<string>> _names = new();

        public int Count => _names.Count;

        public void Add(DnsAnswer answer)
        {
            if (!_names.TryGetValue(answer.Address, out List<string>? names))
            {
                if (_names.Count >= MaxAddresses)
                {
                    _names.Clear();
                }

                names = new List<string>();
                _names.Add(answer.Address, names);
            }

            // The most recent answer first: that is the name the client most likely asked for just now.
            for (int i = answer.Names.Count - 1; i >= 0; i--)
            {
                string name = answer.Names[i];
                names.Remove(name);
                names.Insert(0, name);
            }

            if (names.Count > MaxNamesPerAddress)
            {
                names.RemoveRange(MaxNamesPerAddress, names.Count - MaxNamesPerAddress);
            }
        }

        public string[] Lookup(PacketAddress address) =>
            _names.TryGetValue(address, out List<string>? names) ? names.ToArray() : System.Array.Empty<string>();
    }
}
