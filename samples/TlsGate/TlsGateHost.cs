using System;
using System.IO;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tsid.Identity;
using Tsid.Policy;

namespace Tsid.Samples.TlsGate
{
    /// <summary>
    /// Builds the gateway's host: options from configuration, the preset, the policy file, and a Kestrel endpoint whose
    /// connection pipeline is the gateway (no HTTP: the gateway is terminal middleware, <see cref="TlsGateway.OnConnectionAsync"/>).
    /// </summary>
    public static class TlsGateHost
    {
        /// <summary>Builds the application (not started).</summary>
        /// <param name="args">Command-line arguments (configuration overrides such as <c>--TlsGate:UpstreamHost=…</c>).</param>
        /// <param name="configure">Changes applied to the bound options before validation (tests set ports and files here).</param>
        /// <param name="log">Where the log lines go; null for <see cref="TlsGateOptions.LogFile"/> or standard output.</param>
        /// <param name="configureBuilder">Further changes to the builder (logging, services).</param>
        /// <returns>The application; its <see cref="TlsGateway"/> is a singleton service.</returns>
        public static WebApplication Build(string[] args, Action<TlsGateOptions>? configure = null, IGateLogSink? log = null, Action<WebApplicationBuilder>? configureBuilder = null)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
            var options = new TlsGateOptions();
            builder.Configuration.GetSection(TlsGateOptions.SectionName).Bind(options);
            configure?.Invoke(options);
            options.Validate();
            ServerIdentityPresets.TryGet(options.Preset, out ServerIdentityResolver? resolver);
            AccessPolicy policy = LoadPolicy(ResolvePath(builder.Environment.ContentRootPath, options.PolicyFile));
            log ??= new StreamGateLogSink(string.IsNullOrEmpty(options.LogFile)
                ? Console.OpenStandardOutput()
                : new FileStream(ResolvePath(builder.Environment.ContentRootPath, options.LogFile), FileMode.Append, FileAccess.Write, FileShare.Read));

            var gateway = new TlsGateway(options, resolver!, policy, log);
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(gateway);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(IPAddress.Parse(options.ListenAddress), options.ListenPort, listen => listen.Use(_ => gateway.OnConnectionAsync));
            });
            configureBuilder?.Invoke(builder);
            return builder.Build();
        }

        /// <summary>Reads a policy file; its <c>file=</c> lists are read relative to it (the library does no file I/O).</summary>
        /// <param name="path">The file.</param>
        /// <returns>The policy.</returns>
        public static AccessPolicy LoadPolicy(string path)
        {
            string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return PolicyText.Parse(File.ReadAllText(path), openList: list => new StreamReader(Path.Combine(directory, list)));
        }

        /// <summary>A path as given when absolute, else under the content root, else beside the program.</summary>
        private static string ResolvePath(string contentRoot, string path)
        {
            if (Path.IsPathRooted(path))
            {
                return path;
            }

            string underRoot = Path.Combine(contentRoot, path);
            string besideProgram = Path.Combine(AppContext.BaseDirectory, path);
            return File.Exists(underRoot) || !File.Exists(besideProgram) ? underRoot : besideProgram;
        }
    }
}
