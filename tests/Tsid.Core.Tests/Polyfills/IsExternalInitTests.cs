using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.Versioning;
using Tsid.Identity;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Tests.Polyfills
{
    /// <summary>
    /// Issue 13: a netstandard2.0 library built on our netstandard2.0 assembly calls init accessors with the modreq it saw
    /// there; the net8.0/net10.0 assembly loaded at run time must carry the very same one, or the call fails with
    /// MissingMethodException. These tests run against net10.0 (Tsid.Core.Tests) and netstandard2.0
    /// (Tsid.Core.Tests.NetStandard); the .ci/ns2-consumer.sh run proves the binding itself across packages.
    /// </summary>
    public class IsExternalInitTests
    {
        private static readonly Assembly Core = typeof(ServerIdentityEvidence).Assembly;

        [Fact]
        public void Every_public_init_accessor_carries_the_library_s_own_IsExternalInit_on_this_target()
        {
            List<(PropertyInfo Property, Type[] Modifiers)> accessors = InitAccessors.PublicIn(Core);

            // Issue 13 counted about 51 in Tsid.Core and Tsid.Capture; Tsid.Core alone has more than 30.
            Assert.True(accessors.Count > 30, $"only {accessors.Count} public init accessors found");
            Assert.Contains(accessors, a => a.Property.DeclaringType == typeof(ServerIdentityEvidence) && a.Property.Name == nameof(ServerIdentityEvidence.LeafCertificate));
            foreach ((PropertyInfo property, Type[] modifiers) in accessors)
            {
                Type modifier = Assert.Single(modifiers, m => m.FullName == InitAccessors.ModifierName);
                Assert.True(
                    modifier.Assembly == Core,
                    $"{property.DeclaringType}.{property.Name}: modreq from {modifier.Assembly.GetName().Name}, not Tsid.Core");
                Assert.False(modifier.IsPublic, "the polyfill must stay internal: no consumer may see it");
            }
        }

        [Fact]
        public void The_assembly_under_test_is_the_build_this_test_project_targets()
        {
            string framework = Core.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
#if TSID_NETSTANDARD_BUILD
            Assert.Equal(".NETStandard,Version=v2.0", framework);
#else
            Assert.Equal(".NETCoreApp,Version=v10.0", framework);
#endif
        }
    }
}
