using System;
using System.Buffers;
using Tsid.Tls;

namespace Tsid.Capture
{
    /// <summary>
    /// Follows a tunnel negotiation at the start of a TCP flow — HTTP CONNECT, SOCKS 4/4a, SOCKS 5, PROXY v1/v2 — with both
    /// directions' bytes (the proxy's answers are in the server direction), then hands the stream to TLS at the offsets where
    /// the tunnel's payload starts. Recognised by the client's first message, on any port. When the first client message is
    /// not a tunnel message (or the server speaks first), the bytes go to the <see cref="TlsStartDetector"/> as if this had
    /// never looked. Each direction keeps at most <see cref="CaptureInspectorOptions.MaxPreTlsBytes"/> bytes until the tunnel is up.
    /// </summary>
    internal sealed class TunnelDetector
    {
        private readonly int _maxBytes;
        private Buffer _client;
        private Buffer _server;
        private TunnelInfo? _info;
        private int _clientPosition;
        private int _serverPosition;
        private int _clientStep;
        private int _serverStep;
        private long _clientInner = -1;
        private long _serverInner = -1;

        public TunnelDetector(int maxBytes) => _maxBytes = maxBytes;

        /// <summary>True when a client stream starting with <paramref name="first"/> may be a tunnel: 'C'ONNECT, 'P'ROXY, the PROXY v2 signature's CR, SOCKS 4 or 5.</summary>
        public static bool MayStart(byte first) => first == (byte)'C' || first == (byte)'P' || first == 0x0D || first == 4 || first == 5;

        public void Feed(CaptureInspector inspector, TcpFlow flow, FlowDirection direction, long streamOffset, ReadOnlySpan<byte> data)
        {
            if (_info is null && direction == FlowDirection.ServerToClient)
            {
                // The server spoke before the client finished a tunnel request: not a tunnel (SMTP and friends speak first).
                FallBack(inspector, flow);
                flow.Detector?.Feed(inspector, flow, direction, streamOffset, data);
                return;
            }

            ref Buffer buffer = ref direction == FlowDirection.ClientToServer ? ref _client : ref _server;
            if (buffer.Length + data.Length > _maxBytes)
            {
                if (_info is null)
                {
                    FallBack(inspector, flow);
                    flow.Detector?.Feed(inspector, flow, direction, streamOffset, data);
                }
                else
                {
                    inspector.GiveUp(flow);
                }

                return;
            }

            buffer.Append(data);
            Advance(inspector, flow);
        }

        public void Release()
        {
            _client.Release();
            _server.Release();
        }

        /// <summary>The flow ended or was given up: a CONNECT refusal that was not followed by another request is final.</summary>
        public void Finish()
        {
            if (_info is { Status: TunnelStatus.Negotiating, Kind: TunnelKind.HttpConnect, ReplyCode: >= 300 } && _clientStep == 0)
            {
                _info.Status = TunnelStatus.Refused;
            }

            Release();
        }

        private void Advance(CaptureInspector inspector, TcpFlow flow)
        {
            if (_info is null && !Recognise(inspector, flow))
            {
                return;
            }

            TunnelInfo info = _info!;
            bool progress = true;
            while (progress && flow.Detector is null && info.Status == TunnelStatus.Negotiating && (_clientInner < 0 || _serverInner < 0))
            {
                progress = info.Kind switch
                {
                    TunnelKind.HttpConnect => StepHttp(inspector, flow, info),
                    TunnelKind.Socks4 => StepSocks4(inspector, flow, info),
                    TunnelKind.Socks5 => StepSocks5(inspector, flow, info),
                    _ => false,
                };
            }

            if (info.Status != TunnelStatus.Negotiating || _clientInner < 0 || _serverInner < 0)
            {
                return;
            }

            // The tunnel is up: is its payload TLS? The client speaks first in TLS.
            ReadOnlySpan<byte> inner = _client.Span.Slice((int)_clientInner);
            int verdict = TlsStartDetector.ClassifyFirstBytes(inner.Slice(0, Math.Min(3, inner.Length)));
            if (verdict == 0)
            {
                if (_server.Length > _serverInner)
                {
                    verdict = -1;
                }
                else
                {
                    return;
                }
            }

            if (verdict < 0)
            {
                info.Status = TunnelStatus.NotTls;
                inspector.GiveUp(flow);
                return;
            }

            info.Status = TunnelStatus.Tls;
            inspector.StartTls(flow, TlsStartProtocol.Direct, _clientInner, _serverInner);
            flow.TunnelDetector = null;
            inspector.DeliverTls(flow, FlowDirection.ClientToServer, inner);
            inspector.DeliverTls(flow, FlowDirection.ServerToClient, _server.Span.Slice((int)_serverInner));
            Release();
        }

