using System.CommandLine;

namespace Triggers.Cli.Commands;

/// <summary><c>triggers validate [DIR]</c>: every problem as <c>path:line:col: error CODE: message</c>; exit 1 on any error.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR")
        {
            Description = $"The playbook directory (default: {PlaybookFiles.DefaultDescription})",
            Arity = ArgumentArity.ZeroOrOne, // no default value factory: help would print the one it finds where help runs
        };
        var command = new Command("validate", "Check playbooks, journeys, webhook targets and tests; print every problem as path:line:col: error CODE: message. Exit 1 on any error, 0 when clean (warnings do not fail)")
        {
            directory,
        };
        ParseErrors.RefuseOptions(command, directory);
        command.SetAction(result => Run(result.GetValue(directory) ?? PlaybookFiles.DefaultDirectory, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string directory, TextWriter output, TextWriter error)
    {
        var result = PlaybookFiles.Load(directory, error, out var skipped);
        if (result is null)
        {
            return 1;
        }

        DiagnosticPrinter.Print(result.Diagnostics, output);
        var set = result.Set;
        error.WriteLine($"{DiagnosticPrinter.Summary(result.Diagnostics, skipped)}: {DiagnosticPrinter.Count(set.Playbooks.Count, "playbook")}, " +
                        $"{DiagnosticPrinter.Count(set.Playbooks.Sum(p => p.Rules.Count), "rule")}, {DiagnosticPrinter.Count(set.Journeys.Count, "journey")}, " +
                        $"{DiagnosticPrinter.Count(set.Tests.Count, "test")}");
        return result.HasErrors ? 1 : 0;
    }
}
