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

    public static void Install() => Console.SetError(new QuietError(Console.Error));

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