        /// <summary>Reads the client's first message; false while more bytes are needed or when it is not a tunnel (then falls back).</summary>
        private bool Recognise(CaptureInspector inspector, TcpFlow flow)
        {
            ReadOnlySpan<byte> input = _client.Span;
            OperationStatus status;
            int consumed;
            TunnelKind kind;
            switch (input[0])
            {
                case (byte)'C':
                    kind = TunnelKind.HttpConnect;
                    status = HttpConnectReader.ReadRequest(input, out ReadOnlySpan<byte> host, out ushort port, out consumed, out _);
                    if (status == OperationStatus.Done)
                    {
                        _info = new TunnelInfo(kind);
                        SetTarget(_info, Latin1.GetString(host), port, named: true);
                    }

                    break;
                case 4:
                    kind = TunnelKind.Socks4;
                    status = SocksReader.ReadSocks4Request(input, out SocksRequest request, out consumed, out _);
                    if (status == OperationStatus.Done)
                    {
                        _info = new TunnelInfo(kind);
                        SetTarget(_info, in request);
                    }

                    break;
                case 5:
                    kind = TunnelKind.Socks5;
                    status = SocksReader.ReadSocks5Greeting(input, out _, out consumed, out _);
                    if (status == OperationStatus.Done)
                    {
                        _info = new TunnelInfo(kind);
                    }

                    break;
                default:
                    status = ProxyProtocolReader.Read(input, out ProxyHeader header, out consumed, out _);
                    kind = input[0] == (byte)'P' ? TunnelKind.ProxyV1 : TunnelKind.ProxyV2;
                    if (status == OperationStatus.Done)
                    {
                        _info = new TunnelInfo(kind);
                        if (header.HasAddresses)
                        {
                            _info.HasSource = true;
                            _info.Source = header.Source;
                            SetTarget(_info, header.Destination.Address.ToString(), header.Destination.Port, named: false);
                        }

                        if (!header.Authority.IsEmpty)
                        {
                            _info.RequestedHost = Latin1.GetString(header.Authority);
                        }

                        // The header is all there is: the client's payload follows it, the server's starts at its first byte.
                        _clientInner = consumed;
                        _serverInner = 0;
                    }

                    break;
            }

            if (status == OperationStatus.NeedMoreData)
            {
                return false;
            }

            if (status == OperationStatus.InvalidData)
            {
                FallBack(inspector, flow);
                return false;
            }

            _clientPosition = consumed;
            _clientStep = 1;
            flow.Tunnel = _info;
            return true;
        }

