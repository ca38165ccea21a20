using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using Tsid.Capture;
using Tsid.Dtls;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;
using Tsid.Quic;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Fuzz
{
    /// <summary>
    /// One function per target. Each checks the contract, not only "no crash": no exception from a Try API or an
    /// inspector, error offsets inside the input (or at its end for need-more-data), the same answer when re-parsed, and
    /// the same status, error and <c>BytesConsumed</c> whatever the chunking (the input's first bytes choose it).
    /// </summary>
    public static class Targets
    {
        public delegate void Target(byte[] input);

        private static readonly Dictionary<string, Target> All = new(StringComparer.Ordinal)
        {
            ["x509"] = X509,
            ["der"] = Der,
            ["pem"] = PemText,
            ["hello"] = Hellos,
            ["observer"] = Observer,
            ["resolver"] = Resolver,
            ["policy"] = PolicyFile,
            ["list"] = DomainList,
            ["capture"] = CaptureFile,
            ["dns"] = Dns,
            ["starttls"] = StartTls,
            ["quic"] = Quic,
            ["dtls"] = Dtls,
            ["tunnel"] = Tunnel,
        };

        public static IEnumerable<string> Names => All.Keys;

        public static bool TryGet(string name, out Target? target) => All.TryGetValue(name, out target);

        private static void Check(bool condition, string what)
        {
            if (!condition)
            {
                throw new ContractException(what);
            }
        }

        /// <summary>Certificate.TryParse in every mode, every enumerator and string decoder, and a re-parse.</summary>
        private static void X509(byte[] input)
        {
            foreach (CertificateParseOptions options in new[] { CertificateParseOptions.Default, CertificateParseOptions.Strict, CertificateParseOptions.Deferred })
            {
                bool ok = Certificate.TryParse(input, options, out Certificate certificate, out X509Error error);
                bool again = Certificate.TryParse(input, options, out _, out X509Error error2);
                Check(ok == again && error.Equals(error2), "re-parse differs");
                if (!ok)
                {
                    Check(error.Offset >= 0 && error.Offset <= input.Length, $"error offset {error.Offset} outside {input.Length}");
                    continue;
                }

                _ = certificate.Subject.ToRfc4514String();
                _ = certificate.Issuer.ToRfc4514String();
                foreach (AttributeTypeAndValue attribute in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
                {
                    _ = attribute.Value.GetString();
                }

                foreach (AttributeTypeAndValue attribute in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
                {
                    _ = attribute.Value.GetString();
                }

                if (certificate.TryGetSubjectAltName(out SubjectAltName san))
                {
                    foreach (GeneralName name in san)
                    {
                        if (name.IsValid)
                        {
                            _ = name.GetString();
                            name.TryGetDirectoryName(out DistinguishedName directory);
                            name.TryGetOtherName(out _, out _);
                        }
                    }
                }

                foreach (Extension extension in certificate.Extensions)
                {
                    _ = extension.Critical;
                }

                certificate.TryGetBasicConstraints(out _);
                certificate.TryGetKeyUsage(out _);
                certificate.TryGetExtendedKeyUsage(out _);
                certificate.TryGetSubjectKeyIdentifier(out _);
                certificate.TryGetAuthorityKeyIdentifier(out _);
            }
        }

        /// <summary>The DER reader alone: walk every element (iteratively), offsets within the input.</summary>
        private static void Der(byte[] input)
        {
            var stack = new Stack<(int Start, int Length)>();
            stack.Push((0, input.Length));
            int elements = 0;
            while (stack.Count > 0 && elements < 100_000)
            {
                (int start, int length) = stack.Pop();
                var reader = new DerReader(input.AsMemory(start, length).Span);
                while (reader.HasData)
                {
                    if (!reader.TryReadElement(out DerElement element, out X509Error error))
                    {
                        Check(error.Offset >= 0 && error.Offset <= length, "DER error offset outside the input");
                        break;
                    }

                    elements++;
                    int contentStart = start + element.Offset + (element.Encoded.Length - element.Content.Length);
                    Check(contentStart >= start && contentStart + element.Content.Length <= start + length, "element outside its parent");
                    if (element.IsConstructed && stack.Count < DerReader.MaxDepth)
                    {
                        stack.Push((contentStart, element.Content.Length));
                    }
                }
            }
        }

        private static void PemText(byte[] input)
        {
            string text = Encoding.Latin1.GetString(input);
            PemCertificateEnumerator blocks = Pem.EnumerateCertificates(text.AsSpan());
            int count = 0;
            while (blocks.MoveNext() && count++ < 1000)
            {
                X509(blocks.Current.ToArray());
            }
        }

        /// <summary>ClientHello / ServerHello / Certificate message parsers and the SNI peek.</summary>
        private static void Hellos(byte[] input)
        {
            if (ClientHello.TryParse(input, out ClientHello hello, out TlsError error))
            {
                foreach (TlsExtension extension in hello.Extensions)
                {
                    _ = extension.Type;
                }

                hello.TryGetServerName(out _);
                if (hello.TryGetServerNames(out ServerNameList names))
                {
                    _ = names.Count;
                }

                hello.TryGetAlpn(out _);
                hello.TryGetSupportedVersions(out _);
            }
            else
            {
                Check(error.Offset >= 0 && error.Offset <= input.Length, $"ClientHello error offset {error.Offset} outside {input.Length}");
            }

            if (!ServerHello.TryParse(input, out ServerHello serverHello, out error))
            {
                Check(error.Offset >= 0 && error.Offset <= input.Length, "ServerHello error offset outside the input");
            }
            else
            {
                serverHello.TryGetSelectedProtocol(out _);
            }

            if (!CertificateMessage.TryParse(input, out _, out error))
            {
                Check(error.Offset >= 0 && error.Offset <= input.Length, "Certificate error offset outside the input");
            }

            OperationStatus peek = ServerNameIndication.TryPeek(input, out _, out error);
            if (peek != OperationStatus.Done)
            {
                Check(error.Offset >= 0 && error.Offset <= input.Length, $"SNI peek {peek} offset {error.Offset} outside {input.Length}");
            }
        }

        /// <summary>
        /// The observer over two directions: byte 0 chooses the chunk size, bytes 1–2 where the client stream ends.
        /// One shot and chunked must agree on status, error and BytesConsumed, per direction.
        /// </summary>
        private static void Observer(byte[] input)
        {
            if (input.Length < 3)
            {
                return;
            }

            int chunk = 1 + (input[0] % 64);
            int split = Math.Min(input.Length - 3, (input[1] << 8) | input[2]);
            byte[] client = input.AsSpan(3, split).ToArray();
            byte[] server = input.AsSpan(3 + split).ToArray();
            string whole = Observe(client, server, int.MaxValue);
            string cut = Observe(client, server, chunk);
            Check(whole == cut, "chunking changed the outcome: " + whole + " / " + cut);
        }

        private static string Observe(byte[] client, byte[] server, int chunk)
        {
            using var observer = new TlsConnectionObserver();
            OperationStatus c = Feed(observer, TlsDirection.ClientToServer, client, chunk);
            OperationStatus s = Feed(observer, TlsDirection.ServerToClient, server, chunk);
            long cc = observer.BytesConsumed(TlsDirection.ClientToServer);
            long sc = observer.BytesConsumed(TlsDirection.ServerToClient);
            Check(cc <= client.Length && sc <= server.Length, "BytesConsumed past the input");
            Check(observer.ClientError.Offset <= client.Length && observer.ServerError.Offset <= server.Length, "observer error offset past the input");
            observer.TryGetClientHello(out _);
            observer.TryGetServerHello(out _);
            observer.TryGetServerCertificates(out _);
            return $"{c} {observer.ClientError} {cc} | {s} {observer.ServerError} {sc}";
        }

        private static OperationStatus Feed(TlsConnectionObserver observer, TlsDirection direction, byte[] bytes, int chunk)
        {
            OperationStatus status = OperationStatus.NeedMoreData;
            for (int at = 0; at < bytes.Length; at += chunk)
            {
                status = observer.Feed(direction, bytes.AsSpan(at, Math.Min(chunk, bytes.Length - at)));
            }

            return status;
        }

        /// <summary>Every preset over a fuzzed handshake (and its certificate), with and without DNS hints and explanations.</summary>
        private static void Resolver(byte[] input)
        {
            using var observer = new TlsConnectionObserver();
            int split = input.Length / 3;
            observer.Feed(TlsDirection.ClientToServer, input.AsSpan(0, split));
            observer.Feed(TlsDirection.ServerToClient, input.AsSpan(split));
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with { DnsNames = new[] { "tools.cisco.com", "a..b", "" } };
            Span<char> buffer = stackalloc char[HostName.MaxLength];
            foreach (ServerIdentityResolver resolver in ServerIdentityPresets.All)
            {
                ServerIdentity first = resolver.Resolve(evidence, buffer, explain: false);
                string? name = first.IsResolved ? first.GetName() : null;
                ServerIdentity explained = resolver.Resolve(evidence, buffer, explain: true);
                Check((explained.IsResolved ? explained.GetName() : null) == name, "explaining changed the identity");
            }

            if (Certificate.TryParse(input, out Certificate certificate, out _))
            {
                var direct = new ServerIdentityEvidence { LeafCertificate = certificate, CertificateChainLength = 1 };
                foreach (ServerIdentityResolver resolver in ServerIdentityPresets.All)
                {
                    resolver.Resolve(direct, buffer);
                }
            }
        }

        private static void PolicyFile(byte[] input)
        {
            string text = Encoding.UTF8.GetString(input);
            try
            {
                AccessPolicy policy = PolicyText.Parse(text, openList: _ => new StringReader("example.com\n0.0.0.0 ads.example\n"));
                _ = policy;
            }
            catch (PolicyFormatException e)
            {
                foreach (PolicyTextError error in e.Errors)
                {
                    Check(error.Line >= 0, "negative policy error line");
                }
            }
        }

        private static void DomainList(byte[] input)
        {
            DomainSet lenient = DomainSet.ParseUtf8(input, DomainListMode.Lenient, out DomainListReport report);
            Check(report.Entries >= report.Distinct && lenient.Count == report.Distinct, "list report inconsistent");
            try
            {
                DomainSet strict = DomainSet.ParseUtf8(input, DomainListMode.Strict, out DomainListReport strictReport);
                Check(strictReport.BadLines == 0 && strict.Count == lenient.Count, "strict accepted what lenient counted as bad");
            }
            catch (DomainListFormatException e)
            {
                Check(report.BadLines > 0 && e.Errors.Count > 0, "strict refused a list lenient found clean");
            }

            string text = Encoding.UTF8.GetString(input);
            lenient.Contains(text.AsSpan(0, Math.Min(text.Length, 300)));
        }

        /// <summary>The whole inspector over a fuzzed capture (pcap, pcapng or gzip): nothing escapes, offsets in range.</summary>
        private static void CaptureFile(byte[] input)
        {
            var inspector = new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.HintAware });
            int connections = 0;
            InspectionSummary summary = inspector.Inspect(new MemoryStream(input, writable: false), (in InspectedConnection c) => connections++);
            CaptureInspectionResult capture = summary.Capture;
            Check(capture.Error == CaptureError.None || capture.ErrorOffset >= 0, "an error without an offset");
            Check(capture.IsCompressed || capture.ErrorOffset <= input.Length, $"capture error offset {capture.ErrorOffset} past {input.Length}");
            Check(connections == summary.Connections, "connections reported and counted differ");
        }

        private static void Dns(byte[] input)
        {
            var answers = new List<DnsAnswer>();
            DnsError error = DnsResponseReader.Read(input, 0, answers, out int offset);
            Check(error == DnsError.None || (offset >= 0 && offset <= input.Length), $"DNS error offset {offset} outside {input.Length}");
            Check(answers.Count <= DnsResponseReader.MaxRecords, "more answers than records read");
        }

        /// <summary>STARTTLS detection: the input becomes a client and a server stream on port 25 in a capture.</summary>
        private static void StartTls(byte[] input)
        {
            int split = input.Length / 2;
            var pcap = new MemoryStream();
            using (var writer = new PcapWriter(pcap, new PcapWriterOptions { LeaveOpen = true }))
            {
                ushort port = input.Length > 0 ? new ushort[] { 25, 143, 110, 389, 5222, 587 }[input[0] % 6] : (ushort)25;
                writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 40000), new IPEndPoint(IPAddress.Parse("192.0.2.2"), port), input.AsSpan(split), input.AsSpan(0, split));
            }

            CaptureFile(pcap.ToArray());
        }
        /// <summary>
        /// The datagram format of the recorded fixtures (tests/Tsid.Core.Tests/Fixtures/Dtls/README.md): per datagram a
        /// direction byte (even: client to server), a big-endian uint16 length, the payload; a short tail is one more datagram.
        /// </summary>
        private static List<(TlsDirection Direction, byte[] Payload)> Datagrams(byte[] input)
        {
            var list = new List<(TlsDirection, byte[])>();
            int at = 0;
            while (at < input.Length && list.Count < 64)
            {
                TlsDirection direction = (input[at] & 1) == 0 ? TlsDirection.ClientToServer : TlsDirection.ServerToClient;
                int length = at + 3 <= input.Length ? (input[at + 1] << 8) | input[at + 2] : 0;
                int start = Math.Min(at + 3, input.Length);
                length = Math.Min(length, input.Length - start);
                list.Add((direction, input.AsSpan(start, length).ToArray()));
                at = start + length;
            }

            return list;
        }

        /// <summary>QUIC Initials: any datagrams in any direction; errors inside their datagram; a second run (after Reset) the same.</summary>
        private static void Quic(byte[] input)
        {
            List<(TlsDirection Direction, byte[] Payload)> datagrams = Datagrams(input);
            using var observer = new QuicConnectionObserver();
            string? firstAnswer = null;
            for (int run = 0; run < 2; run++)
            {
                foreach ((TlsDirection direction, byte[] payload) in datagrams)
                {
                    _ = QuicPacket.IsLikelyQuic(payload);
                    observer.Feed(direction, payload);
                    QuicError error = observer.Error;
                    Check(!error.IsError || (error.Offset >= 0 && error.DatagramIndex < datagrams.Count && error.Offset <= datagrams[(int)error.DatagramIndex].Payload.Length), $"QUIC error {error} outside its datagram");
                }

                string answer = observer.Error + "|" + observer.GetServerNameString() + "|" + observer.Version + "|" + observer.Handshake.NegotiatedVersion;
                Check(firstAnswer is null || firstAnswer == answer, "Reset and re-feed gave another answer");
                firstAnswer = answer;
                observer.Reset();
            }
        }

        /// <summary>DTLS: any datagrams in any direction; errors inside their datagram; Reset and re-feed gives the same answer.</summary>
        private static void Dtls(byte[] input)
        {
            List<(TlsDirection Direction, byte[] Payload)> datagrams = Datagrams(input);
            using var observer = new DtlsConnectionObserver();
            string? firstAnswer = null;
            for (int run = 0; run < 2; run++)
            {
                foreach ((TlsDirection direction, byte[] payload) in datagrams)
                {
                    _ = DtlsRecord.Classify(payload);
                    observer.Feed(direction, payload);
                    DtlsError error = observer.Error;
                    Check(!error.IsError || (error.Offset >= 0 && error.DatagramIndex < datagrams.Count && error.Offset <= datagrams[(int)error.DatagramIndex].Payload.Length), $"DTLS error {error} outside its datagram");
                }

                string answer = observer.Error + "|" + observer.GetServerNameString() + "|" + observer.Version + "|" + observer.Handshake.ServerCertificateVisibility;
                Check(firstAnswer is null || firstAnswer == answer, "Reset and re-feed gave another answer");
                firstAnswer = answer;
                observer.Reset();
            }
        }

        /// <summary>Every tunnel reader: bytes consumed and error offsets inside the input, the same answer twice.</summary>
        private static void Tunnel(byte[] input)
        {
            ReadOnlySpan<byte> data = input;
            void Verify(OperationStatus status, int consumed, TunnelError error, OperationStatus again, string reader)
            {
                Check(status == again, reader + ": re-read differs");
                Check(consumed >= 0 && consumed <= input.Length, $"{reader}: consumed {consumed} of {input.Length}");
                Check(!error.IsError || (error.Offset >= 0 && error.Offset <= input.Length), $"{reader}: error offset {error.Offset} outside {input.Length}");
            }

            OperationStatus s = HttpConnectReader.ReadRequest(data, out _, out _, out int n, out TunnelError e);
            Verify(s, n, e, HttpConnectReader.ReadRequest(data, out _, out _, out _, out _), "connect request");
            s = HttpConnectReader.ReadResponse(data, out _, out _, out n, out e);
            Verify(s, n, e, HttpConnectReader.ReadResponse(data, out _, out _, out _, out _), "connect response");
            s = SocksReader.ReadSocks4Request(data, out _, out n, out e);
            Verify(s, n, e, SocksReader.ReadSocks4Request(data, out _, out _, out _), "socks4 request");
            s = SocksReader.ReadSocks5Greeting(data, out _, out n, out e);
            Verify(s, n, e, SocksReader.ReadSocks5Greeting(data, out _, out _, out _), "socks5 greeting");
            s = SocksReader.ReadUsernamePasswordRequest(data, out _, out n, out e);
            Verify(s, n, e, SocksReader.ReadUsernamePasswordRequest(data, out _, out _, out _), "socks5 user/pass");
            s = SocksReader.ReadSocks5Request(data, out _, out n, out e);
            Verify(s, n, e, SocksReader.ReadSocks5Request(data, out _, out _, out _), "socks5 request");
            s = SocksReader.ReadSocks5Reply(data, out _, out n, out e);
            Verify(s, n, e, SocksReader.ReadSocks5Reply(data, out _, out _, out _), "socks5 reply");
            s = ProxyProtocolReader.Read(data, out _, out n, out e);
            Verify(s, n, e, ProxyProtocolReader.Read(data, out _, out _, out _), "proxy protocol");
        }
    }
}
