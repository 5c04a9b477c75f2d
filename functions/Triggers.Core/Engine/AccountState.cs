namespace Triggers.Core.Engine;

/// <summary>
/// Everything the engine remembers about one account. Bounded: windows, counters and histories keep only what
/// a rule can still need, so the state stays small however long the account's history grows.
/// </summary>
public sealed class AccountState(string accountId)
{
    /// <summary>Most users whose traits are kept per account; the least recently updated are forgotten first.</summary>
    public const int MaxUsers = 200;

    /// <summary>Most pending windows and timers per account; beyond it new ones are suppressed and reported.</summary>
    public const int MaxPending = 256;

    /// <summary>Most suppressed recipients remembered per account.</summary>
    public const int MaxSuppressed = 100;

    public string AccountId { get; } = accountId;

    public TraitMap Account { get; } = new();

    /// <summary>The latest input time processed: inputs before it are late.</summary>
    public long Clock { get; internal set; } = long.MinValue;

    /// <summary>When this account next needs a timer, or <see cref="long.MaxValue"/> when it waits for nothing.</summary>
    public long NextDue => Pending.Count == 0 ? long.MaxValue : Pending[0].Due;

    internal Dictionary<string, TraitMap> Users { get; } = new(StringComparer.Ordinal);

    internal List<string> UserOrder { get; } = [];

    internal SeenIds Seen { get; } = new();

    internal List<PendingItem> Pending { get; } = [];

    internal Dictionary<int, List<long>> Counts { get; } = [];

    internal Dictionary<int, long> ThresholdSince { get; } = [];

    internal HashSet<int> ThresholdFired { get; } = [];

    internal Dictionary<int, long> ScheduleArmed { get; } = [];

    internal Dictionary<int, List<long>> Fires { get; } = [];

    internal Dictionary<string, long> Stages { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, string> CurrentStage { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, string> Suppressed { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal long NextSeq { get; set; }

    /// <summary>The due time a driver has a timer queued for (so stale timer entries can be skipped).</summary>
    internal long ScheduledDue { get; set; } = long.MaxValue;

    internal void AddPending(PendingItem item)
    {
        var index = Pending.BinarySearch(item, DueOrder.Instance);
        Pending.Insert(index < 0 ? ~index : index, item);
    }

    internal TraitMap UserTraits(string userId)
    {
        if (!Users.TryGetValue(userId, out var traits))
        {
            if (Users.Count >= MaxUsers)
            {
                Users.Remove(UserOrder[0]);
                UserOrder.RemoveAt(0);
            }

            Users[userId] = traits = new TraitMap();
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
