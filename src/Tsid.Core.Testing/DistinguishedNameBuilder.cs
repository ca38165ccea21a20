using System;
using System.Collections.Generic;

namespace Tsid.Testing
{
    /// <summary>
    /// Builds a Name (RFC 5280 4.1.2.4) attribute by attribute, in the order of the calls (DER order, the order parsers and
    /// firewalls read), in any string type, with or without a commonName. Each call adds one single-valued RDN;
    /// <see cref="MultiValued"/> adds one RDN of several attributes.
    /// </summary>
    public sealed class DistinguishedNameBuilder
    {
        private readonly List<byte[]> _rdns = new();

        /// <summary>Adds an RDN of one attribute of any type.</summary>
        /// <param name="oid">The attribute type in dotted form (see <see cref="Oids"/>).</param>
        /// <param name="value">The value.</param>
        /// <param name="type">The string type to write it as.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder Attribute(string oid, string value, DerStringType type = DerStringType.Utf8String)
        {
            _rdns.Add(Der.Rdn(Der.Attribute(oid, Der.String(type, value))));
            return this;
        }

        /// <summary>Adds an RDN of one attribute whose value is given already encoded (any tag, malformed or not).</summary>
        /// <param name="oid">The attribute type in dotted form.</param>
        /// <param name="encodedValue">The value's whole TLV.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder RawAttribute(string oid, byte[] encodedValue)
        {
            _rdns.Add(Der.Rdn(Der.Attribute(oid, encodedValue)));
            return this;
        }

        /// <summary>Adds one multi-valued RDN: a SET of the attributes, in the order given.</summary>
        /// <param name="attributes">(OID, value, type) triples.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder MultiValued(params (string Oid, string Value, DerStringType Type)[] attributes)
        {
            if (attributes is null)
            {
                throw new ArgumentNullException(nameof(attributes));
            }

            var encoded = new byte[attributes.Length][];
            for (int i = 0; i < attributes.Length; i++)
            {
                encoded[i] = Der.Attribute(attributes[i].Oid, Der.String(attributes[i].Type, attributes[i].Value));
            }

            _rdns.Add(Der.Rdn(encoded));
            return this;
        }

        /// <summary>Adds a commonName (2.5.4.3).</summary>
        /// <param name="value">The value.</param>
        /// <param name="type">The string type.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder CommonName(string value, DerStringType type = DerStringType.Utf8String) => Attribute(Oids.CommonName, value, type);

        /// <summary>Adds an organizationName (2.5.4.10).</summary>
        /// <param name="value">The value.</param>
        /// <param name="type">The string type.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder Organization(string value, DerStringType type = DerStringType.Utf8String) => Attribute(Oids.OrganizationName, value, type);

        /// <summary>Adds an organizationalUnitName (2.5.4.11).</summary>
        /// <param name="value">The value.</param>
        /// <param name="type">The string type.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder OrganizationalUnit(string value, DerStringType type = DerStringType.Utf8String) => Attribute(Oids.OrganizationalUnitName, value, type);

        /// <summary>Adds a countryName (2.5.4.6), a PrintableString by default as RFC 5280 requires.</summary>
        /// <param name="value">The two-letter code.</param>
        /// <param name="type">The string type.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder Country(string value, DerStringType type = DerStringType.PrintableString) => Attribute(Oids.CountryName, value, type);

        /// <summary>Adds a stateOrProvinceName (2.5.4.8).</summary>
        /// <param name="value">The value.</param>
        /// <param name="type">The string type.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder StateOrProvince(string value, DerStringType type = DerStringType.Utf8String) => Attribute(Oids.StateOrProvinceName, value, type);

        /// <summary>Adds a localityName (2.5.4.7).</summary>
        /// <param name="value">The value.</param>
        /// <param name="type">The string type.</param>
        /// <returns>This builder.</returns>
        public DistinguishedNameBuilder Locality(string value, DerStringType type = DerStringType.Utf8String) => Attribute(Oids.LocalityName, value, type);

        /// <summary>The Name: a SEQUENCE of the RDNs in the order added (an empty SEQUENCE when none were).</summary>
        /// <returns>The DER.</returns>
        public byte[] ToDer() => Der.Name(_rdns.ToArray());
    }
}
