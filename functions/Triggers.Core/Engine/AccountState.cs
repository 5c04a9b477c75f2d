namespace Triggers.Core.Engine;

/// <summary>
/// Everything the engine remembers about one account. Bounded: windows, counters and histories keep only what
/// a rule can still need, so the state stays small however long the account's history grows.
/// </summary>
public sealed class AccountState(string accountId)
{
    /// <summary>Most users whose traits are kept per account; the least recently used (updated, or read by a rule) are forgotten first.</summary>
    public const int MaxUsers = 200;

    /// <summary>Most pending windows and timers per account; beyond it new ones are suppressed and reported.</summary>
    public const int MaxPending = 256;

    /// <summary>Most unsubscribed or bounced recipients remembered per account (the most recent; eight bytes each).</summary>
    public const int MaxSuppressed = 512;

    /// <summary>
    /// Most trait text an account keeps, its own traits and its kept users' together, weighed as
    /// <see cref="TraitMap.Size"/> weighs them (names and text values by their length, 8 for a number or a time):
    /// room for hundreds of a CRM's traits. A producer that invents a new trait name every day (or sends a
    /// document as a value) would otherwise grow the state without end; past this a new trait is not kept, and the
    /// replay counts it. Known traits still take new values up to <see cref="MaxTraitSizeForChanges"/>, so an
    /// account at the limit can still change its plan.
    /// </summary>
    public const int MaxTraitSize = 64 * 1024;

    /// <summary>The hard bound: past it no trait value grows at all (a smaller one, or a removal, is always kept).</summary>
    public const int MaxTraitSizeForChanges = MaxTraitSize + (MaxTraitSize / 4);

    public string AccountId { get; private set; } = accountId;

    public TraitMap Account { get; } = new();

    /// <summary>
    /// The account as expressions read it (<c>account.plan</c>): its traits, plus <c>id</c>, the account's id (the
    /// <c>accountid</c> of its events), unless a trait of that name is set. Rules fired by a timer (a schedule, a
    /// threshold held, a milestone window passing) have no triggering event, so this is where their actions find
    /// which account they are about.
    /// </summary>
    internal Expressions.IValueObject View => _view ??= new AccountView(this);

    /// <summary>The latest input time processed: inputs before it are late.</summary>
    public long Clock { get; internal set; } = long.MinValue;

    /// <summary>When this account next needs a timer, or <see cref="long.MaxValue"/> when it waits for nothing.</summary>
    public long NextDue => _pending is { Count: > 0 } pending ? pending[0].Due : long.MaxValue;

    internal Dictionary<string, TraitMap> Users => _users ??= new(StringComparer.Ordinal);

    /// <summary>
    /// What the account's traits and its users' weigh together, against <see cref="MaxTraitSize"/>. The users' part
    /// is kept as a running total (<see cref="UserTraitsResized"/>) rather than summed over up to 200 users on
    /// every trait event.
    /// </summary>
    internal int TraitSize => Account.Size + _userTraitSize;

    /// <summary>Tells the running total that a user's traits (<see cref="UserTraits"/>) changed weight by <paramref name="delta"/>.</summary>
    internal void UserTraitsResized(int delta) => _userTraitSize += delta;

    internal List<string> UserOrder => _userOrder ??= [];

    internal SeenIds Seen { get; } = new();

    internal List<PendingItem> Pending => _pending ??= [];

    internal Dictionary<int, List<long>> Counts => _counts ??= [];

    internal Dictionary<int, long> ThresholdSince => _thresholdSince ??= [];

    internal HashSet<int> ThresholdFired => _thresholdFired ??= [];

    internal Dictionary<int, long> ScheduleArmed => _scheduleArmed ??= [];

    internal Dictionary<int, List<long>> Fires => _fires ??= [];

    internal Dictionary<string, long> Stages => _stages ??= new(8, StringComparer.Ordinal);

    internal Dictionary<string, string> CurrentStage => _currentStage ??= new(4, StringComparer.Ordinal);

    internal SuppressionList Suppressed => _suppressed ??= new();

    private AccountView? _view;
    private int _userTraitSize;

