namespace Triggers.Cli.Generate;

/// <summary>
/// Merges every account's life into one stream in time order without holding the history: a priority queue holds
/// each account's next wake-up and the events already told but not yet due (a week or so of them). Equal times
/// keep a fixed order (account, then the order they were told in), so the same options give the same stream.
/// </summary>
internal sealed class HistoryGenerator(GenerateOptions options, double intensity)
{
    private readonly PriorityQueue<GeneratedEvent?, Slot> _queue = new();
    private long _told;

    /// <summary>Hands every event to <paramref name="write"/> in time order; returns how many there were.</summary>
    public long Run(Action<GeneratedEvent> write)
    {
        var accounts = new AccountLife?[options.Accounts];
        for (var i = 0; i < accounts.Length; i++)
        {
            var persona = Persona.All[i % Persona.All.Length];
            var life = accounts[i] = new AccountLife(i, persona, i / Persona.All.Length, options, intensity, Tell);
            _queue.Enqueue(null, new Slot(life.NextWake, i, _told++));
        }

        long count = 0;
        while (_queue.TryDequeue(out var e, out var slot))
        {
            if (e is not null)
            {
                write(e);
                count++;
                continue;
            }

            var life = accounts[slot.Account]!;
            life.Wake();
            if (life.NextWake == long.MaxValue)
            {
                accounts[slot.Account] = null; // its story is told: let it go
            }
            else
            {
                _queue.Enqueue(null, new Slot(life.NextWake, slot.Account, _told++));
            }
        }

        return count;
    }

    // An account only tells events at or after its own wake-up, so nothing enqueued sorts before what was dequeued.
    private void Tell(GeneratedEvent e) => _queue.Enqueue(e, new Slot(e.Time, e.Account, _told++));

    /// <summary>A place in the merged stream: time, then account, then the order of telling. Null events are wake-ups.</summary>
    private readonly record struct Slot(long Time, int Account, long Order) : IComparable<Slot>
    {
        public int CompareTo(Slot other) =>
            Time != other.Time ? Time.CompareTo(other.Time) : Account != other.Account ? Account.CompareTo(other.Account) : Order.CompareTo(other.Order);
    }
}
