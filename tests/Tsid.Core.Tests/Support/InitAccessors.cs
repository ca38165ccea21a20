using System;
using System.Collections.Generic;
using System.Reflection;

namespace Tsid.Tests.Support
{
    /// <summary>
    /// Finds the public <c>init</c> accessors of an assembly by their signature: an init accessor's return parameter carries
    /// a required custom modifier (modreq) of type <c>System.Runtime.CompilerServices.IsExternalInit</c> (C# 9 spec,
    /// "init-only setters"). The runtime matches call sites on the whole signature, modreq included.
    /// </summary>
    internal static class InitAccessors
    {
        public const string ModifierName = "System.Runtime.CompilerServices.IsExternalInit";

        /// <summary>Every public init accessor of the public types of <paramref name="assembly"/>, with its modreq types.</summary>
        public static List<(PropertyInfo Property, Type[] Modifiers)> PublicIn(Assembly assembly)
        {
            var found = new List<(PropertyInfo, Type[])>();
            foreach (Type type in assembly.GetExportedTypes())
            {
                foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    MethodInfo? setter = property.GetSetMethod(nonPublic: false);
                    if (setter is null)
                    {
                        continue;
                    }

                    Type[] modifiers = setter.ReturnParameter.GetRequiredCustomModifiers();
                    if (Array.Exists(modifiers, m => m.FullName == ModifierName))
                    {
                        found.Add((property, modifiers));
                    }
                }
            }

            return found;
        }
    }
}
