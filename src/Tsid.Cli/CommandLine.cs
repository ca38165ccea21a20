using System;
using System.Collections.Generic;

namespace Tsid.Cli
{
    /// <summary>A parsed command line: the command, its file arguments and its <c>--name value</c> options.</summary>
    internal sealed class CommandLine
    {
        private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

        private CommandLine(string command) => Command = command;

        public string Command { get; }

        public List<string> Files { get; } = new();

        /// <summary>Options that take no value.</summary>
        public static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--explain", "--help", "-h", "--version", "--fingerprints", "--json" };

        public static bool TryParse(string[] args, out CommandLine? line, out string? error)
        {
            line = null;
            error = null;
            if (args.Length == 0)
            {
                error = "no command given";
                return false;
            }

            var parsed = new CommandLine(args[0]);
            for (int i = 1; i < args.Length; i++)
            {
                string arg = args[i];
                if (arg.StartsWith("-", StringComparison.Ordinal) && arg.Length > 1)
                {
                    string name = arg;
                    string? value = null;
                    int equals = arg.IndexOf('=');
                    if (equals > 0)
                    {
                        name = arg.Substring(0, equals);
                        value = arg.Substring(equals + 1);
                    }
                    else if (Flags.Contains(arg))
                    {
                        value = "on";
                    }
                    else if (i + 1 < args.Length)
                    {
                        value = args[++i];
                    }
                    else
                    {
                        error = $"option {arg} needs a value";
                        return false;
                    }

                    parsed._options[name] = value;
                }
                else
                {
                    parsed.Files.Add(arg);
                }
            }

            line = parsed;
            return true;
        }

        public bool Has(string name) => _options.ContainsKey(name);

        public string? Get(string name) => _options.TryGetValue(name, out string? value) ? value : null;

        /// <summary>The option's value, which must be one of <paramref name="allowed"/>; the first is the default.</summary>
        public bool TryGetChoice(string name, string[] allowed, out string value, out string? error)
        {
            error = null;
            value = allowed[0];
            string? given = Get(name);
            if (given is null)
            {
                return true;
            }

            foreach (string candidate in allowed)
            {
                if (string.Equals(candidate, given, StringComparison.OrdinalIgnoreCase))
                {
                    value = candidate;
                    return true;
                }
            }

            error = $"{name} must be one of {string.Join(", ", allowed)} (got '{given}')";
            return false;
        }

        public IEnumerable<string> OptionNames => _options.Keys;
    }
}
