using System;
using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>One name of <see cref="PresentedNames"/>, as presented: a view over the handshake's bytes (or the caller's string).</summary>
    public readonly ref struct PresentedName
    {
        private readonly ReadOnlySpan<byte> _ascii;
        private readonly DirectoryString _commonName;
        private readonly ReadOnlySpan<char> _text;

        internal PresentedName(IdentitySource source, ReadOnlySpan<byte> ascii, DirectoryString commonName, ReadOnlySpan<char> text)
        {
            Source = source;
            _ascii = ascii;
            _commonName = commonName;
            _text = text;
        }

        /// <summary>
        /// Where it came from: <see cref="IdentitySource.Sni"/>, <see cref="IdentitySource.SubjectCommonName"/>,
        /// <see cref="IdentitySource.SubjectAltName"/> (a dNSName), or <see cref="IdentitySource.Custom"/> for a name from
        /// <see cref="PresentedNames.FromList"/>.
        /// </summary>
        public IdentitySource Source { get; }

        /// <summary>
        /// Writes the normal form (see <see cref="HostName"/>: lower case, no trailing dot, Unicode labels as A-labels) to
        /// <paramref name="destination"/>; <see cref="HostName.MaxLength"/> characters always suffice. Allocates nothing.
        /// </summary>
        /// <param name="destination">Where the name goes.</param>
        /// <param name="charsWritten">How many characters were written (0 unless valid).</param>
        /// <returns><see cref="HostNameStatus.Valid"/>, or why the name is not a host name.</returns>
        public HostNameStatus Normalize(Span<char> destination, out int charsWritten)
        {
            switch (Source)
            {
                case IdentitySource.SubjectCommonName:
                    return CertificateNames.Normalize(_commonName, destination, out charsWritten, out _, IdnHandling.ConvertToALabels);
                case IdentitySource.Custom:
                    return HostName.Normalize(_text, destination, out charsWritten, out _);
                default:
                    return HostName.Normalize(_ascii, destination, out charsWritten, out _);
            }
        }

        /// <summary>The name as presented (allocates).</summary>
        /// <returns>The text.</returns>
        public override string ToString()
        {
            switch (Source)
            {
                case IdentitySource.SubjectCommonName:
                    return _commonName.GetString();
                case IdentitySource.Custom:
                    return _text.ToString();
                default:
                    return ServerIdentityRuleContext.Display(_ascii);
            }
        }
    }
}
