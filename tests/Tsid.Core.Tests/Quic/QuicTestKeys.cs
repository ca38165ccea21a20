#if TSID_NETSTANDARD_BUILD
using System;
using System.Security.Cryptography;
using Tsid.Quic;

namespace Tsid.Tests.Quic
{
    /// <summary>
    /// The netstandard2.0 run's own Initial key derivation for the test writer (RFC 9001 5.2, RFC 9369 3.3.1), with the BCL's
    /// HKDF of the net10.0 test runtime: the netstandard2.0 build of the library has no derivation to lend (no HKDF there).
    /// Checked against the RFC vectors by QuicInitialTests on that run.
    /// </summary>
    internal static class QuicTestKeys
    {
        public static void Derive(QuicVersion version, ReadOnlySpan<byte> dcid, bool server, Span<byte> key, Span<byte> iv, Span<byte> hp)
        {
            Span<byte> secret = stackalloc byte[32];
            DeriveSecret(version, dcid, server, secret);
            string prefix = version.IsV2 ? "quicv2 " : "quic ";
            ExpandLabel(secret, prefix + "key", key);
            ExpandLabel(secret, prefix + "iv", iv);
            ExpandLabel(secret, prefix + "hp", hp);
        }

        public static void DeriveSecret(QuicVersion version, ReadOnlySpan<byte> dcid, bool server, Span<byte> secret)
        {
            // RFC 9001 5.2 (v1, drafts 33-34), RFC 9369 3.3.1 (v2), draft-ietf-quic-tls-29 5.2 (drafts 29-32).
            string salt = version.IsV2 ? "0dede3def700a6db819381be6e269dcbf9bd2ed9"
                : version.Value >= 0xff00001d && version.Value <= 0xff000020 ? "afbfec289993d24c9e9786f19c6111e04390a899"
                : "38762cf7f55934b34d179ae6a4c80cadccbb7f0a";
            Span<byte> initial = stackalloc byte[32];
            HKDF.Extract(HashAlgorithmName.SHA256, dcid, Convert.FromHexString(salt), initial);
            ExpandLabel(initial, server ? "server in" : "client in", secret);
        }

        // RFC 8446 7.1 HKDF-Expand-Label with an empty context.
        private static void ExpandLabel(ReadOnlySpan<byte> secret, string label, Span<byte> output)
        {
            byte[] full = System.Text.Encoding.ASCII.GetBytes("tls13 " + label);
            byte[] info = new byte[2 + 1 + full.Length + 1];
            info[0] = (byte)(output.Length >> 8);
            info[1] = (byte)output.Length;
            info[2] = (byte)full.Length;
            full.CopyTo(info, 3);
            HKDF.Expand(HashAlgorithmName.SHA256, secret, output, info);
        }
    }
}
#endif
