using System;
using System.Collections.Generic;
using System.Text;
using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// What a rule hands its candidates to. It normalises a candidate straight into the caller's name buffer (no
    /// allocation), applies the resolver's <see cref="Options"/> (IDN, invalid names), and — only when an explanation was
    /// asked for — records every candidate with its verdict. Created by the resolver for one resolve; rules receive it by
    /// reference.
    /// </summary>
    public ref struct ServerIdentityRuleContext
    {
        private readonly Span<char> _buffer;
        private readonly List<IdentityCandidate>? _candidates;
        private IServerIdentityRule? _rule;
        private int _length;
        private IdentitySource _source;
        private HostNameFlags _nameFlags;
        private IdentityDiagnostics _diagnostics;
        private bool _decided;
        private bool _rejected;
        private IdentityDiagnostics _rejectReason;
        private SniCoverage _sniCoverage;

        internal ServerIdentityRuleContext(Span<char> buffer, ServerIdentityOptions options, List<IdentityCandidate>? candidates)
        {
            _buffer = buffer;
            Options = options;
            _candidates = candidates;
            _rule = null;
            _length = 0;
            _source = IdentitySource.None;
            _nameFlags = HostNameFlags.None;
            _diagnostics = IdentityDiagnostics.None;
            _decided = false;
            _rejected = false;
            _rejectReason = IdentityDiagnostics.None;
            _sniCoverage = SniCoverage.Unknown;
        }

        /// <summary>The resolver's settings.</summary>
        public ServerIdentityOptions Options { get; }

        /// <summary>True when an explanation is being recorded; rules may skip work that only feeds <see cref="Note(ReadOnlySpan{char}, IdentitySource, CandidateVerdict, string)"/> otherwise.</summary>
        public readonly bool IsExplaining => _candidates is not null;

        /// <summary>True once a rule accepted a name or rejected the connection; further candidates are refused.</summary>
        public readonly bool IsDecided => _decided;

        /// <summary>The name of the rule being consulted.</summary>
        public readonly string RuleName => _rule?.Name ?? string.Empty;

        internal readonly int Length => _length;

        internal readonly IdentitySource Source => _source;

        internal readonly HostNameFlags NameFlags => _nameFlags;

        internal readonly IdentityDiagnostics Diagnostics => _diagnostics;

        internal readonly bool Rejected => _rejected;

        internal readonly IdentityDiagnostics RejectReason => _rejectReason;

        internal readonly ReadOnlySpan<char> Name => _buffer.Slice(0, _length);

        /// <summary>The RFC 6125 SNI coverage (dNSNames, CN only without them), when a rule already computed it; saves the resolver a second pass.</summary>
        internal SniCoverage KnownSniCoverage
        {
            readonly get => _sniCoverage;
            set => _sniCoverage = value;
        }

        internal void BeginRule(IServerIdentityRule rule) => _rule = rule;

        internal void AddDiagnostics(IdentityDiagnostics diagnostics) => _diagnostics |= diagnostics;

        /// <summary>
        /// Offers a name given as bytes (ASCII, or UTF-8 for a certificate string). It is normalised (see <see cref="HostName"/>);
        /// when valid — or invalid but kept under <see cref="InvalidNameHandling.KeepFlagged"/> — it becomes the resolved name.
        /// </summary>
        /// <param name="name">The candidate.</param>
        /// <param name="source">Where it came from.</param>
        /// <returns>True when the name was taken: the rule should then return true.</returns>
        public bool TryAccept(scoped ReadOnlySpan<byte> name, IdentitySource source)
        {
            if (_decided)
            {
                return false;
            }

            HostNameStatus status = HostName.Normalize(name, _buffer, out int length, out HostNameFlags flags, Options.Idn);
            if (status == HostNameStatus.Valid)
            {
                Take(length, flags, source, IdentityDiagnostics.None, name, default, isBytes: true);
                return true;
            }

            return KeepOrSkip(name, status, source);
        }

        // Off the hot path: a byte candidate that is not a host name is kept verbatim (KeepFlagged) or skipped.
        private bool KeepOrSkip(scoped ReadOnlySpan<byte> name, HostNameStatus status, IdentitySource source)
        {
            if (Options.InvalidNames == InvalidNameHandling.KeepFlagged && status != HostNameStatus.Empty && name.Length <= HostName.MaxInputLength)
            {
                Span<char> decoded = stackalloc char[name.Length];
                if (HostName.TryDecodeUtf8(name, decoded, out int decodedLength)
                    && HostName.TryCopyVerbatim(decoded.Slice(0, decodedLength), _buffer, out int length))
                {
                    Take(length, HostNameFlags.None, source, IdentityDiagnostics.NotAHostName, name, default, isBytes: true);
                    return true;
                }
            }

            _diagnostics |= IdentityDiagnostics.InvalidCandidatesSkipped;
            if (_candidates is not null)
            {
                Note(name, source, CandidateVerdict.Invalid, "not a host name: " + status.ToString());
            }

            return false;
        }

        /// <summary>Offers a name given as text (a hint, or a name a custom rule computed).</summary>
        /// <param name="name">The candidate.</param>
        /// <param name="source">Where it came from.</param>
        /// <returns>True when the name was taken.</returns>
        public bool TryAccept(scoped ReadOnlySpan<char> name, IdentitySource source)
        {
            if (_decided)
            {
                return false;
            }

            HostNameStatus status = HostName.Normalize(name, _buffer, out int length, out HostNameFlags flags, Options.Idn);
            if (status == HostNameStatus.Valid)
            {
                Take(length, flags, source, IdentityDiagnostics.None, default, name, isBytes: false);
                return true;
            }

            if (Options.InvalidNames == InvalidNameHandling.KeepFlagged && status != HostNameStatus.Empty
                && HostName.TryCopyVerbatim(name, _buffer, out length))
            {
                Take(length, HostNameFlags.None, source, IdentityDiagnostics.NotAHostName, default, name, isBytes: false);
                return true;
            }

            _diagnostics |= IdentityDiagnostics.InvalidCandidatesSkipped;
            if (_candidates is not null)
            {
                Note(name, source, CandidateVerdict.Invalid, "not a host name: " + status.ToString());
            }

            return false;
        }

        /// <summary>
        /// Normalises <paramref name="name"/> into the name buffer without taking it: until a rule decides, the buffer is
        /// scratch space a rule may test a candidate in (the hint rule checks coverage on the normal form, then takes it
        /// with <see cref="TakeNormalized"/>). Returns the normal form through <paramref name="normalized"/>.
        /// </summary>
        internal HostNameStatus NormalizeInPlace(scoped ReadOnlySpan<char> name, out ReadOnlySpan<char> normalized, out HostNameFlags flags)
        {
            normalized = default;
            if (_decided)
            {
                flags = HostNameFlags.None;
                return HostNameStatus.DestinationTooSmall;
            }

            HostNameStatus status = HostName.Normalize(name, _buffer, out int length, out flags, Options.Idn);
            normalized = _buffer.Slice(0, length);
            return status;
        }

        /// <summary>
        /// Takes the name <see cref="NormalizeInPlace"/> left in the buffer, with the flags that call reported; the result is
        /// the same as <see cref="TryAccept(ReadOnlySpan{char}, IdentitySource)"/> on the normal form.
        /// </summary>
        internal bool TakeNormalized(int length, HostNameFlags flags, IdentitySource source)
        {
            if (_decided)
            {
                return false;
            }

            // What normalising the normal form again would report: nothing left to fold, strip or convert.
            flags &= ~(HostNameFlags.CaseFolded | HostNameFlags.TrailingDotRemoved | HostNameFlags.ConvertedFromUnicode);
            Take(length, flags, source, IdentityDiagnostics.None, default, _buffer.Slice(0, length), isBytes: false);
            return true;
        }

        /// <summary>
        /// Offers a certificate attribute value (CN, OU). UTF8String, PrintableString, IA5String, VisibleString and
        /// NumericString are read as UTF-8 bytes without copying; other string types are decoded first.
        /// </summary>
        /// <param name="value">The attribute value.</param>
        /// <param name="source">Where it came from.</param>
        /// <returns>True when the name was taken.</returns>
        public bool TryAccept(scoped DirectoryString value, IdentitySource source)
        {
            if (IsUtf8Compatible(value.StringType))
            {
                return TryAccept(value.RawValue, source);
            }

            if (value.RawValue.Length <= HostName.MaxInputLength)
            {
                Span<char> decoded = stackalloc char[HostName.MaxInputLength];
                if (value.TryDecode(decoded, out int written))
                {
                    return TryAccept(decoded.Slice(0, written), source);
                }
            }

            _diagnostics |= IdentityDiagnostics.InvalidCandidatesSkipped;
            if (_candidates is not null)
            {
                Note(value.RawValue, source, CandidateVerdict.Invalid, "attribute value cannot be decoded as text");
            }

            return false;
        }

        /// <summary>Offers an IP address (4 or 16 bytes), written as dotted decimal or RFC 5952 text.</summary>
        /// <param name="address">The address in network byte order.</param>
        /// <param name="source">Where it came from.</param>
        /// <returns>True when the address was taken; false when it is not 4 or 16 bytes.</returns>
        public bool TryAcceptAddress(scoped ReadOnlySpan<byte> address, IdentitySource source)
        {
            if (_decided)
            {
                return false;
            }

            Span<char> text = stackalloc char[IPAddressText.MaxLength];
            if (IPAddressText.TryFormat(address, text, out int written))
            {
                return TryAccept(text.Slice(0, written), source);
            }

            if (_candidates is not null)
            {
                Note(ReadOnlySpan<char>.Empty, source, CandidateVerdict.Invalid, "address is not 4 or 16 bytes long");
            }

            return false;
        }

        /// <summary>
        /// Stops resolution with no name: the connection should be treated as unnamed (FortiGate <c>strict</c> closes it).
        /// </summary>
        /// <param name="reason">The diagnostic that says why.</param>
        /// <param name="detail">A short human-readable reason for the explanation (a literal: it is stored only when explaining).</param>
        public void Reject(IdentityDiagnostics reason, string detail)
        {
            if (_decided)
            {
                return;
            }

            _decided = true;
            _rejected = true;
            _rejectReason = reason;
            _length = 0;
            _source = IdentitySource.None;
            _diagnostics |= reason;
            if (_candidates is not null)
            {
                Note(ReadOnlySpan<char>.Empty, IdentitySource.None, CandidateVerdict.Rejected, detail);
            }
        }

        /// <summary>Records a candidate that was looked at and not taken (no-op unless explaining).</summary>
        /// <param name="value">The candidate as seen (may be empty for a missing one).</param>
        /// <param name="source">Where it came from.</param>
        /// <param name="verdict">Why it was not taken.</param>
        /// <param name="detail">A short reason (pass a literal so that nothing allocates when not explaining).</param>
        public readonly void Note(scoped ReadOnlySpan<char> value, IdentitySource source, CandidateVerdict verdict, string detail)
        {
            _candidates?.Add(new IdentityCandidate(RuleName, source, value.ToString(), null, verdict, detail));
        }

        /// <summary>Records a candidate given as bytes (decoded as UTF-8 for display; no-op unless explaining).</summary>
        /// <param name="value">The candidate as seen.</param>
        /// <param name="source">Where it came from.</param>
        /// <param name="verdict">Why it was not taken.</param>
        /// <param name="detail">A short reason.</param>
        public readonly void Note(scoped ReadOnlySpan<byte> value, IdentitySource source, CandidateVerdict verdict, string detail)
        {
            _candidates?.Add(new IdentityCandidate(RuleName, source, Display(value), null, verdict, detail));
        }

        internal readonly void NoteNotConsulted(string ruleName)
        {
            _candidates?.Add(new IdentityCandidate(ruleName, IdentitySource.None, string.Empty, null, CandidateVerdict.NotConsulted, "an earlier rule decided"));
        }

        internal static bool IsUtf8Compatible(DirectoryStringType type) =>
            type == DirectoryStringType.Utf8String || type == DirectoryStringType.PrintableString || type == DirectoryStringType.Ia5String
            || type == DirectoryStringType.VisibleString || type == DirectoryStringType.NumericString;

        internal static string Display(ReadOnlySpan<byte> value)
        {
#if NET
            return Encoding.UTF8.GetString(value);
#else
            return Encoding.UTF8.GetString(value.ToArray());
#endif
        }

        private void Take(int length, HostNameFlags flags, IdentitySource source, IdentityDiagnostics diagnostics, scoped ReadOnlySpan<byte> rawBytes, scoped ReadOnlySpan<char> rawChars, bool isBytes)
        {
            _decided = true;
            _length = length;
            _source = source;
            _nameFlags = flags;
            _diagnostics |= diagnostics;
            if (_candidates is not null)
            {
                string raw = isBytes ? Display(rawBytes) : rawChars.ToString();
                string detail = (diagnostics & IdentityDiagnostics.NotAHostName) != 0 ? "not a host name, kept verbatim" : "taken";
                _candidates.Add(new IdentityCandidate(RuleName, source, raw, _buffer.Slice(0, length).ToString(), CandidateVerdict.Taken, detail));
            }
        }
    }
}
