namespace System.Runtime.CompilerServices
{
    // The modreq of every init accessor (C# 9). Declared on every target framework, not only on netstandard2.0 where the
    // BCL lacks it: the compiler prefers a type of the assembly being compiled, so each accessor's modreq is this assembly's
    // own type on netstandard2.0, net8.0 and net10.0 alike. A netstandard2.0 library compiled against our netstandard2.0
    // assembly then binds to the net8.0/net10.0 one at run time (with the BCL's type on net8.0+ only, the signatures differ
    // and the call fails with MissingMethodException). Internal: no consumer can see or name it.
    internal static class IsExternalInit
    {
    }
}
