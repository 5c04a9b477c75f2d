using System.CommandLine;
using System.CommandLine.Invocation;
using Triggers.Cli;
using Triggers.Cli.Commands;
using Triggers.Cli.Generate;

StandardStreams.Inspect(); // before anything opens a file: a closed descriptor is taken by the first one opened
QuietError.Install();
if (StandardStreams.OutputClosed)
{
    // Nothing can be written there: what the command prints goes nowhere, as into /dev/null, and the exit code still
    // says how it went. Said once, so a replay whose outcomes nobody will see is not mistaken for one that found none.
    Console.SetOut(TextWriter.Null);
    Console.Error.WriteLine("warning: standard output is closed, so what this command prints goes nowhere; redirect it to a file or to /dev/null");
}
else if (OperatingSystem.IsLinux())
{
    // The console's own writer drops what a pipe whose reader has gone cannot take: written to the descriptor itself, a
    // broken pipe ends the command with exit 141 (explain | head, a consumer that died), not 0 over output nobody got.
    Console.SetOut(new StreamWriter(StandardStreams.OpenOutput(), new System.Text.UTF8Encoding(false), 4096) { AutoFlush = true });
}

var root = new RootCommand("Triggers: journey-trigger automation for customer-success teams. " +
                           "Validate, test, simulate, explain and report on playbooks written in YAML; generate a sample history.")
{
    ValidateCommand.Create(),
    TestCommand.Create(),
    SimulateCommand.Create(),
    ExplainCommand.Create(),
    GenerateCommand.Create(),
    ReportCommand.Create(),
};
HelpText.Install(root);

try
{
    var parsed = root.Parse(args);
    return parsed.Action is ParseErrorAction
        ? ParseErrors.Report(parsed, args, Console.Error)
        : parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (IOException e) when (e.HResult == 32) // EPIPE, as .NET gives a failed write's errno
{
    // The program reading the output stopped (| head, a consumer that died): end as Unix tools do when SIGPIPE stops
    // them, quietly with 141, so a pipeline under pipefail sees it, and '--help | head' prints no complaint.
    return 141;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A file that cannot be read or written (a damaged .gz, a full disk, no permission) is the user's to fix: say
    // what and where in one line. Anything else is a bug in Triggers and keeps its stack trace.
    Console.Error.WriteLine($"triggers: {e.Message}");
    return 1;
}
