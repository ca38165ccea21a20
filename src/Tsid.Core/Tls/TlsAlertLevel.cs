namespace Tsid.Tls
{
    /// <summary>An alert's level (RFC 8446 6 <c>AlertLevel</c>). Open: other values keep their wire value.</summary>
    public enum TlsAlertLevel : byte
    {
        /// <summary>The level is unknown (an encrypted alert).</summary>
        None = 0,

        /// <summary><c>warning(1)</c>.</summary>
        Warning = 1,

        /// <summary><c>fatal(2)</c>.</summary>
        Fatal = 2,
    }
}
