namespace Triggers.Core.Engine;

/// <summary>
/// Replays a history on a virtual clock through the same engine production uses. <see cref="Add"/> takes events
/// in arrival order and decides at once what is rejected, after the end, or arrived late (older than the newest event of its account
/// so far by more than the allowed lateness); <see cref="Finish"/> then replays the rest account by account, each
/// account's events in time order (equal times by event id) with its timers firing in between, up to the end
/// time. A late arrival takes its place there too, where the account's remembered ids tell a redelivered copy (a
/// duplicate) from a late event, which is reported and not evaluated. Accounts influence each other only through
/// unsubscribed and bounced addresses, which are gathered into a <see cref="RecipientTimeline"/> before any account is
/// replayed, so this gives exactly the outcomes of one global time-ordered pass, while each account's state stays hot in the cache and
/// short-lived allocations die young: that is what makes replaying millions of events fast. Outcomes therefore come
/// account by account (accounts in ordinal order), each account's in time order, after the rejected ones, which are
/// reported as they arrive; callers that want one timeline sort them by time.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "the reused event is disposed after each use in Apply and holds nothing between calls")]
public sealed partial class Simulator
{
    private readonly SimulationOptions _options;
    private readonly JourneyEngine _engine;
    private readonly Action<Outcome> _sink;
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly Utf8Index _accountIndex = new();
    private readonly List<string> _accountIds = [];
    private readonly List<bool>? _replayed; // per account number, when only some accounts are replayed (a part, or explain's one)
    private readonly ChunkedList<Entry> _entries = new();
    private int[] _order = []; // entry numbers in replay order, once Finish has grouped them (see GroupByAccount)
    private readonly List<string> _types = [];
    private readonly Dictionary<string, int> _typesByText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _typesByReference = new(ReferenceEqualityComparer.Instance);
    private readonly EventLog _log = new();
    private readonly Comparison<Entry> _byTimeThenId;
    private readonly HashSet<AccountState> _resumed = [];
    private readonly CloudEvent _event = new();
    private readonly Batch _batch;
    private AccountState? _spare;
    private List<(string Source, long Line, string Error, string? Account)>? _untimed;
    private Dictionary<int, LateArrival>? _late; // by entry number: the entries of events that arrived late (rare)
    private readonly HashSet<ulong> _lateIds = []; // the ids of the account being replayed reported late, so a second late copy is a duplicate
    private long _newest = long.MinValue; // the newest time of a well-formed event that was not late, after --until or not: where the replay ends
    private readonly List<long> _watermarks = []; // per account number: its newest time, as _newest is for all (lateness is per account)
    private Utf8Index? _laterAccounts; // accounts seen only after --until so far, with their watermarks below
    private readonly List<long> _laterWatermarks = [];
    private long _newestElsewhere = long.MinValue; // the newest time read on a rejected line
    private bool _finished;

    public Simulator(CompiledPlaybooks program, SimulationOptions options, Action<Outcome> sink)
    {
        _byTimeThenId = ByTimeThenId;
        _batch = new Batch(_log);
        _options = options;
        Recipients = options.Recipients ?? new RecipientTimeline();
        _replayed = options.OnlyAccount is not null || options.Part is not null ? [] : null;
        _sink = sink;
        _engine = new JourneyEngine(program, outcome =>
        {
            Stats.Count(outcome);
            sink(outcome);
        })
        {
            ReportTimers = options.IncludeTimers,
            Recipients = Recipients,
        };
    }

    /// <summary>Every unsubscribe and bounce read so far, in any account (carry it into a replay that continues this one).</summary>
    public RecipientTimeline Recipients { get; }

    public SimulationStats Stats { get; } = new();

    /// <summary>
    /// Called just before each event is applied (after the account's timers due before it have fired). The event
    /// is only valid during the call: the simulator reuses the object for the next one.
    /// </summary>
    public Action<CloudEvent>? EventStarting { get; set; }

