using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tsid.Policy;

namespace Tsid.Samples.AspNetCoreFingerprints
{
    /// <summary>Builds the sample app: Kestrel on one HTTPS endpoint with the ClientHello callback, and <c>GET /fingerprint</c>.</summary>
    public static class FingerprintsApp
    {
        /// <summary>Builds the app (not started).</summary>
        /// <param name="options">Certificate, endpoint, policy.</param>
        /// <param name="configureLogging">Extra logging setup (tests add a capturing provider), or null.</param>
        /// <param name="args">Command-line arguments for the host's configuration, or null.</param>
        /// <returns>The app; <c>StartAsync</c>/<c>RunAsync</c> it.</returns>
        public static WebApplication Create(FingerprintsOptions options, Action<ILoggingBuilder>? configureLogging = null, string[]? args = null)
        {
            ArgumentNullException.ThrowIfNull(options);
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args ?? Array.Empty<string>());
            configureLogging?.Invoke(builder.Logging);

            PolicyAction incomplete = options.IncompleteHello ?? (options.Policy is null ? PolicyAction.Allow : PolicyAction.Block);
            builder.Services.AddSingleton(new ClientHelloInspector(options.Policy, options.Resolver, incomplete, options.MalformedHello));
            builder.Services.AddSingleton<ClientHelloCallback>();
            builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, FingerprintJson.Default));

            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                ClientHelloCallback callback = kestrel.ApplicationServices.GetRequiredService<ClientHelloCallback>();
                kestrel.Listen(options.Endpoint, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(https =>
                    {
                        https.ServerCertificate = options.Certificate;
                        https.TlsClientHelloBytesCallback = callback.OnClientHello;
                    });
                });
            });

            WebApplication app = builder.Build();
            app.MapGet("/fingerprint", (HttpContext context) => FingerprintResponse.From(context));
            return app;
        }
    }

    /// <summary>What <c>GET /fingerprint</c> returns: the connection's <see cref="ITlsClientHelloFeature"/> and what Kestrel negotiated.</summary>
    /// <param name="Status">Parsed, Incomplete or Malformed (null without the feature: a connection the callback never saw).</param>
    /// <param name="Sni">The SNI the client sent.</param>
    /// <param name="AlpnOffered">The ALPN list the client offered.</param>
    /// <param name="AlpnNegotiated">The protocol the TLS handshake selected (Kestrel's view).</param>
    /// <param name="Protocol">The HTTP protocol of this request.</param>
    /// <param name="Ja4">JA4.</param>
    /// <param name="Ja3">JA3.</param>
    /// <param name="Verdict">Allow (a blocked connection never gets here).</param>
    /// <param name="Rule">The policy rule or list that decided, if any.</param>
    /// <param name="InspectMicroseconds">The callback's library work, in microseconds.</param>
    /// <param name="InspectAllocatedBytes">Bytes that work allocated.</param>
    public sealed record FingerprintResponse(
        string? Status,
        string? Sni,
        IReadOnlyList<string> AlpnOffered,
        string? AlpnNegotiated,
        string Protocol,
        string? Ja4,
        string? Ja3,
        string? Verdict,
        string? Rule,
        double InspectMicroseconds,
        long InspectAllocatedBytes)
    {
        /// <summary>Reads the feature from the request (it falls back to the connection's features).</summary>
        /// <param name="context">The request.</param>
        /// <returns>The response body.</returns>
        public static FingerprintResponse From(HttpContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            ITlsClientHelloFeature? hello = context.Features.Get<ITlsClientHelloFeature>();
            ReadOnlyMemory<byte> negotiated = context.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol ?? default;
            return new FingerprintResponse(
                hello?.Status.ToString(),
                hello?.Sni,
                hello?.Alpn ?? Array.Empty<string>(),
                negotiated.IsEmpty ? null : System.Text.Encoding.ASCII.GetString(negotiated.Span),
                context.Request.Protocol,
                hello?.Ja4,
                hello?.Ja3,
                hello?.Verdict.ToString(),
                hello?.Decision?.RuleName,
                hello?.InspectDuration.TotalMicroseconds ?? 0,
                hello?.InspectAllocatedBytes ?? 0);
        }
    }

    /// <summary>Source-generated JSON for the response (no reflection).</summary>
    [JsonSerializable(typeof(FingerprintResponse))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    public sealed partial class FingerprintJson : JsonSerializerContext
    {
    }
}
