using System;

namespace Tsid.X509
{
    /// <summary>Strict-mode validation of the extension values this library reads.</summary>
    internal static class ExtensionValues
    {
        public static bool TryValidate(Extension extension, int valueOffset, out X509Error error)
        {
            ReadOnlySpan<byte> oid = extension.Oid;
            ReadOnlySpan<byte> value = extension.Value;
            bool ok;
            if (ExtensionOids.Is(oid, ExtensionOids.SubjectAltName))
            {
                return SubjectAltName.TryParse(value, valueOffset, strict: true, out _, out error);
            }
            else if (ExtensionOids.Is(oid, ExtensionOids.BasicConstraints))
            {
                ok = BasicConstraints.TryParse(value, valueOffset, strict: true, out _, out error);
            }
            else if (ExtensionOids.Is(oid, ExtensionOids.KeyUsage))
            {
                ok = KeyUsageReader.TryParse(value, valueOffset, strict: true, out _, out error);
            }
            else if (ExtensionOids.Is(oid, ExtensionOids.ExtendedKeyUsage))
            {
                ok = ExtendedKeyUsage.TryParse(value, valueOffset, strict: true, out _, out error);
            }
            else if (ExtensionOids.Is(oid, ExtensionOids.AuthorityKeyIdentifier))
            {
                ok = AuthorityKeyIdentifier.TryParse(value, valueOffset, strict: true, out _, out error);
            }
            else if (ExtensionOids.Is(oid, ExtensionOids.SubjectKeyIdentifier))
            {
                DerReader reader = new DerReader(value, valueOffset, 0);
                ok = reader.TryReadOctetString(out _, out error) && reader.TryReadEnd(out error);
            }
            else
            {
                error = default;
                return true;
            }

            // A structural fault inside a known extension is reported as that extension being invalid, at the fault.
            if (!ok && error.Code is X509ErrorCode.UnexpectedTag or X509ErrorCode.TrailingData)
            {
                error = new X509Error(X509ErrorCode.InvalidExtension, error.Offset);
            }

            return ok;
        }
    }
}
