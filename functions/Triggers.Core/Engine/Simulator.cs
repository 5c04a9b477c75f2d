namespace Triggers.Core.Engine;

/// <summary>
/// Replays events on a virtual clock through the same engine production uses. Events are reordered within the
/// allowed lateness (a watermark trails the newest event time by it), so any arrival order within that bound
/// gives the outcomes of time order; timers of every account fire in time order as the watermark passes them.
/// Equal times are ordered by event id, so the order is total and replays are bit-for-bit identical.
/// </summary>
public sealed class Simulator
{
    private readonly SimulationOptions _options;
    private readonly JourneyEngine _engine;
    private readonly Action<Outcome> _sink;
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly PriorityQueue<CloudEvent, (long Time, string Id)> _buffer = new(EventOrder.Instance);
    private readonly PriorityQueue<string, (long Due, string Account)> _timers = new(EventOrder.Instance);
    private long _newest = long.MinValue;
    private long _released = long.MinValue;

    public Simulator(CompiledPlaybooks program, SimulationOptions options, Action<Outcome> sink)
    {
        _options = options;
        _sink = sink;
        _engine = new JourneyEngine(program, outcome =>
        {
            Stats.Count(outcome);
            sink(outcome);
        })
        {
            ReportTimers = options.IncludeTimers,
        };
    }

    public SimulationStats Stats { get; } = new();

    /// <summary>Called just before each event is applied (after the timers due before it have fired).</summary>
    public Action<CloudEvent>? EventStarting { get; set; }

    /// <summary>Called after each event is applied, with the account's state as it now stands (reports, explain).</summary>
    public Action<CloudEvent, AccountState>? EventObserver { get; set; }

    /// <summary>The engine's decision trace (for explain); off by default.</summary>
    public IEngineTrace? Trace
    {
        get => _engine.Trace;
        set => _engine.Trace = value;
    }

    public IReadOnlyDictionary<string, AccountState> Accounts => _accounts;

    private long Lateness => _options.AllowedLateness.Ticks;

    private long Until => _options.Until?.UtcTicks ?? long.MaxValue;

    /// <summary>
    /// Continues from a saved account state (as the cloud does per message): its pending timers are queued and its
    /// events are processed after the ones it has already seen.
    /// </summary>
    public void Resume(AccountState state)
    {
        _accounts[state.AccountId] = state;
        state.ScheduledDue = long.MaxValue;
        Reschedule(state);
    }

    /// <summary>
    /// Adds one event (CloudEvents JSON). <paramref name="source"/> and <paramref name="line"/> name it in a
    /// rejection (<c>events.jsonl:12</c>); the name is only built when needed.
    /// </summary>
    public void Add(ReadOnlySpan<byte> json, string source, long line = 0)
    {
        Stats.Events++;
        if (!EventParser.TryParse(json.ToArray(), out var e, out var error))
        {
            Stats.Rejected++;
            var origin = line > 0 ? $"{source}:{line}" : source;
            _sink(new Outcome
            {
                Kind = OutcomeKind.Rejected, Key = new EffectIds.Key("input", "rejected", "", origin, ""),
                Time = new DateTimeOffset(Math.Max(_released, 0), TimeSpan.Zero), Reason = error, Because = origin,
            });
            return;
        }

        if (e!.TimeTicks > Until)
        {
            Stats.AfterUntil++;
            e.Dispose();
            return;
        }

        if (_newest != long.MinValue && e.TimeTicks < _newest - Lateness)
        {
            Late(e);
            return;
        }

        _newest = Math.Max(_newest, e.TimeTicks);
        _buffer.Enqueue(e, (e.TimeTicks, e.Id));
        Release(_newest - Lateness, inclusive: false);
    }

    /// <summary>Ends the input: releases every buffered event and fires every timer due up to the end time.</summary>
    public void Finish()
    {
        var end = _options.Until?.UtcTicks ?? (_newest == long.MinValue ? long.MinValue : _newest);
        Release(end, inclusive: true);
        Stats.Accounts = _accounts.Count;
        Stats.Timers = _engine.TimersScheduled;
    }

    private void Late(CloudEvent e)
    {
        Stats.Late++;
        _sink(new Outcome
        {
            Kind = OutcomeKind.Late, Key = new EffectIds.Key("input", "late", e.AccountId, e.Id, ""), Time = e.Time, AccountId = e.AccountId,
            TriggerEventId = e.Id,
            Reason = $"arrived {TimeSpan.FromTicks(_newest - e.TimeTicks)} behind the newest event; allowed lateness is {_options.AllowedLateness}",
        });
        e.Dispose();
    }

    private void Release(long watermark, bool inclusive)
    {
        while (_buffer.TryPeek(out var e, out var key) && (key.Time < watermark || (inclusive && key.Time == watermark)))
        {
            _buffer.Dequeue();
            RunTimers(e.TimeTicks, inclusive: false);
            var state = Account(e.AccountId);
            EventStarting?.Invoke(e);
            if (_engine.ProcessEvent(state, e))
            {
                Stats.Processed++;
                EventObserver?.Invoke(e, state);
            }
            else
            {
                Stats.Duplicates++;
            }

            _released = Math.Max(_released, e.TimeTicks);
            Reschedule(state);
            e.Dispose();
        }

        RunTimers(watermark, inclusive);
    }

    private void RunTimers(long limit, bool inclusive)
    {
        while (_timers.TryPeek(out var account, out var key) && (key.Due < limit || (inclusive && key.Due == limit)))
        {
            _timers.Dequeue();
            var state = _accounts[account];
            if (state.ScheduledDue != key.Due)
            {
                continue; // stale: the account's next timer moved
            }

            state.ScheduledDue = long.MaxValue;
            _engine.Advance(state, key.Due);
            Reschedule(state);
        }
    }

    private void Reschedule(AccountState state)
    {
        var next = state.NextDue;
        if (next != long.MaxValue && next != state.ScheduledDue)
        {
            state.ScheduledDue = next;
            _timers.Enqueue(state.AccountId, (next, state.AccountId));
        }
    }

    private AccountState Account(string id)
    {
        if (!_accounts.TryGetValue(id, out var state))
        {
            _accounts[id] = state = new AccountState(id);
        }

        return state;
    }

    private sealed class EventOrder : IComparer<(long, string)>
    {
        public static readonly EventOrder Instance = new();

        public int Compare((long, string) x, (long, string) y) =>
            x.Item1 != y.Item1 ? x.Item1.CompareTo(y.Item1) : string.CompareOrdinal(x.Item2, y.Item2);
    }
}