        private bool StepHttp(CaptureInspector inspector, TcpFlow flow, TunnelInfo info)
        {
            if (_clientStep == 0)
            {
                // A new request on the same connection after a refusal (typically a 407, then credentials).
                OperationStatus request = HttpConnectReader.ReadRequest(_client.Span.Slice(_clientPosition), out ReadOnlySpan<byte> host, out ushort port, out int length, out TunnelError requestError);
                if (request == OperationStatus.NeedMoreData)
                {
                    return false;
                }

                if (request == OperationStatus.InvalidData)
                {
                    // Not another CONNECT: the client gave up on the tunnel and spoke something else.
                    info.Status = TunnelStatus.Refused;
                    _ = requestError;
                    inspector.GiveUp(flow);
                    return false;
                }

                SetTarget(info, Latin1.GetString(host), port, named: true);
                _clientPosition += length;
                _clientStep = 1;
            }

            if (_serverPosition > _server.Length)
            {
                return false; // the body of the previous refusal is still coming
            }

            OperationStatus status = HttpConnectReader.ReadResponse(_server.Span.Slice(_serverPosition), out int code, out long bodyLength, out int consumed, out TunnelError error);
            if (status == OperationStatus.NeedMoreData)
            {
                return false;
            }

            if (status == OperationStatus.InvalidData)
            {
                return Fail(inspector, flow, info, FlowDirection.ServerToClient, error, _serverPosition);
            }

            info.ReplyCode = code;
            _serverPosition += consumed;
            if (code < 200)
            {
                return true; // an interim 1xx response: the final one follows (RFC 9110 15.2)
            }

            if (code < 300)
            {
                // RFC 9110 9.3.6: any 2xx means the tunnel is up; the proxy sends nothing more of its own.
                _clientInner = _clientPosition;
                _serverInner = _serverPosition;
                return false;
            }

            if (bodyLength < 0)
            {
                // No Content-Length: the body runs to the close, and no second request can follow.
                info.Status = TunnelStatus.Refused;
                inspector.GiveUp(flow);
                return false;
            }

            _serverPosition = (int)Math.Min(int.MaxValue, _serverPosition + bodyLength);
            _clientStep = 0;
            info.ReplyCode = code;
            return true;
        }

        private bool StepSocks4(CaptureInspector inspector, TcpFlow flow, TunnelInfo info)
        {
            OperationStatus status = SocksReader.ReadSocks4Reply(_server.Span, out byte code, out int consumed, out TunnelError error);
            if (status == OperationStatus.NeedMoreData)
            {
                return false;
            }

            if (status == OperationStatus.InvalidData)
            {
                return Fail(inspector, flow, info, FlowDirection.ServerToClient, error, 0);
            }

            info.ReplyCode = code;
            if (code != SocksReader.Socks4Granted)
            {
                info.Status = TunnelStatus.Refused;
                inspector.GiveUp(flow);
                return false;
            }

            _clientInner = _clientPosition;
            _serverInner = consumed;
            return false;
        }

        private bool StepSocks5(CaptureInspector inspector, TcpFlow flow, TunnelInfo info)
        {
            bool progress = false;

            // Client: greeting (read), [RFC 1929 request: VER 1], request. The sub-negotiation is told apart by its version
            // byte, so a client that sends everything at once is followed without waiting for the server.
            if (_clientStep == 1 && _client.Length > _clientPosition)
            {
                ReadOnlySpan<byte> input = _client.Span.Slice(_clientPosition);
                OperationStatus status;
                int consumed;
                TunnelError error;
                if (input[0] == 1)
                {
                    status = SocksReader.ReadUsernamePasswordRequest(input, out _, out consumed, out error);
                    if (status == OperationStatus.Done)
                    {
                        _clientPosition += consumed;
                        progress = true;
                    }
                }
                else
                {
                    status = SocksReader.ReadSocks5Request(input, out SocksRequest request, out consumed, out error);
                    if (status == OperationStatus.Done)
                    {
                        SetTarget(info, in request);
                        _clientPosition += consumed;
                        _clientStep = 2;
                        progress = true;
                    }
                }

                if (status == OperationStatus.InvalidData)
                {
                    return Fail(inspector, flow, info, FlowDirection.ClientToServer, error, _clientPosition);
                }
            }

            // Server: method selection, [RFC 1929 reply], reply.
            if (_server.Length > _serverPosition)
            {
                ReadOnlySpan<byte> input = _server.Span.Slice(_serverPosition);
                OperationStatus status;
                int consumed;
                TunnelError error;
                switch (_serverStep)
                {
                    case 0:
                        status = SocksReader.ReadSocks5MethodSelection(input, out byte method, out consumed, out error);
                        if (status == OperationStatus.Done)
                        {
                            if (method == SocksReader.MethodNoAcceptable)
                            {
                                info.ReplyCode = method;
                                info.Status = TunnelStatus.Refused;
                                inspector.GiveUp(flow);
                                return false;
                            }

                            if (method != SocksReader.MethodNoAuthentication && method != SocksReader.MethodUsernamePassword)
                            {
                                return Fail(inspector, flow, info, FlowDirection.ServerToClient, new TunnelError(TunnelErrorCode.UnsupportedMethod, 1), _serverPosition);
                            }

                            _serverStep = method == SocksReader.MethodUsernamePassword ? 1 : 2;
                        }

                        break;
                    case 1:
                        status = SocksReader.ReadUsernamePasswordReply(input, out byte authStatus, out consumed, out error);
                        if (status == OperationStatus.Done)
                        {
                            if (authStatus != 0)
                            {
                                // RFC 1929 2: a non-zero STATUS is a failure and the server closes the connection.
                                info.ReplyCode = authStatus;
                                info.Status = TunnelStatus.Refused;
                                inspector.GiveUp(flow);
                                return false;
                            }

                            _serverStep = 2;
                        }

                        break;
                    default:
                        if (_clientStep != 2)
                        {
                            // The reply answers the request: read it once the request was.
                            return progress;
                        }

                        status = SocksReader.ReadSocks5Reply(input, out SocksRequest reply, out consumed, out error);
                        if (status == OperationStatus.Done)
                        {
                            info.ReplyCode = reply.Command;
                            if (reply.Command != 0)
                            {
                                info.Status = TunnelStatus.Refused;
                                inspector.GiveUp(flow);
                                return false;
                            }

                            _clientInner = _clientPosition;
                            _serverInner = _serverPosition + consumed;
                        }

                        break;
                }

                if (status == OperationStatus.InvalidData)
                {
                    return Fail(inspector, flow, info, FlowDirection.ServerToClient, error, _serverPosition);
                }

                if (status == OperationStatus.Done)
                {
                    _serverPosition += consumed;
                    progress = true;
                }
            }

            return progress && _serverInner < 0;
        }

