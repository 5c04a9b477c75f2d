namespace Triggers.Cli;

/// <summary>
/// Which of standard input, output and error the command was started without (<c>&lt;&amp;-</c>, <c>&gt;&amp;-</c>, a
/// service that gives none). A closed descriptor does not stay empty: the runtime's own pipes and files take the lowest
/// free numbers, and the JIT host opens a pipe of its own there before any of our code runs, so reading standard input
/// waited for ever on that pipe and writing standard output failed with "Access to the path is denied". What was handed
/// over by a shell or another program cannot be close-on-exec (the exec would have closed it); what the runtime opens
/// is. Linux only (elsewhere nothing is closed, as before).
/// </summary>
internal static class StandardStreams
{
    /// <summary>Whether standard output was closed, read once before the command opens anything.</summary>
    public static bool OutputClosed { get; private set; }

    /// <summary>Reads what must be read before any file is opened (called first thing in Main).</summary>
    public static void Inspect() => OutputClosed = Closed(1);

    /// <summary>
    /// Whether descriptor <paramref name="fd"/> (0, 1 or 2) was not handed to this process: it is absent, or open
    /// close-on-exec (the runtime's own).
    /// </summary>
    public static bool Closed(int fd)
    {
        const long CloseOnExec = 0x80000; // O_CLOEXEC as /proc/self/fdinfo shows it (octal 02000000)
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd"))
        {
            return false;
        }

        try
        {
            if (new FileInfo($"/proc/self/fd/{fd}").LinkTarget is null)
            {
                return true;
            }

            var flags = File.ReadLines($"/proc/self/fdinfo/{fd}").FirstOrDefault(l => l.StartsWith("flags:", StringComparison.Ordinal));
            return flags is not null && (Convert.ToInt64(flags["flags:".Length..].Trim(), 8) & CloseOnExec) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // a descriptor that closed while it was looked at, or no /proc: read as before
        }
    }

    /// <summary>
    /// Standard output as a stream, or one that swallows everything when it was closed (nothing to write to). On Linux
    /// it is the descriptor itself, not the console's stream, which drops what it cannot write to a pipe whose reader
    /// has gone: a back-test piped into a program that died half way must not end with exit 0 and a normal summary.
    /// </summary>
    public static Stream OpenOutput() =>
        OutputClosed ? Stream.Null
        : OperatingSystem.IsLinux() ? new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0)
        : Console.OpenStandardOutput();
}
