using System;

namespace Tsid.X509
{
    /// <summary>Strict-mode validation of the extension values this library reads.</summary>
    internal static class ExtensionValues
    {
        public static bool TryValidate(Extension extension, int valueOffset, out X509Error error)
        {
            ReadOnlySpan<byte> oid = extension.Oid;
            if (ExtensionOids.Is(oid, ExtensionOids.SubjectAltName))
            {
                return X509.SubjectAltName.TryParse(extension.Value, valueOffset, strict: true, out _, out error);
            }

            error = default;
            return true;
        }
    }
}
