namespace Tsid.Tls
{
    /// <summary>GREASE values (RFC 8701): reserved code points clients send to keep peers tolerant of unknown values.</summary>
    public static class Grease
    {
        /// <summary>True for a 16-bit GREASE value: both bytes equal and of the form 0x?A (RFC 8701 2).</summary>
        /// <param name="value">A cipher suite, extension type, group, signature algorithm or version.</param>
        /// <returns>True when it is GREASE.</returns>
        public static bool IsGrease(ushort value) => (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);
    }
}