    /// <summary>
    /// Called after each event is applied, with the account's state as it now stands (reports, explain). Both are
    /// only valid during the call unless <see cref="SimulationOptions.KeepStates"/> is set: objects are reused.
    /// </summary>
    public Action<CloudEvent, AccountState>? EventObserver { get; set; }

    /// <summary>
    /// Called instead of <see cref="EventObserver"/> when the engine ignored the event as a duplicate (an id its account
    /// saw recently), so explain can say so: only the engine knows which ids it still remembers.
    /// </summary>
    public Action<CloudEvent>? DuplicateIgnored { get; set; }

    /// <summary>
    /// Called once per account when all its events and timers up to the end have been replayed. Unless
    /// <see cref="SimulationOptions.KeepStates"/> is set, the state is reused for the next account after the call.
    /// </summary>
    public Action<AccountState>? AccountReplayed { get; set; }

    /// <summary>
    /// Called as each part of <see cref="Finish"/> starts, with its name: <c>grouping</c> (the accounts and their
    /// entries into replay order), then for each batch <c>copying</c> (its events side by side) and <c>replaying</c>.
    /// For a caller that times them: the simulator itself never reads a clock.
    /// </summary>
    public Action<string>? PhaseStarting { get; set; }

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

    /// <summary>About what share of the history this replay keeps in memory: all of it, one part's, or none to speak of (one account's).</summary>
    public double KeptShare => _options.OnlyAccount is not null ? 0 : 1.0 / (_options.Part?.Count ?? 1);

    /// <summary>Every account id read so far, in the order first seen (for "did you mean" on an id given by hand).</summary>
    internal IReadOnlyList<string> AccountIds => _accountIds;

    private long Lateness => _options.AllowedLateness.Ticks;

    private long Until => _options.Until?.UtcTicks ?? long.MaxValue;

    /// <summary>
    /// Continues from a saved account state (as the cloud does per message): its pending timers fire during
    /// <see cref="Finish"/> and its events are processed after the ones it has already seen.
    /// </summary>
    public void Resume(AccountState state)
    {
        _accounts[state.AccountId] = state;
        _resumed.Add(state); // the caller's object: never recycled for another account
        var account = IndexOf(state.AccountId);

        // The account's clock goes on where the saved state left it: an event further behind it than the allowed
        // lateness is late, as it would have been in one pass over both parts of the history.
        if (state.Clock != long.MinValue)
        {
            _watermarks[account] = Math.Max(_watermarks[account], state.Clock);
        }
    }

    /// <summary>Ends the input: replays every account's events and fires every timer due up to the end time.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_untimed is not null)
        {
            ReportUntimed();
        }

        var end = _options.Until?.UtcTicks ?? _newest;
        PhaseStarting?.Invoke("grouping");
        var (order, starts, rank) = GroupByAccount();
        ShareRecipients(starts, rank);
        // Gathered copies live only while their batch is replayed: a state kept afterwards (kept states, or a resumed
        // one, which is the caller's) could hold a window's trigger bytes, so those replays read the log itself.
        var gather = !_options.KeepStates && _resumed.Count == 0;
        for (var a = 0; a < order.Length;)
        {
            var first = a++;
            while (a < order.Length && starts[a + 1] - starts[first] <= Batch.Size)
            {
                a++;
            }

            PhaseStarting?.Invoke("copying");
            var batch = _batch.Collect(_entries, _order, starts[first], starts[a]);
            for (var i = first; i < a; i++)
            {
                var events = batch.Slice(starts[i] - starts[first], starts[i + 1] - starts[i]);
                if (!InOrder(events))
                {
                    events.Sort(_byTimeThenId);
                }
            }

            if (gather)
            {
                _batch.Gather(batch);
            }

            PhaseStarting?.Invoke("replaying");
            for (var i = first; i < a; i++)
            {
                Replay(order[i], batch.Slice(starts[i] - starts[first], starts[i + 1] - starts[i]), end);
                if ((i & 0xFFF) == 0xFFF)
                {
                    Replaying?.Invoke(i + 1, order.Length);
                }
            }
        }

