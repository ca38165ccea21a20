using System;
using System.Buffers;

namespace Tsid.Capture
{
    /// <summary>
    /// Finds where TLS starts on a flow whose first client bytes are not a TLS record: follows the cleartext dialogue
    /// of SMTP (RFC 3207), IMAP (RFC 9051 6.2.1), POP3 (RFC 2595 4), LDAP (RFC 4511 4.14) and XMPP (RFC 6120 5.4)
    /// up to the server's positive answer to STARTTLS. Protocols are recognised by content, not by port. Memory per
    /// flow is a few small fixed buffers plus the client bytes sent after STARTTLS before the answer (bounded).
    /// </summary>
    internal sealed class TlsStartDetector
    {
        private const int PrefixLength = 64;
        private static readonly byte[] LdapStartTlsOid = System.Text.Encoding.ASCII.GetBytes("1.3.6.1.4.1.1466.20037"); // RFC 4511 4.14.1

        private readonly int _maxScanned;
        private readonly int _maxHeld;
        private readonly Scanner _client = new();
        private readonly Scanner _server = new();
        private readonly byte[] _imapTag = new byte[32];
        private int _imapTagLength;
        private byte[]? _held;
        private int _heldLength;
        private bool _directDecided;
        private TlsStartProtocol _pending;
        private long _pendingClientOffset;
        private int _pendingLdapMessageId;

        public TlsStartDetector(int maxScanned, int maxHeld)
        {
            _maxScanned = maxScanned;
            _maxHeld = maxHeld;
        }

        /// <summary>What the first client bytes say: a TLS (or SSL 2 compatible) record header, not one, or too few bytes.</summary>
        public static int ClassifyFirstBytes(ReadOnlySpan<byte> first)
        {
            if (first.Length == 0)
            {
                return 0;
            }

            byte b0 = first[0];
            if (b0 >= 20 && b0 <= 23)
            {
                // RFC 8446 5.1 TLSPlaintext: ContentType (change_cipher_spec..application_data), legacy_record_version 0x03xx.
                return first.Length < 2 ? 0 : first[1] == 3 ? 1 : -1;
            }

            if ((b0 & 0x80) != 0)
            {
                // SSL 2.0 compatible CLIENT-HELLO (RFC 6101 E.2 / RFC 5246 E.2): 2-byte length with the high bit, msg_type 1.
                return first.Length < 3 ? 0 : first[2] == 1 ? 1 : -1;
            }

            return -1;
        }

        /// <summary>Feeds a chunk of pre-TLS bytes of one direction; may start TLS (and then delivers what follows the start).</summary>
        public void Feed(CaptureInspector inspector, TcpFlow flow, FlowDirection direction, long streamOffset, ReadOnlySpan<byte> data)
        {
            if (direction == FlowDirection.ClientToServer)
            {
                FeedClient(inspector, flow, streamOffset, data);
            }
            else
            {
                FeedServer(inspector, flow, streamOffset, data);
            }
        }

        public void Release()
        {
            if (_held is not null)
            {
                ArrayPool<byte>.Shared.Return(_held);
                _held = null;
                _heldLength = 0;
            }
        }

        private void FeedClient(CaptureInspector inspector, TcpFlow flow, long streamOffset, ReadOnlySpan<byte> data)
        {
            if (!_directDecided)
            {
                // Classify the first bytes of the stream (held ones plus this chunk).
                Span<byte> first = stackalloc byte[3];
                int n = 0;
                for (int i = 0; i < _heldLength && n < 3; i++)
                {
                    first[n++] = _held![i];
                }

                for (int i = 0; i < data.Length && n < 3; i++)
                {
                    first[n++] = data[i];
                }

                int verdict = ClassifyFirstBytes(first.Slice(0, n));
                if (verdict == 0)
                {
                    Hold(inspector, flow, data);
                    return;
                }

                _directDecided = true;
                if (verdict > 0)
                {
                    inspector.StartTls(flow, TlsStartProtocol.Direct, 0, 0);
                    DeliverHeld(inspector, flow);
                    inspector.DeliverTls(flow, FlowDirection.ClientToServer, data);
                    return;
                }

                if (_heldLength != 0)
                {
                    // Re-scan the few held bytes as cleartext, then the chunk.
                    byte[] held = _held!;
                    int length = _heldLength;
                    _heldLength = 0;
                    _held = null;
                    ScanClient(inspector, flow, streamOffset - length, held.AsSpan(0, length));
                    ArrayPool<byte>.Shared.Return(held);
                    if (flow.TlsState != TlsStartState.Undetermined)
                    {
                        return;
                    }
                }
            }

            if (_pending != TlsStartProtocol.None)
            {
                // The client spoke after STARTTLS: these are its first TLS bytes, held until the server agrees.
                Hold(inspector, flow, data);
                return;
            }

            ScanClient(inspector, flow, streamOffset, data);
        }

