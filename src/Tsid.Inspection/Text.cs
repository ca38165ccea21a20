using System;

namespace Tsid.Inspection
{
    /// <summary>Byte-to-text helpers that work on every target framework.</summary>
    internal static class Text
    {
        /// <summary>Latin-1 decoding (no Encoding.Latin1 on netstandard2.0): each byte is the code point of the same value.</summary>
        public static string Latin1(ReadOnlySpan<byte> bytes)
        {
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return new string(chars);
        }
    }
}
