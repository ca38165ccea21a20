using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Tsid.Policy;

namespace Tsid.Samples.AspNetCoreFingerprints
{
    /// <summary>
    /// <c>dotnet run --project samples/AspNetCoreFingerprints -- [--port 8443] [--policy policy.txt] [--cert server.pfx [--cert-password X]]</c>.
    /// Without <c>--cert</c> a throwaway self-signed certificate for <c>localhost</c> is made at start-up.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point.</summary>
        /// <param name="args">See the type's summary.</param>
        /// <returns>The exit code.</returns>
        public static async Task<int> Main(string[] args)
        {
            int port = 8443;
            string? policyPath = null, certPath = null, certPassword = null;
            for (int i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--port": port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--policy": policyPath = args[i + 1]; break;
                    case "--cert": certPath = args[i + 1]; break;
                    case "--cert-password": certPassword = args[i + 1]; break;
                    default:
                        await Console.Error.WriteLineAsync("unknown option " + args[i]).ConfigureAwait(false);
                        return 2;
                }
            }

            AccessPolicy? policy = policyPath is null ? null : LoadPolicy(policyPath);

            using X509Certificate2 certificate = certPath is null ? SelfSigned("localhost") : X509CertificateLoader.LoadPkcs12FromFile(certPath, certPassword);
            var options = new FingerprintsOptions { Certificate = certificate, Endpoint = new IPEndPoint(IPAddress.Loopback, port), Policy = policy };
            WebApplication app = FingerprintsApp.Create(options, logging => logging.AddJsonConsole(json => json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false }));
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }

        /// <summary>Reads a policy file; <c>file=</c> lists are read relative to it (the library does no file I/O itself).</summary>
        /// <param name="path">The policy file.</param>
        /// <returns>The built policy.</returns>
        /// <exception cref="PolicyFormatException">The file has errors (all of them, with line numbers).</exception>
        public static AccessPolicy LoadPolicy(string path)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return PolicyText.Parse(File.ReadAllText(path), openList: p => new StreamReader(Path.Combine(directory, p)));
        }

        /// <summary>A self-signed ECDSA P-256 certificate for <paramref name="name"/>, valid for a day.</summary>
        /// <param name="name">The DNS name (subject CN and SAN).</param>
        /// <returns>The certificate with its private key.</returns>
        public static X509Certificate2 SelfSigned(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(name);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            using X509Certificate2 created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

            // Round-trip through PKCS#12 so SslStream on Linux gets a certificate whose key it can use for the handshake.
            return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        }
    }
}
