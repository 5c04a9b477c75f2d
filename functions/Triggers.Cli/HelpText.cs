using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Triggers.Cli;

/// <summary>
/// Help that says what the commands really take. The command list writes each command's arguments as <c>&lt;DIR&gt;</c>
/// whether or not they may be left out; an optional one is shown as <c>[DIR]</c> here, as README and the command's own
/// usage line do. System.CommandLine 2.0 keeps its help builder internal, so this edits the text its help action
/// writes; the brackets take the places of the angle brackets, so the columns stay aligned.
/// </summary>
internal sealed class HelpText(RootCommand root, CommandLineAction inner) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public static void Install(RootCommand root)
    {
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: { } action } option)
        {
            option.Action = new HelpText(root, action);
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        var text = new StringWriter();
        configuration.Output = text;
        try
        {
            ((SynchronousCommandLineAction)inner).Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        output.Write(MarkOptional(text.ToString()));
        output.Write(HelpExamples.For(parseResult.CommandResult.Command.Name));
        return 0;
    }

    private string MarkOptional(string help)
    {
        foreach (var command in root.Subcommands)
        {
            var optional = command.Arguments.Where(a => a.Arity.MinimumNumberOfValues == 0).ToList();
            if (optional.Count == 0)
            {
                continue;
            }

            var written = $"  {command.Name} {string.Join(' ', command.Arguments.Select(a => $"<{a.Name}>"))}";
            var marked = $"  {command.Name} {string.Join(' ', command.Arguments.Select(a => optional.Contains(a) ? $"[{a.Name}]" : $"<{a.Name}>"))}";
            help = help.Replace(written, marked, StringComparison.Ordinal);
        }

        return help;
    }
}
