using System.Diagnostics;

namespace Triggers.Cli;

/// <summary>
/// Progress of a long replay on stderr: a percentage line redrawn in place on a terminal, a plain line every
/// few seconds when stderr is a file or a pipe (so CI logs show the run is alive without a flood).
/// </summary>
internal sealed class Progress(TextWriter error, Stream input) : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private TimeSpan _last;
    private bool _drawn;

    public void Tick(long events)
    {
        if ((events & 0x3FFF) != 0)
        {
            return;
        }

        var now = _clock.Elapsed;
        var interval = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
        if (now - _last < interval || now < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _last = now;
        var percent = input.CanSeek && input.Length > 0 ? $"{100.0 * input.Position / input.Length,5:F1}%  " : "";
        var line = $"{percent}{events:N0} events, {events / now.TotalSeconds:N0}/s";
        if (_terminal)
        {
            error.Write($"\r{line}   ");
            _drawn = true;
        }
        else
        {
            error.WriteLine(line);
        }
    }

    public void Dispose()
    {
        if (_drawn)
        {
            error.Write("\r" + new string(' ', 60) + "\r");
        }
    }
}
