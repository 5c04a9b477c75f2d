using System.CommandLine;
using Triggers.Core.Diagnostics;

namespace Triggers.Cli;

/// <summary>
/// What a mistyped command line prints: the errors and where to find the usage, all on stderr. System.CommandLine's
/// own handler writes the whole help text to stdout, where a pipeline reading <c>--format json</c> would take it in.
/// </summary>
internal static partial class ParseErrors
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

        foreach (var message in parsed.Errors.Select(e => Plain(e.Message)).Distinct(StringComparer.Ordinal))
        {
            error.WriteLine(message);
        }

        error.WriteLine($"see 'triggers {command.Name} --help'");
        return 1;
    }

    /// <summary>
    /// System.CommandLine's message for a value its type cannot hold names the .NET type ("as expected type
    /// 'System.Int32'"), which means nothing to whoever typed <c>--seed abc</c>: said in the words of our own options.
    /// </summary>
    internal static string Plain(string message)
    {
        var match = UnparsedValue().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var (value, option, type) = (match.Groups["value"].Value, match.Groups["option"].Value, match.Groups["type"].Value);
        var (whole, minimum, maximum) = type switch
        {
            _ when type.Contains("System.Int32", StringComparison.Ordinal) => (true, (decimal)int.MinValue, (decimal)int.MaxValue),
            _ when type.Contains("System.Int64", StringComparison.Ordinal) => (true, (decimal)long.MinValue, (decimal)long.MaxValue),
            _ => (false, 0m, 0m),
        };
        if (!whole)
        {
            return $"{option}: '{value}' is not a valid value";
        }

        return decimal.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{option}: {value} is out of range; it must be between {minimum:N0} and {maximum:N0}")
            : $"{option}: '{value}' is not a whole number";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>.*)' as expected type '(?<type>.*)'\.$")]
    private static partial System.Text.RegularExpressions.Regex UnparsedValue();
}
