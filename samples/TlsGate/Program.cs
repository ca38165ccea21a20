using Microsoft.AspNetCore.Builder;
using Tsid.Samples.TlsGate;

// dotnet run --project samples/TlsGate -- --TlsGate:UpstreamHost=192.0.2.10 --TlsGate:UpstreamDnsName=tools.cisco.com
WebApplication app = TlsGateHost.Build(args);
app.Run();
