using System;

namespace Tsid.Identity
{
    /// <summary>
    /// Punycode (RFC 3492), written by hand so that every target framework behaves the same and nothing allocates.
    /// Only what IDNA needs: one label at a time, code points in, ASCII out, and a decoder used to validate A-labels.
    /// </summary>
    internal static class Punycode
    {
        // RFC 3492 5: parameter values for Punycode.
        private const int Base = 36;
        private const int TMin = 1;
        private const int TMax = 26;
        private const int Skew = 38;
        private const int Damp = 700;
        private const int InitialBias = 72;
        private const int InitialN = 0x80;
        private const int MaxCodePoint = 0x10FFFF;

        /// <summary>RFC 3492 6.1 bias adaptation.</summary>
        private static int Adapt(int delta, int numPoints, bool firstTime)
        {
            delta = firstTime ? delta / Damp : delta / 2;
            delta += delta / numPoints;
            int k = 0;
            while (delta > ((Base - TMin) * TMax) / 2)
            {
                delta /= Base - TMin;
                k += Base;
            }

            return k + (((Base - TMin + 1) * delta) / (delta + Skew));
        }

        private static char EncodeDigit(int d) => (char)(d < 26 ? 'a' + d : '0' + (d - 26));

        private static int DecodeDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0' + 26;
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a';
            }

            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            return -1;
        }

        /// <summary>
        /// RFC 3492 6.3: encodes <paramref name="input"/> code points (without the <c>xn--</c> prefix).
        /// Returns false when the output does not fit in <paramref name="destination"/> or arithmetic would overflow.
        /// </summary>
        public static bool TryEncode(ReadOnlySpan<int> input, Span<char> destination, out int charsWritten)
        {
            charsWritten = 0;
            int output = 0;

            // Basic code points are copied first, in order.
            for (int j = 0; j < input.Length; j++)
            {
                if (input[j] < 0x80)
                {
                    if ((uint)output >= (uint)destination.Length)
                    {
                        return false;
                    }

                    destination[output++] = (char)input[j];
                }
            }

            int basicCount = output;
            int handled = basicCount;
            if (basicCount > 0)
            {
                if ((uint)output >= (uint)destination.Length)
                {
                    return false;
                }

                destination[output++] = '-';
            }

            int n = InitialN;
            int delta = 0;
            int bias = InitialBias;
            while (handled < input.Length)
            {
                int m = int.MaxValue;
                for (int j = 0; j < input.Length; j++)
                {
                    if (input[j] >= n && input[j] < m)
                    {
                        m = input[j];
                    }
                }

                long grown = delta + ((long)(m - n) * (handled + 1));
                if (grown > int.MaxValue)
                {
                    return false;
                }

                delta = (int)grown;
                n = m;
                for (int j = 0; j < input.Length; j++)
                {
                    int c = input[j];
                    if (c < n && ++delta == int.MaxValue)
                    {
                        return false;
                    }

                    if (c == n)
                    {
                        int q = delta;
                        for (int k = Base; ; k += Base)
                        {
                            int t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                            if (q < t)
                            {
                                break;
                            }

                            if ((uint)output >= (uint)destination.Length)
                            {
                                return false;
                            }

                            destination[output++] = EncodeDigit(t + ((q - t) % (Base - t)));
                            q = (q - t) / (Base - t);
                        }

                        if ((uint)output >= (uint)destination.Length)
                        {
                            return false;
                        }

                        destination[output++] = EncodeDigit(q);
                        bias = Adapt(delta, handled + 1, handled == basicCount);
                        delta = 0;
                        handled++;
                    }
                }

                delta++;
                n++;
            }

            charsWritten = output;
            return true;
        }

        /// <summary>
        /// RFC 3492 6.2: decodes the part of an A-label after <c>xn--</c>. With an empty <paramref name="destination"/>
        /// it only validates and counts. Returns false on any malformation, overflow, or a surrogate/out-of-range result.
        /// </summary>
        public static bool TryDecode(ReadOnlySpan<char> input, Span<int> destination, out int codePoints)
        {
            codePoints = 0;
            bool store = !destination.IsEmpty;
            int basicEnd = input.LastIndexOf('-');
            int output = 0;
            if (basicEnd > 0)
            {
                for (int j = 0; j < basicEnd; j++)
                {
                    char c = input[j];
                    if (c >= 0x80)
                    {
                        return false;
                    }

                    if (store)
                    {
                        if (output >= destination.Length)
                        {
                            return false;
                        }

                        destination[output] = c;
                    }

                    output++;
                }
            }

            int n = InitialN;
            int i = 0;
            int bias = InitialBias;
            for (int inPos = basicEnd > 0 ? basicEnd + 1 : 0; inPos < input.Length;)
            {
                int oldi = i;
                int w = 1;
                for (int k = Base; ; k += Base)
                {
                    if (inPos >= input.Length)
                    {
                        return false;
                    }

                    int digit = DecodeDigit(input[inPos++]);
                    if (digit < 0)
                    {
                        return false;
                    }

                    long grownI = i + ((long)digit * w);
                    if (grownI > int.MaxValue)
                    {
                        return false;
                    }

                    i = (int)grownI;
                    int t = k <= bias ? TMin : k >= bias + TMax ? TMax : k - bias;
                    if (digit < t)
                    {
                        break;
                    }

                    long grownW = (long)w * (Base - t);
                    if (grownW > int.MaxValue)
                    {
                        return false;
                    }

                    w = (int)grownW;
                }

                bias = Adapt(i - oldi, output + 1, oldi == 0);
                int steps = i / (output + 1);
                if (steps > MaxCodePoint - n)
                {
                    return false;
                }

                n += steps;
                i %= output + 1;
                if (n > MaxCodePoint || (n >= 0xD800 && n <= 0xDFFF) || n < 0x80)
                {
                    return false;
                }

                if (store)
                {
                    if (output >= destination.Length)
                    {
                        return false;
                    }

                    // Insert n at position i.
                    for (int j = output; j > i; j--)
                    {
                        destination[j] = destination[j - 1];
                    }

                    destination[i] = n;
                }

                output++;
                i++;
            }

            codePoints = output;
            return true;
        }
    }
}
