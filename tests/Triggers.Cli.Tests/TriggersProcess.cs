using System.Diagnostics;

namespace Triggers.Cli.Tests;

/// <summary>
/// Runs the real <c>triggers</c> program as a user would, capturing exit code, stdout and stderr: the build beside the
/// tests (<c>dotnet triggers.dll</c>), or the native executable named by <c>TRIGGERS_EXECUTABLE</c>, so the same tests
/// hold the ahead-of-time build to the same behaviour (scripts/test.sh runs them both ways).
/// </summary>
internal static class TriggersProcess
{
    /// <summary>The native executable under test, when one is named.</summary>
    public static string? Native => Environment.GetEnvironmentVariable("TRIGGERS_EXECUTABLE") is { Length: > 0 } path ? path : null;

    /// <summary>The program as a shell command line would start it (single-quoted paths).</summary>
    public static string ShellCommand => Native is { } native ? $"'{native}'" : $"dotnet '{Path.Combine(AppContext.BaseDirectory, "triggers.dll")}'";

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(string workingDirectory, params string[] args) => Run(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (a machine's time zone, say).</summary>
    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(workingDirectory, environment, null, args);

    /// <summary>Runs with <paramref name="input"/> as standard input (then closed), as <c>--events -</c> reads it.</summary>
    public static Result RunWithInput(string workingDirectory, byte[] input, params string[] args) =>
        Run(workingDirectory, new Dictionary<string, string>(), input, args);

    private static Result Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, byte[]? input, string[] args)
    {
        var start = new ProcessStartInfo(Native ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (Native is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "triggers.dll"));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            try
            {
                process.StandardInput.BaseStream.Write(input);
            }
            catch (IOException)
            {
                // The program stopped reading (it refused the input): what it said is the result.
            }

            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("triggers " + string.Join(' ', args));
        }

        return new Result(process.ExitCode, output.Result.Replace("\r", "", StringComparison.Ordinal), error.Result);
    }
}
