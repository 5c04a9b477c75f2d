namespace Triggers.Core.Engine;

/// <summary>
/// Replays a history on a virtual clock through the same engine production uses. <see cref="Add"/> takes events
/// in arrival order and decides at once what is rejected, late (older than the newest event so far by more than
/// the allowed lateness) or after the end; <see cref="Finish"/> then replays the rest account by account, each
/// account's events in time order (equal times by event id) with its timers firing in between, up to the end
/// time. Accounts never influence each other, so this gives exactly the outcomes of one global time-ordered pass,
/// while each account's state stays hot in the cache and short-lived allocations die young: that is what makes
/// replaying millions of events fast. Outcomes therefore come account by account (accounts in ordinal order),
/// each account's in time order, after the rejected and late ones, which are reported as they arrive; callers that
/// want one timeline sort them by time.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "the reused event is disposed after each use in Apply and holds nothing between calls")]
public sealed class Simulator
{
    private readonly SimulationOptions _options;
    private readonly JourneyEngine _engine;
    private readonly Action<Outcome> _sink;
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly Utf8Index _accountIndex = new();
    private readonly List<string> _accountIds = [];
    private readonly List<bool>? _replayed; // per account number, when only some accounts are replayed (a part, or explain's one)
    private readonly ChunkedList<Entry> _entries = new();
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
    private long _newest = long.MinValue;
    private long _newestElsewhere = long.MinValue; // the newest time read on a line not replayed: rejected, or after --until
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
        IndexOf(state.AccountId);
    }

    /// <summary>
    /// Adds one event (CloudEvents JSON) in arrival order; the simulator keeps a copy of accepted events until
    /// <see cref="Finish"/>. <paramref name="source"/> and <paramref name="line"/> name it in a rejection
    /// (<c>events.jsonl:12</c>); the name is only built when needed.
    /// </summary>
    public void Add(ReadOnlySpan<byte> json, string source, long line = 0)
    {
        if (Check(json, source, line) is { } e && Replayed(json, e) is { } account)
        {
            Accept(account, json.Length, e, _log.Append(json));
        }
    }

    /// <summary>
    /// Adds one event as <see cref="Add(ReadOnlySpan{byte}, string, long)"/> does, but keeps the caller's bytes
    /// rather than a copy: for callers that hold the whole history in large arrays anyway (a file read in blocks, or mapped)
    /// and will not change them until <see cref="Finish"/> has returned. A replay of some accounts only
    /// (<see cref="SimulationOptions.Part"/>, <see cref="SimulationOptions.OnlyAccount"/>) copies the events it keeps.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddShared(ReadOnlyMemory<byte> json, string source, long line = 0) =>
        AddShared(json, EventParser.ReadAhead(json.Span), source, line);

    /// <summary>
    /// Adds one event as <see cref="AddShared(ReadOnlyMemory{byte}, string, long)"/> does, with its envelope already
    /// read (<see cref="EventParser.ReadAhead"/>, by the thread that reads the file): the same outcome, without
    /// parsing on the replay's thread.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void AddShared(ReadOnlyMemory<byte> json, in EventParser.ReadEnvelope read, string source, long line)
    {
        if (Check(json.Span, read, source, line) is { } e && Replayed(json.Span, e) is { } account)
        {
            // A replay of some accounts copies their events, so the caller's blocks, mostly other accounts' events, can go.
            var at = _replayed is null ? _log.Adopt(json) : _log.Append(json.Span);
            Accept(account, json.Length, e, at);
        }
    }

    private EventParser.Envelope? Check(ReadOnlySpan<byte> json, string source, long line) =>
        Check(json, EventParser.ReadAhead(json), source, line);

    /// <summary>Decides, from the envelope and in arrival order, whether the event is replayed at all.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private EventParser.Envelope? Check(ReadOnlySpan<byte> json, in EventParser.ReadEnvelope read, string source, long line)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the replay has finished; start a new simulator");
        }

        Stats.Events++;
        if (read.Error is { } error)
        {
            var time = read.Envelope.TimeTicks;
            var account = read.Envelope.Account.End.Value == 0 ? null : EventParser.Text(json[read.Envelope.Account]);
            // A line that names its account is reported by that account's part; one with no account to go by, by part 1.
            if (_options.Part is { } part && (account is null ? part.Index > 1 : !part.Holds(account)))
            {
                Stats.OtherAccounts++;
                return null;
            }

            if (time > 0)
            {
                TimeRead(time);
                Rejected(source, line, error, time, account);
            }
            else if (NewestRead == long.MinValue)
            {
                (_untimed ??= []).Add((source, line, error, account)); // no time read yet: reported at the first one read
            }
            else
            {
                Rejected(source, line, error, NewestRead, account);
            }

            return null;
        }

        var e = read.Envelope;

        if (e.TimeTicks > Until)
        {
            Stats.AfterUntil++;
            TimeRead(e.TimeTicks);
            return null;
        }

        if (_newest != long.MinValue && e.TimeTicks < _newest - Lateness)
        {
            Late(json, e, source, line);
            return null;
        }

        _newest = Math.Max(_newest, e.TimeTicks);
        if (_untimed is not null)
        {
            ReportUntimed();
        }

        if (e.Type is "email.unsubscribed" or "email.bounced")
        {
            RecordRecipient(json[e.Data], e);
        }

        return e;
    }

    /// <summary>Records an unsubscribe or bounce for every account before any is replayed (see <see cref="RecipientTimeline"/>).</summary>
    private void RecordRecipient(ReadOnlySpan<byte> data, in EventParser.Envelope e)
    {
        if (JourneyEngine.SuppressedAddress(data) is { } address)
        {
            Recipients.Add(address, e.TimeTicks, bounced: e.Type == "email.bounced");
        }
    }

    /// <summary>The newest time read on any line so far (an accepted event's, a rejected one's, one after --until), or MinValue.</summary>
    private long NewestRead => Math.Max(_newest, _newestElsewhere);

    /// <summary>Notes the time of a line that is not replayed, and reports the malformed lines that waited for a time.</summary>
    private void TimeRead(long time)
    {
        _newestElsewhere = Math.Max(_newestElsewhere, time);
        if (_untimed is not null)
        {
            ReportUntimed();
        }
    }

    /// <summary>
    /// Reports the malformed lines read before any line had a time, at the first time read after them; when no line of
    /// the history has one, at 0001-01-01T00:00:00Z, the earliest time there is, so they lead the timeline.
    /// </summary>
    private void ReportUntimed()
    {
        var untimed = _untimed!;
        _untimed = null;
        foreach (var (source, line, error, account) in untimed)
        {
            Rejected(source, line, error, Math.Max(NewestRead, 0), account);
        }
    }

    private void Accept(int account, int length, in EventParser.Envelope e, (int Chunk, int Offset) at) =>
        _entries.Add(new Entry(account, _entries.Count, at.Chunk, at.Offset, length, TypeNumber(e.Type), e.TimeTicks, e.Id, e.Account, e.Source, e.User, e.Subject, e.Data));

    /// <summary>
    /// The event type's number in this replay. Types come from the parser's interner, one string per type, so they are
    /// found by reference (a type read some other way, or past the interner's cap, by text and not remembered so).
    /// </summary>
    private int TypeNumber(string type)
    {
        if (_typesByReference.TryGetValue(type, out var number))
        {
            return number;
        }

        if (!_typesByText.TryGetValue(type, out number))
        {
            _typesByText[type] = number = _types.Count;
            _types.Add(type);
        }

        if (ReferenceEquals(string.IsInterned(type), type) && _typesByReference.Count < 1024)
        {
            _typesByReference[type] = number;
        }

        return number;
    }

    /// <summary>The event's account number, or null when this replay leaves the account to another (then nothing of the event is kept).</summary>
    private int? Replayed(ReadOnlySpan<byte> json, in EventParser.Envelope e)
    {
        var account = IndexOf(json[e.Account]);
        if (_replayed is null || _replayed[account])
        {
            return account;
        }

        Stats.OtherAccounts++;
        return null;
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
        var (order, starts) = GroupByAccount();
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
            var batch = _batch.Collect(_entries, starts[first], starts[a]);
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
        Stats.Accounts = _options.Part is null ? _accountIds.Count : order.Length;
        Stats.Timers = _engine.TimersScheduled;
        (Stats.QuietHoursWithoutZone, Stats.QuietHoursWithUnknownZone, Stats.UnknownTimeZones) =
            (_engine.QuietHoursWithoutZone, _engine.QuietHoursWithUnknownZone, _engine.UnknownTimeZones);
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
    /// The accounts to replay in ordinal order of their ids, and every entry moved into that order, in place: the
    /// <c>r</c>th account's entries are then <c>Starts[r]..Starts[r + 1]</c>, in arrival order. The replay reads them
    /// front to back; reading each where it arrived waited on memory for every event. Moved in place, following each
    /// cycle of the permutation, because a second array of them would be fresh memory, which costs more on the
    /// machines we measure on than the moves do.
    /// </summary>
    private (int[] Order, int[] Starts) GroupByAccount()
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

        var place = new int[_entries.Count];
        var next = starts[..^1];
        for (var i = 0; i < _entries.Count; i++)
        {
            place[i] = next[rank[_entries[i].Account]]++;
        }

        Permute(place);
        return (order, starts[..^1]);
    }

    /// <summary>Moves every entry <c>i</c> to <c>place[i]</c>, one cycle at a time (a place is set to -1 once filled).</summary>
    private void Permute(int[] place)
    {
        for (var i = 0; i < place.Length; i++)
        {
            if (place[i] < 0)
            {
                continue;
            }

            var carried = _entries[i];
            var at = place[i];
            place[i] = -1;
            while (true)
            {
                ref var slot = ref _entries.At(at);
                var displaced = slot;
                slot = carried;
                var then = place[at];
                place[at] = -1;
                if (then < 0)
                {
                    break; // back where the cycle began: that slot's entry was the first one carried
                }

                (carried, at) = (displaced, then);
            }
        }
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
    /// Reports a malformed event at <paramref name="time"/>: its own when that could be read, else the newest read so far
    /// (see <see cref="Check(ReadOnlySpan{byte}, in EventParser.ReadEnvelope, string, long)"/>), under its account when
    /// the line had a readable one.
    /// </summary>
    private void Rejected(string source, long line, string error, long time, string? account)
    {
        Stats.Rejected++;
        var origin = line > 0 ? $"{source}:{line}" : source;
        _sink(new Outcome
        {
            Kind = OutcomeKind.Rejected, Key = new EffectIds.Key("input", "rejected", origin, ""),
            Time = new DateTimeOffset(time, TimeSpan.Zero), AccountId = account, Reason = error, Because = origin,
        });
    }

    /// <summary>Reports an event older than the watermark allows, with where it was read (<c>events.jsonl:12</c>).</summary>
    private void Late(ReadOnlySpan<byte> json, EventParser.Envelope e, string source, long line)
    {
        if (_replayed is not null && !_replayed[IndexOf(json[e.Account])])
        {
            Stats.OtherAccounts++;
            return;
        }

        Stats.Late++;
        var (id, account) = (EventParser.Text(json[e.Id])!, EventParser.Text(json[e.Account])!);
        _sink(new Outcome
        {
            Kind = OutcomeKind.Late, Key = new EffectIds.Key("input", "late", id, ""), Time = new DateTimeOffset(e.TimeTicks, TimeSpan.Zero),
            AccountId = account, TriggerEventId = id, Because = line > 0 ? $"{source}:{line}" : source,
            Reason = $"arrived {Model.DurationParser.Describe(TimeSpan.FromTicks(_newest - e.TimeTicks))} behind the newest event; allowed lateness is {Model.DurationParser.Describe(_options.AllowedLateness)}",
        });
    }

    /// <summary>The account's number, looked up from its JSON token: no string for accounts already seen.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int IndexOf(ReadOnlySpan<byte> token)
    {
        if (token.IndexOf((byte)'\\') >= 0 || !System.Text.Unicode.Utf8.IsValid(token))
        {
            return IndexOf(EventParser.Text(token)!); // escaped or not UTF-8: the key is the decoded id's UTF-8
        }

        var index = _accountIndex.GetOrAdd(token[1..^1], out var added);
        if (added)
        {
            Added(System.Text.Encoding.UTF8.GetString(token[1..^1]));
        }

        return index;
    }

    private int IndexOf(string account)
    {
        var index = _accountIndex.GetOrAdd(System.Text.Encoding.UTF8.GetBytes(account), out var added);
        if (added)
        {
            Added(account);
        }

        return index;
    }

    private void Added(string account)
    {
        _accountIds.Add(account);
        _replayed?.Add(_options.OnlyAccount is { } only ? account == only : _options.Part!.Value.Holds(account));
    }

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

    /// <summary>
    /// Copies of a few hundred accounts' events side by side, in replay order. An account's events lie scattered over
    /// the log in arrival order; copying a batch of them together in one tight loop, which waits for many at once, and
    /// replaying from a buffer that stays in the cache costs less than reading each event where it arrived.
    /// </summary>
    private sealed class Batch(EventLog log)
    {
        /// <summary>Events per batch (unless one account has more): about a megabyte of them, well inside the cache.</summary>
        public const int Size = 4096;

        private const int Ahead = 8; // events whose bytes are asked for before they are copied

        /// <summary>The most a batch copies (see <see cref="Gather"/>).</summary>
        internal const int MaxCopied = 64 << 20;

        private Memory<byte> _bytes = HugePages.Block(2 << 20);
        private Entry[] _entries = new Entry[Size];

        /// <summary>Copies the entries <c>from..to</c> (the next accounts', in replay order) into the batch, asking for their bytes as it goes.</summary>
        public Span<Entry> Collect(ChunkedList<Entry> entries, int from, int to)
        {
            if (to - from > _entries.Length)
            {
                _entries = new Entry[to - from];
            }

            for (var i = from; i < to; i++)
            {
                ref readonly var entry = ref entries[i];
                log.Prefetch(entry.Chunk, entry.Offset, entry.Length);
                _entries[i - from] = entry;
            }

            return _entries.AsSpan(0, to - from);
        }

        /// <summary>
        /// Copies the entries' bytes side by side; each entry then points at its copy (chunk -1). A batch of more than
        /// <see cref="MaxCopied"/> (one account with an outsized history) is left where it lies and read from the log:
        /// the copy would double the memory that account takes for no gain.
        /// </summary>
        public void Gather(Span<Entry> entries)
        {
            var needed = 0L;
            foreach (ref readonly var entry in entries)
            {
                needed += entry.Length;
            }

            if (needed > MaxCopied)
            {
                return;
            }

            if (needed > _bytes.Length)
            {
                _bytes = HugePages.Block((int)Math.Max(needed, Math.Min(_bytes.Length * 2L, MaxCopied)));
            }

            var bytes = _bytes.Span;
            var used = 0;
            for (var i = 0; i < entries.Length; i++)
            {
                if (i + Ahead < entries.Length)
                {
                    ref readonly var later = ref entries[i + Ahead];
                    log.Prefetch(later.Chunk, later.Offset, later.Length);
                }

                ref var entry = ref entries[i];
                log.Read(entry.Chunk, entry.Offset, entry.Length).CopyTo(bytes[used..]);
                entry = entry with { Chunk = -1, Offset = used };
                used += entry.Length;
            }
        }

        public ReadOnlyMemory<byte> Memory(int offset, int length) => _bytes.Slice(offset, length);
    }

    /// <summary>
    /// Where one accepted event lies in the log, its envelope, and what orders it: account, time, id, and arrival, which
    /// is the entry's own number (entries are numbered as they arrive). The type is a number, so an entry holds no
    /// reference: a million of them lie in uncleared memory on huge pages (<see cref="ChunkedList{T}"/>).
    /// </summary>
    private readonly record struct Entry(
        int Account, int Number, int Chunk, int Offset, int Length, int Type, long TimeTicks, Range Id, Range AccountId, Range Source, Range User, Range Subject, Range Data)
    {
        public EventParser.Envelope Envelope(List<string> types) => new(types[Type], TimeTicks, Id, AccountId, Source, User, Subject, Data);
    }
}
