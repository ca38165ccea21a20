using System;
using System.Text;

namespace Tsid.Tls
{
    /// <summary>Latin-1 decoding that works on every target framework (no Encoding.Latin1 on netstandard2.0).</summary>
    internal static class Latin1
    {
        public static string GetString(ReadOnlySpan<byte> bytes)
        {
            if (bytes.IsEmpty)
            {
                return string.Empty;
            }
#if NET
            return Encoding.Latin1.GetString(bytes);
#else
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[i] = (char)bytes[i];
            }

            return new string(chars);
#endif
        }
    }
}