        private void ScanClient(CaptureInspector inspector, TcpFlow flow, long streamOffset, ReadOnlySpan<byte> data)
        {
            for (int i = 0; i < data.Length; i++)
            {
                if (_client.Scanned++ >= _maxScanned)
                {
                    inspector.GiveUp(flow);
                    return;
                }

                byte b = data[i];
                long next = streamOffset + i + 1;
                if (_client.Line(b) && ClientLineIsStartTls())
                {
                    SetPending(next);
                }
                else if (_client.Xml(b) is { } unit && ClientXmlIsStartTls(unit))
                {
                    SetPending(next);
                }
                else if (_client.Ldap(b) && ClientLdapIsStartTls())
                {
                    _pending = TlsStartProtocol.Ldap;
                    _pendingClientOffset = next;
                }

                if (_pending != TlsStartProtocol.None)
                {
                    Hold(inspector, flow, data.Slice(i + 1));
                    return;
                }
            }
        }

        private void FeedServer(CaptureInspector inspector, TcpFlow flow, long streamOffset, ReadOnlySpan<byte> data)
        {
            for (int i = 0; i < data.Length; i++)
            {
                if (_server.Scanned++ >= _maxScanned)
                {
                    inspector.GiveUp(flow);
                    return;
                }

                byte b = data[i];
                bool line = _server.Line(b);
                XmlUnit? unit = _server.Xml(b);
                bool ldap = _server.Ldap(b);
                if (_pending == TlsStartProtocol.None)
                {
                    continue;
                }

                int answer = _pending switch
                {
                    TlsStartProtocol.Smtp or TlsStartProtocol.Pop3 or TlsStartProtocol.Imap => line ? ServerLineAnswer() : 0,
                    TlsStartProtocol.Xmpp => unit is { } u ? ServerXmlAnswer(u) : 0,
                    TlsStartProtocol.Ldap => ldap ? ServerLdapAnswer() : 0,
                    _ => 0,
                };
                if (answer > 0)
                {
                    inspector.StartTls(flow, _pending, _pendingClientOffset, streamOffset + i + 1);
                    DeliverHeld(inspector, flow);
                    inspector.DeliverTls(flow, FlowDirection.ServerToClient, data.Slice(i + 1));
                    return;
                }

                if (answer < 0)
                {
                    // Refused (e.g. SMTP 454): the held client bytes are cleartext commands again.
                    _pending = TlsStartProtocol.None;
                    if (_heldLength != 0)
                    {
                        byte[] held = _held!;
                        int length = _heldLength;
                        _held = null;
                        _heldLength = 0;
                        ScanClient(inspector, flow, _pendingClientOffset, held.AsSpan(0, length));
                        ArrayPool<byte>.Shared.Return(held);
                        if (flow.TlsState != TlsStartState.Undetermined)
                        {
                            return;
                        }
                    }
                }
            }
        }

        private void SetPending(long clientOffset)
        {
            _pendingClientOffset = clientOffset;
        }

