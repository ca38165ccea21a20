using System;
using System.Collections.Generic;
using System.Reflection;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests.Polyfills
{
    /// <summary>
    /// Issue 13: Tsid.Capture's init accessors carry Tsid.Capture's own IsExternalInit (compiled in from
    /// src/Tsid.Core/Polyfills on every target), so its netstandard2.0 and net8.0/net10.0 builds bind alike.
    /// </summary>
    public class IsExternalInitTests
    {
        [Fact]
        public void Every_public_init_accessor_carries_the_library_s_own_IsExternalInit()
        {
            Assembly capture = typeof(TcpReassemblerOptions).Assembly;
            List<(PropertyInfo Property, Type[] Modifiers)> accessors = InitAccessors.PublicIn(capture);
            Assert.True(accessors.Count >= 20, $"only {accessors.Count} public init accessors found");
            foreach ((PropertyInfo property, Type[] modifiers) in accessors)
            {
                Type modifier = Assert.Single(modifiers, m => m.FullName == InitAccessors.ModifierName);
                Assert.True(modifier.Assembly == capture, $"{property.DeclaringType}.{property.Name}: modreq from {modifier.Assembly.GetName().Name}");
            }
        }
    }
}