    private sealed class AccountView(AccountState state) : Expressions.IValueObject
    {
        public bool TryGetMember(string name, out Expressions.Value value)
        {
            if (state.Account.TryGetMember(name, out value))
            {
                return true;
            }

            if (name == "id")
            {
                value = Expressions.Value.String(state.AccountId);
                return true;
            }

            return false;
        }

        public IEnumerable<string> MemberNames =>
            state.Account.TryGetMember("id", out _) ? state.Account.MemberNames : state.Account.MemberNames.Prepend("id");
    }

    /// <summary>
    /// Whether the account has entered the stage of the given stage reaction. Asked for every event that enters a
    /// stage (mostly of stages long entered), so the answer is remembered as one bit per reaction of the playbooks
    /// asked about; only a stage found in <see cref="Stages"/> sets its bit, and the stage table never loses one.
    /// </summary>
    internal bool HasEntered(CompiledPlaybooks program, int reaction, string stage)
    {
        if (!ReferenceEquals(program, _enteredFor))
        {
            (_enteredFor, _entered) = (program, 0);
            Array.Clear(_enteredMore ?? []);
        }

        var bit = reaction & 63;
        var word = reaction < 64 ? _entered : _enteredMore is { } more && (reaction >> 6) - 1 < more.Length ? more[(reaction >> 6) - 1] : 0;
        if ((word & (1UL << bit)) != 0)
        {
            return true;
        }

        if (_stages is null || !_stages.ContainsKey(stage))
        {
            return false;
        }

        if (reaction < 64)
        {
            _entered |= 1UL << bit;
        }
        else
        {
            var index = (reaction >> 6) - 1;
            if (_enteredMore is null || _enteredMore.Length <= index)
            {
                Array.Resize(ref _enteredMore, index + 1);
            }

            _enteredMore[index] |= 1UL << bit;
        }

        return true;
    }

    internal bool HasUsers => _users is { Count: > 0 };

    internal bool HasPending => _pending is { Count: > 0 };

    internal bool HasSuppressed => _suppressed is { Count: > 0 };

    // Created on first use: most accounts need few of these, and a replay keeps every account in memory.
    private Dictionary<string, TraitMap>? _users;
    private List<string>? _userOrder;
    private List<PendingItem>? _pending;
    private Dictionary<int, List<long>>? _counts;
    private Dictionary<int, long>? _thresholdSince;
    private HashSet<int>? _thresholdFired;
    private Dictionary<int, long>? _scheduleArmed;
    private Dictionary<int, List<long>>? _fires;
    private Dictionary<string, long>? _stages;
    private Dictionary<string, string>? _currentStage;
    private SuppressionList? _suppressed;
    private CompiledPlaybooks? _enteredFor;
    private ulong _entered; // HasEntered's bits for reactions 0-63
    private ulong[]? _enteredMore; // and for the reactions after them, 64 to a word

    // What Reset kept of earlier accounts' tables (emptied) for this one to reuse.
    private Stack<TraitMap>? _spareTraits;
    private Stack<List<long>>? _spareTimes;
    private Stack<PendingItem>? _sparePending;

    internal long NextSeq { get; set; }

    /// <summary>
    /// Empties the state for another account, keeping the memory its tables grew: a replay that is done with one
    /// account hands its state to the next instead of allocating every table again.
    /// </summary>
    internal void Reset(string accountId)
    {
        AccountId = accountId;
        Account.Clear();
        Clock = long.MinValue;
        NextSeq = 0;
        Seen.Clear();
        Keep(_users, _spareTraits ??= new(), traits => traits.Clear());
        Keep(_counts, _spareTimes ??= new(), times => times.Clear());
        Keep(_fires, _spareTimes, times => times.Clear());
        _users?.Clear();
        _userTraitSize = 0;
        _userOrder?.Clear();
        foreach (var item in _pending ?? [])
        {
            Recycle(item);
        }

        _pending?.Clear();
        _counts?.Clear();
        _thresholdSince?.Clear();
        _thresholdFired?.Clear();
        _scheduleArmed?.Clear();
        _fires?.Clear();
        _stages?.Clear();
        (_enteredFor, _entered) = (null, 0);
        Array.Clear(_enteredMore ?? []);
        _currentStage?.Clear();
        _suppressed?.Clear();
    }

