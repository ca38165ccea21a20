using System;
using System.Buffers;
using Tsid.Identity;

namespace Tsid.Policy
{
    /// <summary>
    /// The presented names of one evaluation, normalised once into one buffer so that every list and rule reads them as
    /// spans. Starts on the caller's stack; a certificate with more names than fit moves to pooled arrays (returned by
    /// <see cref="Dispose"/>), so no name is ever dropped and nothing is allocated once the pool is warm.
    /// </summary>
    internal ref struct NameTable
    {
        /// <summary>Characters on the stack before the table moves to a pooled array (the seed certificate's 15 names take about 250).</summary>
        public const int StackChars = 512;

        /// <summary>Names on the stack before the table moves to a pooled array.</summary>
        public const int StackNames = 16;

        /// <summary>Ints per name: start, length, origin (1-based position in <see cref="PresentedNames"/>).</summary>
        public const int SlotWidth = 3;

        private Span<char> _chars;
        private Span<int> _slots;
        private char[]? _rentedChars;
        private int[]? _rentedSlots;
        private int _used;

        public NameTable(Span<char> chars, Span<int> slots)
        {
            _chars = chars;
            _slots = slots;
            _rentedChars = null;
            _rentedSlots = null;
            _used = 0;
            Count = 0;
        }

        /// <summary>How many names the table holds.</summary>
        public int Count { get; private set; }

        /// <summary>The i-th name.</summary>
        public readonly ReadOnlySpan<char> this[int i] => _chars.Slice(_slots[i * SlotWidth], _slots[(i * SlotWidth) + 1]);

        /// <summary>Where the i-th name stands in <see cref="PresentedNames"/> (from 1).</summary>
        public readonly int Origin(int i) => _slots[(i * SlotWidth) + 2];

        /// <summary>Normalises every presented name that is a host name and differs from <paramref name="resolved"/>.</summary>
        public void Fill(ReadOnlySpan<char> resolved, scoped PresentedNames presented)
        {
            resolved = HostNames.TrimTrailingDot(resolved);
            int origin = 0;
            foreach (PresentedName name in presented)
            {
                origin++;
                if (_chars.Length - _used < HostName.MaxLength)
                {
                    GrowChars();
                }

                if ((Count + 1) * SlotWidth > _slots.Length)
                {
                    GrowSlots();
                }

                Span<char> into = _chars.Slice(_used, HostName.MaxLength);
                if (name.Normalize(into, out int length) != HostNameStatus.Valid
                    || HostName.EqualsIgnoreAsciiCase(into.Slice(0, length), resolved))
                {
                    continue;
                }

                int slot = Count * SlotWidth;
                _slots[slot] = _used;
                _slots[slot + 1] = length;
                _slots[slot + 2] = origin;
                _used += length;
                Count++;
            }
        }

        /// <summary>Gives pooled arrays back.</summary>
        public void Dispose()
        {
            if (_rentedChars != null)
            {
                ArrayPool<char>.Shared.Return(_rentedChars);
                _rentedChars = null;
            }

            if (_rentedSlots != null)
            {
                ArrayPool<int>.Shared.Return(_rentedSlots);
                _rentedSlots = null;
            }
        }

        private void GrowChars()
        {
            char[] bigger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _used + HostName.MaxLength));
            _chars.Slice(0, _used).CopyTo(bigger);
            if (_rentedChars != null)
            {
                ArrayPool<char>.Shared.Return(_rentedChars);
            }

            _rentedChars = bigger;
            _chars = bigger;
        }

        private void GrowSlots()
        {
            int[] bigger = ArrayPool<int>.Shared.Rent(_slots.Length * 2);
            _slots.Slice(0, Count * SlotWidth).CopyTo(bigger);
            if (_rentedSlots != null)
            {
                ArrayPool<int>.Shared.Return(_rentedSlots);
            }

            _rentedSlots = bigger;
            _slots = bigger;
        }
    }
}
