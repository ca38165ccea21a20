using System;
using System.IO;
using SharpFuzz;

namespace Tsid.Fuzz
{
    /// <summary>
    /// <c>Tsid.Fuzz TARGET</c> under afl-fuzz (SharpFuzz's out-of-process fork server), or
    /// <c>Tsid.Fuzz TARGET --replay DIR|FILE</c> to run inputs once through the same checks (a crash reproducer, a smoke).
    /// A contract violation throws <see cref="ContractException"/>, which AFL records as a crash.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0 || !Targets.TryGet(args[0], out Targets.Target? target))
            {
                Console.Error.WriteLine("usage: Tsid.Fuzz TARGET [--replay DIR|FILE]; targets: " + string.Join(", ", Targets.Names));
                return 2;
            }

            if (args.Length >= 3 && args[1] == "--replay")
            {
                return Replay(target!, args[2]);
            }

            Fuzzer.OutOfProcess.Run((Stream stream) =>
            {
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                target!(copy.ToArray());
            });
            return 0;
        }

        private static int Replay(Targets.Target target, string path)
        {
            string[] files = Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : new[] { path };
            int failures = 0;
            foreach (string file in files)
            {
                try
                {
                    target(File.ReadAllBytes(file));
                }
                catch (Exception e)
                {
                    failures++;
                    Console.Error.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
                }
            }

            Console.WriteLine($"replayed {files.Length} inputs, {failures} failures");
            return failures == 0 ? 0 : 1;
        }
    }

    /// <summary>A broken promise of a Try API or an inspector (not a parse failure: those are answers).</summary>
    public sealed class ContractException : Exception
    {
        public ContractException(string message)
            : base(message)
        {
        }
    }
}
