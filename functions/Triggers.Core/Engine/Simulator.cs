namespace Triggers.Core.Engine;

/// <summary>
/// Replays a history on a virtual clock through the same engine production uses. <see cref="Add"/> takes events
/// in arrival order and decides at once what is rejected, late (older than the newest event so far by more than
/// the allowed lateness) or after the end; <see cref="Finish"/> then replays the rest account by account, each
/// account's events in time order (equal times by event id) with its timers firing in between, up to the end
/// time. Accounts never influence each other, so this gives exactly the outcomes of one global time-ordered pass,
/// while each account's state stays hot in the cache and short-lived allocations die young: that is what makes
/// replaying millions of events fast. Outcomes therefore come account by account (accounts in ordinal order),
/// each account's in time order; callers that want one timeline sort them by time.
/// </summary>
public sealed class Simulator
{
    private readonly SimulationOptions _options;
    private readonly JourneyEngine _engine;
    private readonly Action<Outcome> _sink;
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _accountIndex = new(StringComparer.Ordinal);
    private readonly List<string> _accountIds = [];
    private readonly List<Entry> _entries = [];
    private readonly EventLog _log = new();
    private long _newest = long.MinValue;
    private bool _finished;

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

    /// <summary>Called just before each event is applied (after the account's timers due before it have fired).</summary>
    public Action<CloudEvent>? EventStarting { get; set; }

    /// <summary>Called after each event is applied, with the account's state as it now stands (reports, explain).</summary>
    public Action<CloudEvent, AccountState>? EventObserver { get; set; }

    /// <summary>Called once per account when all its events and timers up to the end have been replayed.</summary>
    public Action<AccountState>? AccountReplayed { get; set; }

    /// <summary>Called during <see cref="Finish"/> with (accounts replayed, accounts in all), now and then.</summary>
    public Action<int, int>? Replaying { get; set; }

    /// <summary>The engine's decision trace (for explain); off by default.</summary>
    public IEngineTrace? Trace
    {
        get => _engine.Trace;
        set => _engine.Trace = value;
    }

    /// <summary>Every account's state after <see cref="Finish"/> when <see cref="SimulationOptions.KeepStates"/> is set.</summary>
    public IReadOnlyDictionary<string, AccountState> Accounts => _accounts;

    private long Lateness => _options.AllowedLateness.Ticks;

    private long Until => _options.Until?.UtcTicks ?? long.MaxValue;

    /// <summary>
    /// Continues from a saved account state (as the cloud does per message): its pending timers fire during
    /// <see cref="Finish"/> and its events are processed after the ones it has already seen.
    /// </summary>
    public void Resume(AccountState state)
    {
        _accounts[state.AccountId] = state;
        IndexOf(state.AccountId);
    }

