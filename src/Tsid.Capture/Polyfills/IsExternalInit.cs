#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices
{
    // Lets netstandard2.0 compile records and init-only setters (the type ships in-box from .NET 5).
    internal static class IsExternalInit
    {
    }
}
#endif
