using System;

namespace Tsid.Capture
{
    /// <summary>A direction-free 5-tuple key (protocol is implicit: TCP): the two endpoints in a canonical order.</summary>
    internal readonly struct FlowKey : IEquatable<FlowKey>
    {
        private readonly FlowEndpoint _low;
        private readonly FlowEndpoint _high;

        private FlowKey(FlowEndpoint low, FlowEndpoint high)
        {
            _low = low;
            _high = high;
        }

        public static FlowKey Of(FlowEndpoint a, FlowEndpoint b)
        {
            int c = a.Address.CompareTo(b.Address);
            return c < 0 || (c == 0 && a.Port <= b.Port) ? new FlowKey(a, b) : new FlowKey(b, a);
        }

        public bool Equals(FlowKey other) => _low.Equals(other._low) && _high.Equals(other._high);

        public override bool Equals(object? obj) => obj is FlowKey other && Equals(other);

        public override int GetHashCode()
        {
            int h = _low.GetHashCode();
            return (h * 31) ^ _high.GetHashCode() ^ (h >> 15);
        }
    }
}
