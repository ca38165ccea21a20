using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using Tsid.Identity;

namespace Tsid.Cli
{
    /// <summary>
    /// Options and arguments several commands share, each made fresh per command (a System.CommandLine symbol belongs to
    /// one command). Values are typed by a parser of ours (<see cref="Option{T}.CustomParser"/>), never by reflection, so
    /// the tool stays trim- and AOT-clean; a bad value is a parse error (exit 2) that lists what is allowed.
    /// </summary>
    internal static class CommonOptions
    {
        /// <summary>The files a command reads: one or more, <c>-</c> for standard input.</summary>
        public static Argument<string[]> Files(string description) => new("FILE")
        {
            Description = description + "; - is standard input",
            Arity = ArgumentArity.OneOrMore,
        };

        /// <summary>
        /// <c>--preset NAME</c> (or another name, such as <c>--against</c>): an identity preset by any spelling
        /// <see cref="ServerIdentityPresets.TryGet"/> accepts. <see cref="ParseResult.GetValue{T}(Option{T})"/> is null when
        /// the option is absent: write <c>result.GetValue(preset) ?? ServerIdentityPresets.Firepower</c> for a default.
        /// </summary>
        /// <remarks>
        /// Defaults are applied by the caller, not by <c>DefaultValueFactory</c>: the help would print the default through
        /// its <c>ToString()</c> (a resolver's whole rule list, <c>Table</c> for an enum); the description says it instead.
        /// </remarks>
        public static Option<ServerIdentityResolver?> Preset(string name = "--preset", string description = "identity preset (docs/identity.md), default firepower")
        {
            string[] names = new string[Presets.Names.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = Presets.Names[i];
            }

            var option = new Option<ServerIdentityResolver?>(name)
            {
                Description = description + ": " + string.Join(", ", names),
                HelpName = "NAME",
                CustomParser = result =>
                {
                    string given = Single(result);
                    if (ServerIdentityPresets.TryGet(given, out ServerIdentityResolver? preset))
                    {
                        return preset;
                    }

                    result.AddError(MustBeOneOf(name, names, given));
                    return null;
                },
            };
            option.CompletionSources.Add(names);
            return option;
        }

        /// <summary><c>--policy FILE</c>: a policy in the line format of docs/policy.md (loaded by <see cref="PolicyFile"/>).</summary>
        public static Option<string?> Policy() => new("--policy")
        {
            Description = "decide each connection with a policy file (docs/policy.md)",
            HelpName = "FILE",
        };

        /// <summary><c>--format table|json</c>; absent: <see cref="OutputFormat.Table"/> (the enum's default).</summary>
        public static Option<OutputFormat> Format(string description = "aligned table (default), or JSON Lines") =>
            Choice("--format", description, new[] { ("table", OutputFormat.Table), ("json", OutputFormat.Json) });

        /// <summary>An option that takes no value (<c>--explain</c>).</summary>
        public static Option<bool> Flag(string name, string description) => new(name)
        {
            Description = description,
            Arity = ArgumentArity.Zero,
        };

        /// <summary>
        /// An option whose value is one of a few words (case ignored), typed: <c>--format table|json</c> → <see cref="OutputFormat"/>.
        /// The words are the help text's value and the tab completions; anything else is a usage error that lists them.
        /// Absent, the value is <c>default(T)</c>: give <typeparamref name="T"/> a value meaning "not given" where that is not
        /// the default (<see cref="Switch.Default"/>, a null <c>MatchMode?</c>), and say the default in <paramref name="description"/>.
        /// </summary>
        public static Option<T> Choice<T>(string name, string description, IReadOnlyList<(string Word, T Value)> choices)
        {
            var words = new string[choices.Count];
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = choices[i].Word;
            }

            var option = new Option<T>(name)
            {
                Description = description,
                HelpName = string.Join("|", words),
                // One value always, also for bool? (which System.CommandLine would otherwise make a flag).
                Arity = ArgumentArity.ExactlyOne,
                CustomParser = result =>
                {
                    string given = Single(result);
                    foreach ((string word, T value) in choices)
                    {
                        if (string.Equals(word, given, StringComparison.OrdinalIgnoreCase))
                        {
                            return value;
                        }
                    }

                    result.AddError(MustBeOneOf(name, words, given));
                    return default!;
                },
            };
            // The words only: for an enum System.CommandLine would offer its member names (Json) too.
            option.CompletionSources.Clear();
            option.CompletionSources.Add(words);
            return option;
        }

        /// <summary>The one message of a bad value: <c>--preset must be one of firepower, … (got 'checkpoint')</c>.</summary>
        public static string MustBeOneOf(string name, IReadOnlyList<string> allowed, string given) =>
            $"{name} must be one of {string.Join(", ", allowed)} (got '{given}')";

        /// <summary>The option's value (given twice, the parser reports it: the option takes one value).</summary>
        private static string Single(ArgumentResult result) => result.Tokens.Count == 0 ? string.Empty : result.Tokens[result.Tokens.Count - 1].Value;
    }
}
