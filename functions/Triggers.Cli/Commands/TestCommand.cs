using System.CommandLine;
using Triggers.Core.Explaining;
using Triggers.Core.Testing;

namespace Triggers.Cli.Commands;

/// <summary>
/// <c>triggers test [DIR]</c>: runs every <c>*.test.yaml</c>; ends with <c>N passed, N failed</c>. Given one test file
/// instead of a directory, it loads the file's directory and runs only that file's tests (while writing one). A test
/// file with errors, or with no test in it, counts as failed without stopping the others; errors in the playbooks stop
/// them all; finding no test at all fails the run. Warnings are printed too.
/// </summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR")
        {
            Description = $"The playbook directory holding *.test.yaml files (default: {PlaybookFiles.DefaultDescription}), or one *.test.yaml file to run alone",
            Arity = ArgumentArity.ZeroOrOne, // no default value factory: help would print the one it finds where help runs
        };
        var command = new Command("test", "Run the playbook tests (*.test.yaml) and show expected against actual for each failure; ends with 'N passed, N failed'. Exit 1 on any failure, or when there is no test to run") { directory };
        ParseErrors.RefuseOptions(command, directory);
        command.SetAction(result => Run(result.GetValue(directory) ?? PlaybookFiles.DefaultDirectory, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string directory, TextWriter output, TextWriter error)
    {
        string? only = null;
        if (File.Exists(directory) && !directory.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !directory.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            // Not "no playbook files under '.'", which is about a directory the user never named.
            error.WriteLine($"triggers: '{directory}' is not a test file; test takes the playbook directory or one *.test.yaml file");
            return 1;
        }

        if (File.Exists(directory))
        {
            // One test of the playbook directory: the directory a plain run would load (./playbooks, else the current
            // one) when the file lies in it, so a test in a subfolder sees the same playbooks as it does in a run of
            // all tests; else the file's own folder.
            only = Path.GetFullPath(directory);
            var root = Path.GetFullPath(PlaybookFiles.DefaultDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            directory = only.StartsWith(root, StringComparison.Ordinal) ? PlaybookFiles.DefaultDirectory
                : Path.GetDirectoryName(directory) is { Length: > 0 } parent ? parent : ".";
        }

        var result = PlaybookFiles.Load(directory, error);
        if (result is null)
        {
            // Nothing to load (no such folder, no YAML in it): still the count line a CI job reads, as with no tests.
            output.WriteLine("0 passed, 0 failed");
            return 1;
        }

        // The test files this run is about (a sibling's errors are no concern of a run given one file), and which of
        // them have errors: those count as failed, and every other test still runs.
        var files = result.TestFiles.Where(f => only is null || Path.GetFullPath(f) == only).ToList();
        var broken = files.Where(f => result.DiagnosticsOf(f).Any(d => d.IsError)).ToHashSet();

        // Every diagnostic of the playbooks and of these test files, warnings included: a warning (an event type nothing
        // produces, a stage no journey defines, an emptied file) is often why a test does not do what its author meant.
        DiagnosticPrinter.Print(result.Diagnostics.Where(d => !result.TestFiles.Contains(d.Location.File) || files.Contains(d.Location.File)), output);
        if (result.PlaybooksHaveErrors)
        {
            // No test can run without the playbooks: each counts as failed, so the summary still says how many.
            error.WriteLine($"tests not run: the playbooks have errors (above), so all {DiagnosticPrinter.Count(files.Count, "test")} count as failed");
            output.WriteLine($"0 passed, {files.Count} failed");
            return 1;
        }

        int passed = 0, failed = 0;
        foreach (var file in files)
        {
            if (broken.Contains(file))
            {
                failed++;
                var errors = result.DiagnosticsOf(file).Count(d => d.IsError);
                Line($"FAIL {file}: not run: the file has {DiagnosticPrinter.Count(errors, "error")} (above)");
                continue;
            }

            var tests = result.Set.Tests.Where(t => t.Location.File == file).ToList();
            if (tests.Count == 0)
            {
                // An emptied or commented-out test file tests nothing: a CI run must not pass on it.
                failed++;
                Line($"FAIL {file}: not run: the file holds no test");
                continue;
            }

            foreach (var test in tests)
            {
                var outcome = PlaybookTestRunner.Run(result.Set, test);
                if (outcome.Passed)
                {
                    passed++;
                    Line($"PASS {test.Location.File}: {test.Name}");
                    if (outcome.Warning is { } warning)
                    {
                        Line($"    {warning}");
                    }

                    continue;
                }

                failed++;
                Line($"FAIL {test.Location}: {test.Name}");
                foreach (var line in outcome.Report.Append(outcome.Warning).OfType<string>())
                {
                    Line($"    {line}");
                }
            }
        }

        // Nothing to run is a failure: a CI job pointed at the wrong folder (the repository root, a journeys folder) must
        // not pass having tested nothing. The count line still ends the output, as scripts read it.
        if (passed + failed == 0)
        {
            error.WriteLine(only is null
                ? $"triggers: no test files found under '{directory}': test files are named *.test.yaml (e.g. invite.fires.test.yaml beside invite.yaml)"
                : $"triggers: no tests in '{only}' (a test file is named *.test.yaml and starts with 'test:')");
        }

        output.WriteLine($"{passed} passed, {failed} failed");
        return failed > 0 || passed == 0 ? 1 : 0;

        // Test names, file names and the values a failure quotes come from the files: written raw, an ESC or a
        // bidirectional override in them would drive the terminal or hide what differs.
        void Line(string text) => output.WriteLine(LineText.Escape(text));
    }
}
