using Triggers.Core.Engine;

namespace Triggers.Cli.Tests;

public sealed class BackgroundSinkTests
{
    [Fact]
    public void Complete_EveryOutcomeConsumedInTheOrderPosted()
    {
        var seen = new List<string>();
        using var sink = new BackgroundSink(o => seen.Add(o.AccountId!));

        for (var i = 0; i < 10_000; i++)
        {
            sink.Post(Outcome(i));
        }

        sink.Complete();
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => $"acct-{i}"), seen);
    }

    [Fact]
    public void Complete_TheConsumerFailed_ReportsItInsteadOfLosingOutput()
    {
        using var sink = new BackgroundSink(o => throw new IOException("disk full"));

        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                sink.Post(Outcome(i)); // more than the queue holds: the producer must not block forever
            }

            sink.Complete();
        });
        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
    }

    private static Outcome Outcome(int i) => new() { Kind = OutcomeKind.Stage, Time = DateTimeOffset.UnixEpoch.AddMinutes(i), AccountId = $"acct-{i}" };
}
