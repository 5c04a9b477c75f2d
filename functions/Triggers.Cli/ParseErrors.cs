using System.CommandLine;
using Triggers.Core.Diagnostics;

namespace Triggers.Cli;

/// <summary>
/// What a mistyped command line prints: the errors and where to find the usage, all on stderr. System.CommandLine's
/// own handler writes the whole help text to stdout, where a pipeline reading <c>--format json</c> would take it in.
/// </summary>
internal static partial class ParseErrors
{
    public static int Report(ParseResult parsed, IReadOnlyList<string> args, TextWriter error)
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
                : given == "help"
                    ? "triggers: there is no 'help' command; help is an option: triggers --help, or triggers COMMAND --help"
                : Suggest.Closest(given, names) is { } closest
                    ? $"triggers: unknown {what} '{given}'; did you mean '{closest}'?"
                    : $"triggers: unknown {what} '{given}'; the commands are: {string.Join(", ", names)}");
            error.WriteLine("see 'triggers --help'");
            return 1;
        }

        var (unknown, meant) = UnknownOptions(command, parsed.UnmatchedTokens, args);
        var messages = unknown.Concat(parsed.Errors
                .Where(e => !e.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal))
                .Where(e => !meant.Any(o => e.Message == Required(o)))
                .Select(e => Plain(e.Message)))
            .Distinct(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            error.WriteLine(message.StartsWith("triggers: ", StringComparison.Ordinal) ? message : "triggers: " + message);
        }

        error.WriteLine($"see 'triggers {command.Name} --help'");
        return 1;
    }

    /// <summary>
    /// What the tokens the command did not know were meant to be: a misspelt option with the one it is closest to
    /// (case aside first: <c>--Format</c>), an option of another command, or an argument the command does not take.
    /// The value after an unknown option is its value, not another mistake, so it is not reported again; and the
    /// options suggested are returned, so that "--events is required" does not follow "did you mean '--events'?".
    /// </summary>
    internal static (List<string> Messages, List<string> Meant) UnknownOptions(Command command, IReadOnlyList<string> unmatched, IReadOnlyList<string> args)
    {
        var messages = new List<string>();
        var meant = new List<string>();
        var left = unmatched.ToList();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (LooksLikeOption(token) && !IsOptionOf(command, token))
            {
                var (message, closest) = UnknownOption(command, token);
                meant.AddRange(closest is null ? [] : [closest]);
                if (left.Remove(token))
                {
                    messages.Add(message);
                }

                // The value after it belongs to it, whether the command took it for an argument or left it over.
                if (!token.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    left.Remove(args[++i]);
                }
            }
            else if (left.Remove(token))
            {
                messages.Add($"triggers: unexpected argument '{token}'; {command.Name} takes {Takes(command)}");
            }
            else if (TakesValue(command, token) && i + 1 < args.Count)
            {
                i++; // its value, which the same text left over elsewhere (a mistyped option's value) must not be taken for
            }
        }

        return (messages, meant);
    }

    /// <summary>
    /// Adds the unknown-option error to a command's optional argument, which would otherwise take <c>--verbose</c>
    /// for a directory and report "directory '--verbose' does not exist".
    /// </summary>
    public static void RefuseOptions(Command command, Argument<string> argument) => argument.Validators.Add(result =>
    {
        foreach (var token in result.Tokens.Select(t => t.Value).Where(t => LooksLikeOption(t) && !File.Exists(t) && !Directory.Exists(t)))
        {
            result.AddError(UnknownOption(command, token).Message);
        }
    });

    private static bool LooksLikeOption(string token) => token.Length >= 2 && token[0] == '-';

    private static bool TakesValue(Command command, string token) =>
        !token.Contains('=', StringComparison.Ordinal) &&
        command.Options.FirstOrDefault(o => o.Name == token || o.Aliases.Contains(token)) is { Arity.MinimumNumberOfValues: > 0 };

    private static bool IsOptionOf(Command command, string token) =>
        command.Options.Any(o => o.Name == token.Split('=', 2)[0] || o.Aliases.Contains(token.Split('=', 2)[0]));

    private static (string Message, string? Closest) UnknownOption(Command command, string token)
    {
        var name = token.Split('=', 2)[0];
        var options = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct().ToList();
        // Case aside (--Format); a typo (--evnets); then one option the name starts or ends (--output for --out, -f).
        var full = name.StartsWith("--", StringComparison.Ordinal) ? name : "-" + name;
        var near = options.Where(o => o.StartsWith(full, StringComparison.OrdinalIgnoreCase) || full.StartsWith(o, StringComparison.OrdinalIgnoreCase)).ToList();
        var closest = options.FirstOrDefault(o => string.Equals(o, full, StringComparison.OrdinalIgnoreCase)) ?? Suggest.Closest(full, options) ??
                      (near.Count == 1 ? near[0] : null);
        if (closest is not null)
        {
            return ($"triggers: unknown option '{name}'; did you mean '{closest}'?", closest);
        }

        return (command.Arguments.Count > 0 && name == "--playbooks"
            ? $"triggers: {command.Name} takes the playbook directory as its argument, not as --playbooks: triggers {command.Name} DIR"
            : $"triggers: unknown option '{name}'; {command.Name} takes {Takes(command)}", null);
    }

    private static string Required(string option) => $"Option '{option}' is required.";

    private static string Takes(Command command)
    {
        var options = command.Options.Where(o => o is not System.CommandLine.Help.HelpOption && !o.Hidden).Select(o => o.Name).ToList();
        var arguments = command.Arguments.Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[{a.Name}]" : a.Name).ToList();
        return (arguments.Count, options.Count) switch
        {
            (0, 0) => "no arguments",
            (0, _) => $"only options: {string.Join(", ", options)}",
            (_, 0) => $"{string.Join(' ', arguments)} and no options but --help",
            _ => $"{string.Join(' ', arguments)} and the options {string.Join(", ", options)}",
        };
    }

    /// <summary>
    /// System.CommandLine's message for a value its type cannot hold names the .NET type ("as expected type
    /// 'System.Int32'"), which means nothing to whoever typed <c>--seed abc</c>: said in the words of our own options.
    /// </summary>
    internal static string Plain(string message)
    {
        if (Worded().Match(message) is { Success: true } worded)
        {
            var name = worded.Groups["option"].Value;
            return worded.Groups["times"].Success
                ? $"{name} is given {worded.Groups["times"].Value} times; give it once"
                : worded.Groups["required"].Success ? $"{name} is required" : $"{name} needs a value";
        }

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
        if (value.Length == 0)
        {
            return $"{option} is given an empty value (an unset variable in a script?)";
        }

        if (!whole)
        {
            return $"{option}: '{value}' is not a valid value";
        }

        return decimal.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{option}: {value} is out of range; it must be between {minimum:N0} and {maximum:N0}")
            : $"{option}: '{value}' is not a whole number";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:Option '(?<option>[^']+)' (?:(?<required>is required)|expects a single argument but (?<times>\d+) were provided)|Required argument missing for option: '(?<option>[^']+)')\.$")]
    private static partial System.Text.RegularExpressions.Regex Worded();

    [System.Text.RegularExpressions.GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>.*)' as expected type '(?<type>.*)'\.$")]
    private static partial System.Text.RegularExpressions.Regex UnparsedValue();
}