        private bool ClientLineIsStartTls()
        {
            ReadOnlySpan<byte> line = _client.TrimmedLine;
            if (AsciiEquals(line, "STARTTLS"))
            {
                _pending = TlsStartProtocol.Smtp;
                return true;
            }

            if (AsciiEquals(line, "STLS"))
            {
                _pending = TlsStartProtocol.Pop3;
                return true;
            }

            // IMAP: tag SP "STARTTLS" (RFC 9051 6.2.1); the tag is any run of non-space characters.
            int space = line.IndexOf((byte)' ');
            if (space > 0 && space <= _imapTag.Length && AsciiEquals(line.Slice(space + 1), "STARTTLS"))
            {
                line.Slice(0, space).CopyTo(_imapTag);
                _imapTagLength = space;
                _pending = TlsStartProtocol.Imap;
                return true;
            }

            return false;
        }

        private bool ClientXmlIsStartTls(XmlUnit unit)
        {
            // RFC 6120 5.4.2.1: <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/> (or an empty element with an end tag).
            if (StartsWithElement(unit.Prefix, "<starttls"))
            {
                if (unit.SelfClosing)
                {
                    _pending = TlsStartProtocol.Xmpp;
                    return true;
                }

                _client.XmlElementOpen = true;
                return false;
            }

            if (_client.XmlElementOpen && StartsWithElement(unit.Prefix, "</starttls"))
            {
                _client.XmlElementOpen = false;
                _pending = TlsStartProtocol.Xmpp;
                return true;
            }

            return false;
        }

        private bool ClientLdapIsStartTls()
        {
            // LDAPMessage ::= SEQUENCE { messageID INTEGER, protocolOp [APPLICATION 23] ExtendedRequest { requestName [0] LDAPOID } }
            ReadOnlySpan<byte> body = _client.LdapBody;
            if (!TryReadMessageId(body, out int id, out int position))
            {
                return false;
            }

            if (position >= body.Length || body[position] != 0x77 || !TrySkipLength(body, position + 1, out position))
            {
                return false;
            }

            if (position + 2 > body.Length || body[position] != 0x80 || body[position + 1] != LdapStartTlsOid.Length)
            {
                return false;
            }

            position += 2;
            if (body.Length - position < LdapStartTlsOid.Length || !body.Slice(position, LdapStartTlsOid.Length).SequenceEqual(LdapStartTlsOid))
            {
                return false;
            }

            _pendingLdapMessageId = id;
            return true;
        }

        private int ServerLineAnswer()
        {
            ReadOnlySpan<byte> line = _server.TrimmedLine;
            switch (_pending)
            {
                case TlsStartProtocol.Smtp:
                    // RFC 5321 4.2: three digits, then '-' on all lines but the last.
                    if (line.Length < 3 || !IsDigit(line[0]) || !IsDigit(line[1]) || !IsDigit(line[2]))
                    {
                        return 0;
                    }

                    if (line.Length > 3 && line[3] == (byte)'-')
                    {
                        return 0;
                    }

                    return line[0] == (byte)'2' && line[1] == (byte)'2' && line[2] == (byte)'0' ? 1 : -1;

                case TlsStartProtocol.Pop3:
                    return StartsWithIgnoreCase(line, "+OK") ? 1 : StartsWithIgnoreCase(line, "-ERR") ? -1 : 0;

                case TlsStartProtocol.Imap:
                    {
                        ReadOnlySpan<byte> tag = _imapTag.AsSpan(0, _imapTagLength);
                        if (line.Length <= tag.Length || !line.Slice(0, tag.Length).SequenceEqual(tag) || line[tag.Length] != (byte)' ')
                        {
                            return 0;
                        }

                        return StartsWithIgnoreCase(line.Slice(tag.Length + 1), "OK") ? 1 : -1;
                    }

                default:
                    return 0;
            }
        }

        private int ServerXmlAnswer(XmlUnit unit)
        {
            // RFC 6120 5.4.2.3: <proceed/>, or <failure/> and the stream closes.
            if (StartsWithElement(unit.Prefix, "<proceed"))
            {
                if (unit.SelfClosing)
                {
                    return 1;
                }

                _server.XmlElementOpen = true;
                return 0;
            }

            if (_server.XmlElementOpen && StartsWithElement(unit.Prefix, "</proceed"))
            {
                return 1;
            }

            return StartsWithElement(unit.Prefix, "<failure") ? -1 : 0;
        }