    /// <summary>
    /// Adds one event (CloudEvents JSON) in arrival order. <paramref name="source"/> and <paramref name="line"/> name
    /// it in a rejection (<c>events.jsonl:12</c>); the name is only built when needed.
    /// </summary>
    public void Add(ReadOnlySpan<byte> json, string source, long line = 0)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the replay has finished; start a new simulator");
        }

        Stats.Events++;
        if (!EventParser.TryReadEnvelope(json, out var e, out var error))
        {
            Rejected(source, line, error!);
            return;
        }

        if (e.TimeTicks > Until)
        {
            Stats.AfterUntil++;
            return;
        }

        if (_newest != long.MinValue && e.TimeTicks < _newest - Lateness)
        {
            Late(e);
            return;
        }

        _newest = Math.Max(_newest, e.TimeTicks);
        var (chunk, offset) = _log.Append(json);
        var id = e.IdToken.GetOffsetAndLength(json.Length);
        _entries.Add(new Entry(IndexOf(e.AccountId), e.TimeTicks, chunk, offset, json.Length, id.Offset, id.Length, _entries.Count));
    }

    /// <summary>Ends the input: replays every account's events and fires every timer due up to the end time.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        var end = _options.Until?.UtcTicks ?? _newest;
        var (order, starts) = GroupByAccount();
        for (var a = 0; a < order.Length; a++)
        {
            var account = order[a];
            var events = _sortedEntries.AsSpan(starts[account], starts[account + 1] - starts[account]);
            events.Sort(ByTimeThenId);
            var state = Account(_accountIds[account]);
            foreach (var entry in events)
            {
                Apply(state, entry);
            }

            if (end != long.MinValue)
            {
                _engine.Advance(state, end);
            }

            AccountReplayed?.Invoke(state);
            if (!_options.KeepStates)
            {
                _accounts.Remove(state.AccountId); // done: let it go, so the replay's memory stays flat
            }

            if ((a & 0xFFF) == 0xFFF)
            {
                Replaying?.Invoke(a + 1, order.Length);
            }
        }

        Stats.Accounts = _accountIds.Count;
        Stats.Timers = _engine.TimersScheduled;
    }

    private Entry[] _sortedEntries = [];

    /// <summary>Every account's entries together (a counting sort), and the accounts in ordinal order of their ids.</summary>
    private (int[] Order, int[] Starts) GroupByAccount()
    {
        var starts = new int[_accountIds.Count + 1];
        foreach (var entry in _entries)
        {
            starts[entry.Account + 1]++;
        }

        for (var i = 1; i < starts.Length; i++)
        {
            starts[i] += starts[i - 1];
        }

        _sortedEntries = new Entry[_entries.Count];
        var next = starts[..^1];
        foreach (var entry in _entries)
        {
            _sortedEntries[next[entry.Account]++] = entry;
        }

        _entries.Clear();
        var order = Enumerable.Range(0, _accountIds.Count).ToArray();
        Array.Sort(order, (x, y) => string.CompareOrdinal(_accountIds[x], _accountIds[y]));
        return (order, starts);
    }

    private int ByTimeThenId(Entry x, Entry y)
    {
        if (x.Time != y.Time)
        {
            return x.Time.CompareTo(y.Time);
        }

        var byId = IdBytes(x).SequenceCompareTo(IdBytes(y));
        return byId != 0 ? byId : x.Arrival.CompareTo(y.Arrival);
    }

    private ReadOnlySpan<byte> IdBytes(Entry entry) => _log.Read(entry.Chunk, entry.Offset + entry.IdOffset, entry.IdLength);

    private void Apply(AccountState state, Entry entry)
    {
        // Validated when added; the engine may keep the bytes (pending windows), so it gets its own copy.
        if (!EventParser.TryParse(_log.Read(entry.Chunk, entry.Offset, entry.Length).ToArray(), out var e, out _))
        {
            return;
        }

        using (e)
        {
            _engine.Advance(state, e!.TimeTicks, inclusive: false);
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
        }
    }

    private void Rejected(string source, long line, string error)
    {
        Stats.Rejected++;
        var origin = line > 0 ? $"{source}:{line}" : source;
        _sink(new Outcome
        {
            Kind = OutcomeKind.Rejected, Key = new EffectIds.Key("input", "rejected", "", origin, ""),
            Time = new DateTimeOffset(Math.Max(_newest, 0), TimeSpan.Zero), Reason = error, Because = origin,
        });
    }

    private void Late(EventParser.Envelope e)
    {
        Stats.Late++;
        _sink(new Outcome
        {
            Kind = OutcomeKind.Late, Key = new EffectIds.Key("input", "late", e.AccountId, e.Id, ""), Time = new DateTimeOffset(e.TimeTicks, TimeSpan.Zero),
            AccountId = e.AccountId, TriggerEventId = e.Id,
            Reason = $"arrived {TimeSpan.FromTicks(_newest - e.TimeTicks)} behind the newest event; allowed lateness is {_options.AllowedLateness}",
        });
    }

    private int IndexOf(string account)
    {
        if (!_accountIndex.TryGetValue(account, out var index))
        {
            _accountIndex[account] = index = _accountIds.Count;
            _accountIds.Add(account);
        }

        return index;
    }

    private AccountState Account(string id)
    {
        if (!_accounts.TryGetValue(id, out var state))
        {
            _accounts[id] = state = new AccountState(id);
        }

        return state;
    }

    /// <summary>Where one accepted event lies in the log, and what orders it: account, time, id, arrival.</summary>
    private readonly record struct Entry(int Account, long Time, int Chunk, int Offset, int Length, int IdOffset, int IdLength, int Arrival);
}
