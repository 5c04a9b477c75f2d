using System.Text;

namespace Triggers.Cli;

/// <summary>
/// Standard error that cannot fail the command. A script or service that starts <c>triggers</c> with stderr closed
/// (<c>2&gt;&amp;-</c>) made every summary line throw, and the one-line report of that throw threw again, so a
/// replay whose output was complete ended in an unhandled exception and SIGABRT (exit 134). Diagnostics nobody can
/// read are dropped; the exit code still says how the command went.
/// </summary>
internal sealed class QuietError(TextWriter inner) : TextWriter
{
    private bool _closed;

    public override Encoding Encoding => inner.Encoding;

    public static void Install() => Console.SetError(new QuietError(OpenError()));

    /// <summary>
    /// The process's standard error, or a writer to nowhere when it has none: with descriptor 2 closed the native
    /// build's runtime holds no pipe of its own there (the JIT host does), so even asking for <see cref="Console.Error"/> throws.
    /// </summary>
    private static TextWriter OpenError()
    {
        try
        {
            return Console.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TextWriter.Null;
        }
    }

    public override void Write(char value) => Try(() => inner.Write(value));

    public override void Write(string? value) => Try(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Try(() => inner.Write(buffer, index, count));

    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

    public override void Flush() => Try(inner.Flush);

    private void Try(Action write)
    {
        if (_closed)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _closed = true;
        }
    }
}
