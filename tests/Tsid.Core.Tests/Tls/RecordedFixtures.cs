using System;
using System.IO;

namespace Tsid.Tests.Tls
{
    /// <summary>
    /// Writes a recording as fixture files (<c>name.c2s.bin</c>, <c>name.s2c.bin</c>) into the folder named by
    /// TSID_RECORD_TLS_FIXTURES, when that variable is set; this is how Fixtures/Tls was made (see its README).
    /// </summary>
    internal static class RecordedFixtures
    {
        public static void WriteIfAsked(string name, RecordedHandshake recording)
        {
            string? folder = Environment.GetEnvironmentVariable("TSID_RECORD_TLS_FIXTURES");
            if (string.IsNullOrEmpty(folder))
            {
                return;
            }

            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, name + ".c2s.bin"), recording.ClientToServer);
            File.WriteAllBytes(Path.Combine(folder, name + ".s2c.bin"), recording.ServerToClient);
        }
    }
}
