using System;

namespace Tsid.Capture
{
    /// <summary>
    /// A direction-free TCP 5-tuple key: the two endpoints in a canonical order, packed into 40 bytes so the flow
    /// table's entries stay small (the protocol is implicit).
    /// </summary>
    internal readonly struct FlowKey : IEquatable<FlowKey>
    {
        private readonly ulong _lowHigh;
        private readonly ulong _lowLow;
        private readonly ulong _highHigh;
        private readonly ulong _highLow;
        private readonly uint _ports;
        private readonly bool _isIPv6;

        private FlowKey(FlowEndpoint low, FlowEndpoint high)
        {
            _lowHigh = low.Address.High;
            _lowLow = low.Address.Low;
            _highHigh = high.Address.High;
            _highLow = high.Address.Low;
            _ports = ((uint)low.Port << 16) | high.Port;
            _isIPv6 = low.Address.IsIPv6;
        }

        public static FlowKey Of(FlowEndpoint a, FlowEndpoint b)
        {
            int c = a.Address.CompareTo(b.Address);
            return c < 0 || (c == 0 && a.Port <= b.Port) ? new FlowKey(a, b) : new FlowKey(b, a);
        }

        public bool Equals(FlowKey other) =>
            _lowLow == other._lowLow && _highLow == other._highLow && _ports == other._ports
            && _lowHigh == other._lowHigh && _highHigh == other._highHigh && _isIPv6 == other._isIPv6;

        public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

        public override int GetHashCode()
        {
            // A multiply-xorshift mix of all words: ports and the low address words vary most between flows.
            ulong h = (_lowLow * 0x9E3779B97F4A7C15UL) ^ (_highLow * 0xC2B2AE3D27D4EB4FUL) ^ (_ports * 0x165667B19E3779F9UL)
                ^ (_lowHigh * 0x27D4EB2F165667C5UL) ^ _highHigh ^ (_isIPv6 ? 0x5555UL : 0UL);
            h ^= h >> 29;
            h *= 0xBF58476D1CE4E5B9UL;
            h ^= h >> 32;
            return (int)h;
        }
    }
}
