using System;
using System.Collections.Generic;
using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// Every name a connection presented, in this order: the SNI host_name, the leaf certificate's subject commonNames
    /// (DER order), its subjectAltName dNSNames (wire order). A view over the handshake's bytes: nothing is copied or
    /// allocated, each name is normalised only when a reader asks (<see cref="PresentedName.Normalize"/>). The policy's
    /// any-presented-name mode reads it. Take it from <see cref="ServerIdentityEvidence.PresentedNames"/>, or let a list of
    /// names the caller gathered elsewhere stand in with <see cref="FromList"/>.
    /// </summary>
    public readonly ref struct PresentedNames
    {
        private readonly ReadOnlySpan<byte> _serverName;
        private readonly DistinguishedName _subject;
        private readonly SubjectAltName _subjectAltName;
        private readonly bool _hasCertificate;
        private readonly bool _hasSubjectAltName;
        private readonly ReadOnlySpan<string> _list;

        internal PresentedNames(ReadOnlySpan<byte> serverName, DistinguishedName subject, bool hasCertificate, SubjectAltName subjectAltName, bool hasSubjectAltName)
        {
            _serverName = serverName;
            _subject = subject;
            _hasCertificate = hasCertificate;
            _subjectAltName = subjectAltName;
            _hasSubjectAltName = hasSubjectAltName;
            _list = default;
        }

        private PresentedNames(ReadOnlySpan<string> list)
        {
            _serverName = default;
            _subject = default;
            _hasCertificate = false;
            _subjectAltName = default;
            _hasSubjectAltName = false;
            _list = list;
        }

        /// <summary>True when there is nothing to enumerate.</summary>
        public bool IsEmpty => _serverName.IsEmpty && !_hasCertificate && _list.IsEmpty;

        /// <summary>Names gathered elsewhere (a proxy log, another parser), in the caller's order; null entries are skipped.</summary>
        /// <param name="names">The names as text.</param>
        /// <returns>The view (it keeps a reference to <paramref name="names"/>).</returns>
        public static PresentedNames FromList(ReadOnlySpan<string> names) => new PresentedNames(names);

        /// <summary>Enumerates the names as presented (not yet normalised, invalid ones included).</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new Enumerator(this);

        /// <summary>
        /// The names normalised (see <see cref="HostName"/>), without duplicates, in enumeration order; names that are not
        /// host names are left out. Allocates: for tools and logs, not the hot path.
        /// </summary>
        /// <returns>The names.</returns>
        public string[] ToArray()
        {
            var names = new List<string>();
            Span<char> buffer = stackalloc char[HostName.MaxLength];
            foreach (PresentedName name in this)
            {
                if (name.Normalize(buffer, out int written) != HostNameStatus.Valid)
                {
                    continue;
                }

                ReadOnlySpan<char> normalized = buffer.Slice(0, written);
                bool seen = false;
                foreach (string existing in names)
                {
                    if (normalized.SequenceEqual(existing.AsSpan()))
                    {
                        seen = true;
                        break;
                    }
                }

                if (!seen)
                {
                    names.Add(normalized.ToString());
                }
            }

            return names.ToArray();
        }

        /// <summary>Walks the SNI, the commonNames and the dNSNames once, without allocating.</summary>
        public ref struct Enumerator
        {
            private readonly ReadOnlySpan<byte> _serverName;
            private readonly ReadOnlySpan<string> _list;
            private readonly bool _hasCertificate;
            private AttributeTypeAndValueEnumerator _commonNames;
            private GeneralNameEnumerator _dnsNames;
            private PresentedName _current;
            private Phase _phase;
            private int _index;

            internal Enumerator(PresentedNames names)
            {
                _serverName = names._serverName;
                _list = names._list;
                _hasCertificate = names._hasCertificate;
                _commonNames = names._hasCertificate ? names._subject.EnumerateAttributes(AttributeType.CommonName) : default;
                _dnsNames = names._hasSubjectAltName ? names._subjectAltName.Enumerate(GeneralNameType.DnsName) : default;
                _current = default;
                _phase = Phase.ServerName;
                _index = 0;
            }

            private enum Phase
            {
                ServerName,
                CommonNames,
                DnsNames,
                List,
            }

            /// <summary>The current name.</summary>
            public readonly PresentedName Current => _current;

            /// <summary>Moves to the next name.</summary>
            /// <returns>False after the last.</returns>
            public bool MoveNext()
            {
                switch (_phase)
                {
                    case Phase.ServerName:
                        _phase = _hasCertificate ? Phase.CommonNames : Phase.List;
                        if (!_serverName.IsEmpty)
                        {
                            _current = new PresentedName(IdentitySource.Sni, _serverName, default, default);
                            return true;
                        }

                        return MoveNext();
                    case Phase.CommonNames:
                        if (_commonNames.MoveNext())
                        {
                            _current = new PresentedName(IdentitySource.SubjectCommonName, default, _commonNames.Current.Value, default);
                            return true;
                        }

                        _phase = Phase.DnsNames;
                        return MoveNext();
                    case Phase.DnsNames:
                        if (_dnsNames.MoveNext())
                        {
                            _current = new PresentedName(IdentitySource.SubjectAltName, _dnsNames.Current.Value, default, default);
                            return true;
                        }

                        _phase = Phase.List;
                        return MoveNext();
                    default:
                        while (_index < _list.Length)
                        {
                            string? name = _list[_index++];
                            if (name is not null)
                            {
                                _current = new PresentedName(IdentitySource.Custom, default, default, name.AsSpan());
                                return true;
                            }
                        }

                        return false;
                }
            }
        }
    }
}
