using System;

namespace Tsid.Identity
{
    /// <summary>Options for RFC 6125 host-name matching.</summary>
    [Flags]
    public enum HostNameMatchOptions : byte
    {
        /// <summary>
        /// The safe default: a wildcard only as the whole left-most label, never over a single remaining label
        /// (<c>*.com</c>), never inside an IDN A-label.
        /// </summary>
        None = 0,

        /// <summary>
        /// Also accept partial-label wildcards such as <c>f*.example.com</c> or <c>*bar.example.com</c> (RFC 6125 6.4.3 lets
        /// clients do this; OpenSSL does unless <c>X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS</c>). Still never inside an A-label.
        /// </summary>
        AllowPartialLabelWildcards = 1,
    }
}