        private int ServerLdapAnswer()
        {
            // ExtendedResponse ::= [APPLICATION 24] SEQUENCE { COMPONENTS OF LDAPResult (resultCode ENUMERATED, ...) }
            ReadOnlySpan<byte> body = _server.LdapBody;
            if (!TryReadMessageId(body, out int id, out int position) || id != _pendingLdapMessageId)
            {
                return 0;
            }

            if (position >= body.Length || body[position] != 0x78 || !TrySkipLength(body, position + 1, out position))
            {
                return 0;
            }

            if (position + 3 > body.Length || body[position] != 0x0A || body[position + 1] != 1)
            {
                return -1;
            }

            return body[position + 2] == 0 ? 1 : -1; // success (0)
        }

        private void Hold(CaptureInspector inspector, TcpFlow flow, ReadOnlySpan<byte> data)
        {
            if (data.Length == 0)
            {
                return;
            }

            if (_heldLength + data.Length > _maxHeld)
            {
                inspector.GiveUp(flow);
                return;
            }

            if (_held is null || _held.Length < _heldLength + data.Length)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(256, _heldLength + data.Length));
                if (_held is not null)
                {
                    _held.AsSpan(0, _heldLength).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_held);
                }

                _held = larger;
            }

            data.CopyTo(_held.AsSpan(_heldLength));
            _heldLength += data.Length;
        }

        private void DeliverHeld(CaptureInspector inspector, TcpFlow flow)
        {
            if (_heldLength != 0)
            {
                inspector.DeliverTls(flow, FlowDirection.ClientToServer, _held.AsSpan(0, _heldLength));
            }

            Release();
        }

        private static bool TryReadMessageId(ReadOnlySpan<byte> body, out int id, out int position)
        {
            id = 0;
            position = 0;
            if (body.Length < 3 || body[0] != 0x02 || body[1] < 1 || body[1] > 4 || body.Length < 2 + body[1])
            {
                return false;
            }

            for (int i = 0; i < body[1]; i++)
            {
                id = (id << 8) | body[2 + i];
            }

            position = 2 + body[1];
            return true;
        }

        private static bool TrySkipLength(ReadOnlySpan<byte> body, int position, out int next)
        {
            next = 0;
            if (position >= body.Length)
            {
                return false;
            }

            byte first = body[position];
            if (first < 0x80)
            {
                next = position + 1;
                return true;
            }

            int count = first & 0x7F;
            if (count == 0 || count > 4 || position + 1 + count > body.Length)
            {
                return false;
            }

            next = position + 1 + count;
            return true;
        }

        private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

        private static bool AsciiEquals(ReadOnlySpan<byte> bytes, string text) => bytes.Length == text.Length && StartsWithIgnoreCase(bytes, text);

        private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> bytes, string text)
        {
            if (bytes.Length < text.Length)
            {
                return false;
            }

            for (int i = 0; i < text.Length; i++)
            {
                int b = bytes[i];
                if (b >= 'a' && b <= 'z')
                {
                    b -= 32;
                }

                int c = text[i];
                if (c >= 'a' && c <= 'z')
                {
                    c -= 32;
                }

                if (b != c)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool StartsWithElement(ReadOnlySpan<byte> unit, string name)
        {
            // The element name must end there: "<starttls" then whitespace, '/' or '>' (or the end of the kept prefix).
            if (!StartsWithIgnoreCase(unit, name))
            {
                return false;
            }

            if (unit.Length == name.Length)
            {
                return true;
            }

            byte next = unit[name.Length];
            return next == (byte)' ' || next == (byte)'/' || next == (byte)'>' || next == (byte)'\t' || next == (byte)'\r' || next == (byte)'\n';
        }

        private readonly struct XmlUnit
        {
            public XmlUnit(bool selfClosing, byte[] buffer, int length)
            {
                _buffer = buffer;
                _length = length;
                SelfClosing = selfClosing;
            }

            private readonly byte[] _buffer;
            private readonly int _length;

            public ReadOnlySpan<byte> Prefix => _buffer.AsSpan(0, _length);

            public bool SelfClosing { get; }
        }

        /// <summary>Per-direction cleartext scanners: lines (LF), XML units (up to '&gt;'), BER LDAPMessages.</summary>
        private sealed class Scanner
        {
            private readonly byte[] _line = new byte[PrefixLength];
            private readonly byte[] _xml = new byte[PrefixLength];
            private readonly byte[] _ldap = new byte[PrefixLength];
            private int _lineLength;
            private int _lineKept;
            private int _xmlKept;
            private bool _xmlStarted;
            private byte _xmlLast;
            private int _ldapState; // 0 tag, 1 first length byte, 2 long length bytes, 3 body, -1 disabled
            private int _ldapLengthBytes;
            private long _ldapRemaining;
            private int _ldapKept;
            private int _ldapBodyLength;

            public int Scanned;
            public bool XmlElementOpen;

            public ReadOnlySpan<byte> TrimmedLine
            {
                get
                {
                    int n = _lineKept;
                    while (n > 0 && (_line[n - 1] == (byte)'\r' || _line[n - 1] == (byte)' '))
                    {
                        n--;
                    }

                    return _line.AsSpan(0, n);
                }
            }

            public ReadOnlySpan<byte> LdapBody => _ldap.AsSpan(0, _ldapBodyLength);

            /// <summary>Adds a byte; true when it ends a line (the line's first bytes are in <see cref="TrimmedLine"/> until the next call).</summary>
            public bool Line(byte b)
            {
                if (_lineLength == -1)
                {
                    _lineLength = 0;
                    _lineKept = 0;
                }

                if (b == (byte)'\n')
                {
                    _lineLength = -1;
                    return true;
                }

                if (_lineKept < _line.Length)
                {
                    _line[_lineKept++] = b;
                }

                _lineLength++;
                return false;
            }

            /// <summary>Adds a byte; returns the unit when it is a '&gt;' closing one (leading whitespace skipped).</summary>
            public XmlUnit? Xml(byte b)
            {
                if (b == (byte)'>')
                {
                    var unit = new XmlUnit(_xmlLast == (byte)'/', _xml, _xmlKept);
                    int kept = _xmlKept;
                    _xmlKept = 0;
                    _xmlStarted = false;
                    _xmlLast = 0;
                    return kept == 0 ? null : unit;
                }

                if (!_xmlStarted && (b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n'))
                {
                    return null;
                }

                _xmlStarted = true;
                _xmlLast = b;
                if (_xmlKept < _xml.Length)
                {
                    _xml[_xmlKept++] = b;
                }

                return null;
            }

            /// <summary>Adds a byte; true when it completes a BER SEQUENCE (an LDAPMessage) whose first body bytes are in <see cref="LdapBody"/>.</summary>
            public bool Ldap(byte b)
            {
                switch (_ldapState)
                {
                    case 0:
                        _ldapState = b == 0x30 ? 1 : -1;
                        return false;
                    case 1:
                        if (b < 0x80)
                        {
                            return StartBody(b);
                        }

                        _ldapLengthBytes = b & 0x7F;
                        _ldapRemaining = 0;
                        _ldapState = _ldapLengthBytes is 0 or > 4 ? -1 : 2;
                        return false;
                    case 2:
                        _ldapRemaining = (_ldapRemaining << 8) | b;
                        if (--_ldapLengthBytes == 0)
                        {
                            return StartBody(_ldapRemaining);
                        }

                        return false;
                    case 3:
                        if (_ldapKept < _ldap.Length)
                        {
                            _ldap[_ldapKept++] = b;
                        }

                        if (--_ldapRemaining == 0)
                        {
                            _ldapBodyLength = _ldapKept;
                            _ldapState = 0;
                            return true;
                        }

                        return false;
                    default:
                        return false;
                }
            }

            private bool StartBody(long length)
            {
                _ldapKept = 0;
                if (length == 0)
                {
                    _ldapBodyLength = 0;
                    _ldapState = 0;
                    return true;
                }

                if (length > 1 << 20)
                {
                    _ldapState = -1;
                    return false;
                }

                _ldapRemaining = length;
                _ldapState = 3;
                return false;
            }
        }
    }
}
