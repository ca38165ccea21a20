using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace Tsid.Testing
{
    /// <summary>
    /// Builds GeneralNames (RFC 5280 4.2.1.6) in the order of the calls, any type in any order: dNSName, iPAddress,
    /// rfc822Name, URI, directoryName, otherName, registeredID, x400Address, ediPartyName, or raw bytes. Strings are written
    /// as given — wildcards, NUL bytes, raw U-labels (UTF-8) — because certificates in the wild carry all of them.
    /// </summary>
    public sealed class GeneralNamesBuilder
    {
        private readonly List<byte[]> _names = new();

        /// <summary>A dNSName ([2] IA5String), the string's UTF-8 bytes as they are: <c>*.example.com</c>, <c>bücher.example</c>, <c>a\0b</c>.</summary>
        /// <param name="name">The name.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder DnsName(string name) => RawDnsName(Encoding.UTF8.GetBytes(name ?? throw new ArgumentNullException(nameof(name))));

        /// <summary>dNSNames, one per name, in order (see <see cref="DnsName(string)"/>).</summary>
        /// <param name="names">The names.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder DnsNames(params string[] names)
        {
            foreach (string name in names ?? throw new ArgumentNullException(nameof(names)))
            {
                DnsName(name);
            }

            return this;
        }

        /// <summary>A dNSName holding an internationalised name converted to A-labels (IDNA, RFC 5891): <c>bücher.example</c> → <c>xn--bcher-kva.example</c>.</summary>
        /// <param name="unicodeName">The name in Unicode.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder DnsNameAsALabels(string unicodeName) => DnsName(new IdnMapping().GetAscii(unicodeName));

        /// <summary>A dNSName with exactly these bytes.</summary>
        /// <param name="name">The bytes.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder RawDnsName(byte[] name) => Add(0x82, name);

        /// <summary>An iPAddress ([7] OCTET STRING): 4 bytes for IPv4, 16 for IPv6.</summary>
        /// <param name="address">The address.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder IPAddress(IPAddress address) => RawIPAddress((address ?? throw new ArgumentNullException(nameof(address))).GetAddressBytes());

        /// <summary>An iPAddress with exactly these octets (any length, e.g. an 8-byte name-constraint form or a wrong size).</summary>
        /// <param name="octets">The octets.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder RawIPAddress(byte[] octets) => Add(0x87, octets);

        /// <summary>An rfc822Name ([1] IA5String), UTF-8 bytes.</summary>
        /// <param name="mailbox">The address.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder Rfc822Name(string mailbox) => Add(0x81, Encoding.UTF8.GetBytes(mailbox ?? throw new ArgumentNullException(nameof(mailbox))));

        /// <summary>A uniformResourceIdentifier ([6] IA5String), UTF-8 bytes.</summary>
        /// <param name="uri">The URI text.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder Uri(string uri) => Add(0x86, Encoding.UTF8.GetBytes(uri ?? throw new ArgumentNullException(nameof(uri))));

        /// <summary>A directoryName ([4] EXPLICIT Name).</summary>
        /// <param name="build">Adds the Name's attributes.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder DirectoryName(Action<DistinguishedNameBuilder> build)
        {
            var name = new DistinguishedNameBuilder();
            (build ?? throw new ArgumentNullException(nameof(build)))(name);
            return DirectoryName(name.ToDer());
        }

        /// <summary>A directoryName ([4] EXPLICIT Name) around a Name given as DER.</summary>
        /// <param name="nameDer">The Name's DER.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder DirectoryName(byte[] nameDer) => Add(0xA4, nameDer);

        /// <summary>An otherName ([0] SEQUENCE { type-id OID, [0] EXPLICIT value }), e.g. a UPN (1.3.6.1.4.1.311.20.2.3) or SmtpUTF8Mailbox.</summary>
        /// <param name="typeId">The type-id OID.</param>
        /// <param name="encodedValue">The value's DER (e.g. <see cref="Der.Utf8String"/>).</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder OtherName(string typeId, byte[] encodedValue) => Add(0xA0, Der.Oid(typeId), Der.Tlv(0xA0, encodedValue));

        /// <summary>A registeredID ([8] OBJECT IDENTIFIER).</summary>
        /// <param name="oid">The OID.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder RegisteredId(string oid) => Add(0x88, Der.OidContents(oid));

        /// <summary>An x400Address ([3] ORAddress) with the given contents (the ORAddress SEQUENCE's contents, not checked).</summary>
        /// <param name="contents">The contents.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder X400Address(byte[] contents) => Add(0xA3, contents);

        /// <summary>An ediPartyName ([5] EDIPartyName) with the given contents.</summary>
        /// <param name="contents">The contents.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder EdiPartyName(byte[] contents) => Add(0xA5, contents);

        /// <summary>Any bytes as the next GeneralName: a wrong tag, a bad length, a truncated entry.</summary>
        /// <param name="encoded">The bytes, written as they are.</param>
        /// <returns>This builder.</returns>
        public GeneralNamesBuilder Raw(byte[] encoded)
        {
            _names.Add(encoded ?? throw new ArgumentNullException(nameof(encoded)));
            return this;
        }

        /// <summary>The GeneralNames SEQUENCE, the names in the order added.</summary>
        /// <returns>The DER.</returns>
        public byte[] ToDer() => Der.Sequence(_names.ToArray());

        private GeneralNamesBuilder Add(byte tag, params byte[][] contents)
        {
            _names.Add(Der.Tlv(tag, contents));
            return this;
        }
    }
}
