using System;
using System.Collections.Generic;
using Tsid.Capture;

namespace Tsid.Inspection
{
    /// <summary>
    /// Addresses the capture's DNS answers pointed at, and the names that led there: what a firewall that sees the client's
    /// DNS traffic knows before a TLS connection starts. Each name expires at its answer's capture time plus the TTL, and a
    /// lookup only returns names still valid at the time it is given (the connection's first packet). Bounded: at most
    /// <c>maxAddresses</c> addresses (expired ones are swept first when full, then the cache starts again empty) and
    /// <c>maxNamesPerAddress</c> names each. Single-threaded.
    /// </summary>
    internal sealed class DnsHintCache
    {
        private const long NanosecondsPerSecond = 1_000_000_000L;

        private readonly Dictionary<PacketAddress, Entry> _entries = new();
        private readonly int _maxAddresses;
        private readonly int _maxNamesPerAddress;

        public DnsHintCache(int maxAddresses, int maxNamesPerAddress)
        {
            _maxAddresses = maxAddresses;
            _maxNamesPerAddress = maxNamesPerAddress;
        }

        /// <summary>Addresses held (expired ones included until they are swept).</summary>
        public int Count => _entries.Count;

        public void Add(DnsAnswer answer)
        {
            long expires = answer.TimestampNanoseconds + (answer.TimeToLive * NanosecondsPerSecond);
            if (!_entries.TryGetValue(answer.Address, out Entry? entry))
            {
                if (_entries.Count >= _maxAddresses)
                {
                    Sweep(answer.TimestampNanoseconds);
                    if (_entries.Count >= _maxAddresses)
                    {
                        _entries.Clear();
                    }
                }

                entry = new Entry();
                _entries.Add(answer.Address, entry);
            }

            // The most recent answer first: that is the name the client most likely asked for just now. Within an answer
            // the queried name leads, then the CNAME chain (DnsAnswer.Names order).
            for (int i = answer.Names.Count - 1; i >= 0; i--)
            {
                entry.MoveToFront(answer.Names[i], expires);
            }

            entry.Trim(_maxNamesPerAddress);
        }

        /// <summary>The names valid at <paramref name="timestampNanoseconds"/> for <paramref name="address"/>, most recent first. The array is never changed afterwards.</summary>
        public string[] Lookup(PacketAddress address, long timestampNanoseconds)
        {
            if (!_entries.TryGetValue(address, out Entry? entry))
            {
                return Array.Empty<string>();
            }

            return entry.Valid(timestampNanoseconds);
        }

        private void Sweep(long now)
        {
            List<PacketAddress>? expired = null;
            foreach (KeyValuePair<PacketAddress, Entry> pair in _entries)
            {
                if (pair.Value.LatestExpiry < now)
                {
                    (expired ??= new List<PacketAddress>()).Add(pair.Key);
                }
            }

            if (expired is not null)
            {
                foreach (PacketAddress address in expired)
                {
                    _entries.Remove(address);
                }
            }
        }

        private sealed class Entry
        {
            private readonly List<string> _names = new();
            private readonly List<long> _expires = new();

            // The names of the last lookup and the window in which they hold: rebuilt only when an answer arrives or a
            // name expires, so a busy server costs no allocation per connection.
            private string[]? _snapshot;
            private long _snapshotFrom = long.MaxValue;
            private long _snapshotUntil = long.MinValue;

            public long LatestExpiry { get; private set; } = long.MinValue;

            public void MoveToFront(string name, long expires)
            {
                int existing = _names.IndexOf(name);
                if (existing >= 0)
                {
                    _names.RemoveAt(existing);
                    _expires.RemoveAt(existing);
                }

                _names.Insert(0, name);
                _expires.Insert(0, expires);
                LatestExpiry = Math.Max(LatestExpiry, expires);
                _snapshot = null;
            }

            public void Trim(int max)
            {
                if (_names.Count > max)
                {
                    _names.RemoveRange(max, _names.Count - max);
                    _expires.RemoveRange(max, _expires.Count - max);
                }
            }

            public string[] Valid(long now)
            {
                if (_snapshot is not null && now >= _snapshotFrom && now <= _snapshotUntil)
                {
                    return _snapshot;
                }

                // A name counts while now <= its expiry. The snapshot holds from the latest expiry already passed (exclusive)
                // to the earliest one still ahead (inclusive).
                int count = 0;
                long until = long.MaxValue;
                long from = long.MinValue;
                for (int i = 0; i < _expires.Count; i++)
                {
                    long expires = _expires[i];
                    if (now <= expires)
                    {
                        count++;
                        until = Math.Min(until, expires);
                    }
                    else
                    {
                        from = Math.Max(from, expires + 1);
                    }
                }

                string[] names = count == 0 ? Array.Empty<string>() : new string[count];
                int j = 0;
                for (int i = 0; i < _expires.Count && j < count; i++)
                {
                    if (now <= _expires[i])
                    {
                        names[j++] = _names[i];
                    }
                }

                _snapshot = names;
                _snapshotFrom = from;
                _snapshotUntil = until;
                return names;
            }
        }
    }
}