        private static bool Fail(CaptureInspector inspector, TcpFlow flow, TunnelInfo info, FlowDirection direction, TunnelError error, int messageStart)
        {
            info.Status = TunnelStatus.Invalid;
            info.Error = new TunnelError(error.Code, messageStart + error.Offset);
            info.ErrorDirection = direction;
            inspector.GiveUp(flow);
            return false;
        }

        private static void SetTarget(TunnelInfo info, string host, ushort port, bool named)
        {
            info.TargetHost = host;
            info.TargetPort = port;
            if (named)
            {
                info.RequestedHost = host;
            }
        }

        private static void SetTarget(TunnelInfo info, in SocksRequest request)
        {
            string host = request.AddressType == SocksAddressType.DomainName
                ? Latin1.GetString(request.Address)
                : PacketAddress.FromBytes(request.Address).ToString();
            SetTarget(info, host, request.Port, named: true);
        }

        /// <summary>Not a tunnel: the held client bytes go to a STARTTLS detector from offset 0.</summary>
        private void FallBack(CaptureInspector inspector, TcpFlow flow)
        {
            flow.TunnelDetector = null;
            flow.Detector = inspector.CreateStartDetector();
            if (_client.Length != 0)
            {
                flow.Detector.Feed(inspector, flow, FlowDirection.ClientToServer, 0, _client.Span);
            }

            Release();
        }

        /// <summary>A direction's bytes so far, in a buffer rented from the shared pool.</summary>
        private struct Buffer
        {
            private byte[]? _array;

            public int Length { get; private set; }

            public ReadOnlySpan<byte> Span => _array is null ? default : _array.AsSpan(0, Length);

            public void Append(ReadOnlySpan<byte> data)
            {
                if (data.Length == 0)
                {
                    return;
                }

                if (_array is null || _array.Length < Length + data.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(512, (Length + data.Length) * 2));
                    if (_array is not null)
                    {
                        _array.AsSpan(0, Length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(_array);
                    }

                    _array = larger;
                }

                data.CopyTo(_array.AsSpan(Length));
                Length += data.Length;
            }

            public void Release()
            {
                if (_array is not null)
                {
                    ArrayPool<byte>.Shared.Return(_array);
                    _array = null;
                }

                Length = 0;
            }
        }
    }
}