        _entries.Clear();
        _order = [];
        _late = null;
        Stats.Accounts = _options.Part is null ? _accountIds.Count : order.Length;
        Stats.Timers = _engine.TimersScheduled;
        (Stats.QuietHoursWithoutZone, Stats.QuietHoursWithUnknownZone, Stats.UnknownTimeZones) =
            (_engine.QuietHoursWithoutZone, _engine.QuietHoursWithUnknownZone, _engine.UnknownTimeZones);
        (Stats.SchedulesWithoutDate, Stats.NotDates) = (_engine.SchedulesWithoutDate, _engine.NotDates);
        Stats.LookalikeTypes = _engine.LookalikeTypes;
        Stats.TraitsNotKept = _engine.TraitsNotKept;
    }

    /// <summary>
    /// Replays one account's events (in replay order) and its timers up to the end. A method of its own so the runtime
    /// optimises it like any hot method: compiled inside <see cref="Finish"/>'s one long loop, it only ever ran as
    /// on-stack-replaced code.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Replay(int account, ReadOnlySpan<Entry> events, long end)
    {
        var state = Account(_accountIds[account]);
        if (_lateIds.Count > 0)
        {
            _lateIds.Clear();
        }

        foreach (ref readonly var entry in events)
        {
            Apply(state, in entry);
        }

        if (end != long.MinValue)
        {
            _engine.Advance(state, end);
        }

        AccountReplayed?.Invoke(state);
        if (!_options.KeepStates)
        {
            // Done: the next account gets this state's tables, so the replay's memory stays flat and warm.
            if (_accounts.Count > 0)
            {
                _accounts.Remove(state.AccountId);
            }

            _spare = _resumed.Contains(state) ? null : state;
        }
    }

    /// <summary>
    /// The accounts to replay in ordinal order of their ids, and the replay order of every entry (<see cref="_order"/>,
    /// by a counting sort): the <c>r</c>th account's entries are then those <c>_order[Starts[r]..Starts[r + 1]]</c>
    /// numbers, in arrival order. The entries themselves stay where they arrived: a batch gathers its entries by these
    /// numbers, whose reads are known in advance and so wait on memory together, where moving the entries into place
    /// followed the permutation's cycles, one read waiting on the one before. <c>Rank</c> is each account number's
    /// place in the order (the order's length for an account not replayed).
    /// </summary>
    private (int[] Order, int[] Starts, int[] Rank) GroupByAccount()
    {
        int[] order;
        if (_options.OnlyAccount is { } only)
        {
            var index = _accountIds.IndexOf(only);
            order = index < 0 ? [] : [index];
        }
        else
        {
            order = Enumerable.Range(0, _accountIds.Count).Where(a => _replayed is null || _replayed[a]).ToArray();
            Array.Sort(order.Select(a => _accountIds[a]).ToArray(), order, StringComparer.Ordinal); // ids sorted with their numbers alongside
        }

        // Ranks, with accounts not replayed (none have entries today) last, after every replayed one.
        var rank = new int[_accountIds.Count];
        Array.Fill(rank, order.Length);
        for (var r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r;
        }

        var starts = new int[order.Length + 2];
        for (var i = 0; i < _entries.Count; i++)
        {
            starts[rank[_entries[i].Account] + 1]++;
        }

        for (var r = 1; r < starts.Length; r++)
        {
            starts[r] += starts[r - 1];
        }

        _order = GC.AllocateUninitializedArray<int>(_entries.Count);
        var next = starts[..^1];
        for (var i = 0; i < _entries.Count; i++)
        {
            _order[next[rank[_entries[i].Account]]++] = i;
        }

        return (order, starts[..^1], rank);
    }

    /// <summary>Whether an account's events already arrived in replay order (the norm for an exported history): no sort then.</summary>
    private bool InOrder(ReadOnlySpan<Entry> events)
    {
        for (var i = 1; i < events.Length; i++)
        {
            if (events[i - 1].TimeTicks >= events[i].TimeTicks && ByTimeThenId(events[i - 1], events[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private int ByTimeThenId(Entry x, Entry y)
    {
        if (x.TimeTicks != y.TimeTicks)
        {
            return x.TimeTicks.CompareTo(y.TimeTicks);
        }

        var byId = Bytes(in x)[x.Id].SequenceCompareTo(Bytes(in y)[y.Id]);
        return byId != 0 ? byId : x.Number.CompareTo(y.Number); // then arrival
    }

    private ReadOnlySpan<byte> Bytes(in Entry entry) => _log.Read(entry.Chunk, entry.Offset, entry.Length);

    private void Apply(AccountState state, in Entry entry)
    {
        // Checked when added: the event is built from the envelope read then, over the bytes in the log (which the
        // engine may keep for pending windows; nothing writes to them).
        // One event object for the whole replay: nothing keeps it past this call (pending windows keep raw bytes).
        using (var e = _event.Reset(entry.Chunk < 0 ? _batch.Memory(entry.Offset, entry.Length) : _log.Memory(entry.Chunk, entry.Offset, entry.Length),
                   entry.Envelope(_types), state.AccountId))
        {
            _engine.Advance(state, e.TimeTicks, inclusive: false);
            if (entry.IsLate)
            {
                ArrivedLate(state, e, entry.Number);
                return;
            }

            EventStarting?.Invoke(e);
            if (_engine.ProcessEvent(state, e))
            {
                Stats.Processed++;
                EventObserver?.Invoke(e, state);
            }
            else
            {
                Stats.Duplicates++;
                DuplicateIgnored?.Invoke(e);
            }
        }
    }

    /// <summary>
    /// An event that arrived later than the allowed lateness, at its place in its account's replay. A copy of an event
    /// the account has seen (redelivered, however late: it carries the original's time and id, so it comes right after
    /// it) is a duplicate like any other, and so is a second late copy of a late event. Anything else is late: reported
    /// where it was read, not evaluated, and its id is not remembered, so it changes nothing.
    /// </summary>
    private void ArrivedLate(AccountState state, CloudEvent e, int number)
    {
        if (state.Seen.Contains(e.IdHash) || !_lateIds.Add(e.IdHash))
        {
            Stats.Duplicates++;
            EventStarting?.Invoke(e);
            DuplicateIgnored?.Invoke(e);
            return;
        }

        var (origin, behind) = _late![number];
        Stats.Late++;
        _sink(new Outcome
        {
            Kind = OutcomeKind.Late, Key = new EffectIds.Key("input", "late", e.Id, ""), Time = new DateTimeOffset(e.TimeTicks, TimeSpan.Zero),
            AccountId = state.AccountId, TriggerEventId = e.Id, Because = origin,
            Reason = $"arrived {Model.DurationParser.Describe(TimeSpan.FromTicks(behind))} behind the newest event of its account; allowed lateness is {Model.DurationParser.Describe(_options.AllowedLateness)}",
        });
    }

    /// <summary>Where a late event was read (<c>events.jsonl:12</c>) and how far behind its account's newest event it was then.</summary>
    private readonly record struct LateArrival(string Origin, long Behind);

    /// <summary>
    /// The account's state: a resumed one, else the spare one made over for it, else a new one. Only kept states (and
    /// resumed ones) are listed in <see cref="Accounts"/>: a replay that lets each state go after its account looks up
    /// and hashes no id (each would be the first touch of an id string made long before).
    /// </summary>
    private AccountState Account(string id)
    {
        if (_accounts.Count > 0 && _accounts.TryGetValue(id, out var state))
        {
            return state;
        }

        if (_spare is { } spare)
        {
            spare.Reset(id);
            (state, _spare) = (spare, null);
        }
        else
        {
            state = new AccountState(id);
        }

        if (_options.KeepStates)
        {
            _accounts[id] = state;
        }

        return state;
    }

}
