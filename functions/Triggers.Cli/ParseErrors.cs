using System.CommandLine;
using Triggers.Core.Diagnostics;

namespace Triggers.Cli;

/// <summary>
/// What a mistyped command line prints: the errors and where to find the usage, all on stderr. System.CommandLine's
/// own handler writes the whole help text to stdout, where a pipeline reading <c>--format json</c> would take it in.
/// </summary>
internal static class ParseErrors
{
    public static int Report(ParseResult parsed, TextWriter error)
    {
        var command = parsed.CommandResult.Command;
        if (command is RootCommand root)
        {
            // "Required command was not provided" is true but beside the point when an unknown one was given.
            var names = root.Subcommands.Select(c => c.Name).ToList();
            var given = parsed.UnmatchedTokens.Count > 0 ? parsed.UnmatchedTokens[0] : null;
            var what = given?.StartsWith('-') == true ? "option" : "command";
            error.WriteLine(given is null
                ? $"triggers: no command given; the commands are: {string.Join(", ", names)}"
                : Suggest.Closest(given, names) is { } closest
                    ? $"triggers: unknown {what} '{given}'; did you mean '{closest}'?"
                    : $"triggers: unknown {what} '{given}'; the commands are: {string.Join(", ", names)}");
            error.WriteLine("see 'triggers --help'");
            return 1;
        }

        foreach (var message in parsed.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
        {
            error.WriteLine(message);
        }

        error.WriteLine($"see 'triggers {command.Name} --help'");
        return 1;
    }
}