    /// <summary>Empties a table's values into a pool for the next account, up to a bound, so a replay stops allocating them.</summary>
    private static void Keep<TKey, T>(Dictionary<TKey, T>? table, Stack<T> spare, Action<T> clear)
        where TKey : notnull
    {
        if (table is null)
        {
            return;
        }

        foreach (var value in table.Values)
        {
            if (spare.Count < 64)
            {
                clear(value);
                spare.Push(value);
            }
        }
    }

    /// <summary>An empty list of times for a counter or a limit: one a previous account used, when there is one.</summary>
    internal List<long> NewTimes() => _spareTimes is { Count: > 0 } spare ? spare.Pop() : [];

    /// <summary>A new pending item, numbered in this account's order: one a fired or closed window left, when there is one.</summary>
    internal PendingItem NewPending(PendingKind kind, int reaction, long due, string cause, CloudEvent? trigger = null, long since = 0, int action = 0)
    {
        var item = _sparePending is { Count: > 0 } spare ? spare.Pop() : new PendingItem();
        (item.Kind, item.Reaction, item.Due, item.Seq, item.Cause, item.Since, item.Action) = (kind, reaction, due, NextSeq++, cause, since, action);
        item.TriggerEvent = trigger;
        return item;
    }

    /// <summary>Takes back an item that is no longer pending (fired, closed, replaced) and that nothing holds any more.</summary>
    internal void Recycle(PendingItem item)
    {
        var spare = _sparePending ??= new();
        if (spare.Count < MaxPending)
        {
            item.Clear();
            spare.Push(item);
        }
    }

    internal void AddPending(PendingItem item)
    {
        var index = Pending.BinarySearch(item, DueOrder.Instance);
        Pending.Insert(index < 0 ? ~index : index, item);
    }

    /// <summary>Drops the leading times at or before <paramref name="cutoff"/> from an ascending list.</summary>
    internal static void DropUpTo(List<long> times, long cutoff)
    {
        var count = 0;
        while (count < times.Count && times[count] <= cutoff)
        {
            count++;
        }

        times.RemoveRange(0, count);
    }

    internal int IndexOfPending(PendingKind kind, int reaction)
    {
        if (_pending is not { } pending)
        {
            return -1;
        }

        for (var i = 0; i < pending.Count; i++)
        {
            if (pending[i].Kind == kind && pending[i].Reaction == reaction)
            {
                return i;
            }
        }

        return -1;
    }

    internal void RemovePending(PendingKind kind, int reaction)
    {
        for (var i = IndexOfPending(kind, reaction); i >= 0; i = IndexOfPending(kind, reaction))
        {
            var item = _pending![i];
            _pending.RemoveAt(i);
            Recycle(item);
        }
    }

    /// <summary>
    /// Marks a known user as the most recently used (a rule is about to read their traits), so the users forgotten
    /// past <see cref="MaxUsers"/> are the ones no rule has needed for longest, not the ones whose traits were set
    /// longest ago (an admin set up on day one who is active every day keeps their traits). Unknown users are not
    /// added: only <c>user.updated</c> adds one.
    /// </summary>
    internal void TouchUser(string userId)
    {
        var order = UserOrder;
        if (order.Count == 0 || order[^1] == userId)
        {
            return;
        }

        var at = order.IndexOf(userId);
        if (at >= 0)
        {
            order.RemoveAt(at);
            order.Add(userId);
        }
    }

    internal TraitMap UserTraits(string userId)
    {
        if (!Users.TryGetValue(userId, out var traits))
        {
            if (Users.Count >= MaxUsers)
            {
                _userTraitSize -= Users[UserOrder[0]].Size;
                Users.Remove(UserOrder[0]);
                UserOrder.RemoveAt(0);
            }

            Users[userId] = traits = _spareTraits is { Count: > 0 } spare ? spare.Pop() : new TraitMap();
        }
        else
        {
            UserOrder.Remove(userId);
        }

        UserOrder.Add(userId);
        return traits;
    }

    private sealed class DueOrder : IComparer<PendingItem>
    {
        public static readonly DueOrder Instance = new();

        public int Compare(PendingItem? x, PendingItem? y) =>
            x!.Due != y!.Due ? x.Due.CompareTo(y.Due) : x.Seq.CompareTo(y.Seq);
    }
}
