namespace Triggers.Core.Engine;

// Unsubscribes and bounces reach every account (RecipientTimeline), so they are shared before any account is replayed:
// exactly those their own account's replay will process, not the ones it will ignore as duplicates.
public sealed partial class Simulator
{
    private List<RecipientEvent>? _recipientEvents; // in arrival order; rare
    private List<(string Address, long Ticks, bool Bounced)>? _lateRecipients; // rarer still

    /// <summary>
    /// An unsubscribe or bounce that was neither late nor after the end: its account, its entry (-1 when this replay
    /// does not keep the account's events), its id's hash, whether an <c>emit</c> could have used that id, and what it says.
    /// </summary>
    private sealed record RecipientEvent(int Account, int Entry, ulong IdHash, bool IdOfTheFormEmitsUse, string Address, long Ticks, bool Bounced);

    /// <summary>Notes an unsubscribe or bounce as read; <see cref="ShareRecipients"/> decides whether it counts.</summary>
    private void RecipientRead(ReadOnlySpan<byte> json, in EventParser.Envelope e, int account, int entry)
    {
        if (JourneyEngine.SuppressedAddress(json[e.Data]) is { } address)
        {
            var id = json[e.Id];
            (_recipientEvents ??= []).Add(new RecipientEvent(account, entry, CloudEvent.IdHashOf(id), EffectIds.HasTheFormOfOne(EventParser.Text(id)!),
                address, e.TimeTicks, e.Type == "email.bounced"));
        }
    }

    /// <summary>
    /// Notes an unsubscribe or bounce that arrived late. The rules never see it (it is a <c>late</c> outcome like any
    /// other late event), but its address gets no email from the moment it arrived, <paramref name="arrived"/>: the
    /// newest time its account had reached, which is when the cloud would have taken it in. Dropped, a webhook delayed by
    /// a minute would have let every account email someone who had unsubscribed.
    /// </summary>
    private void LateRecipientRead(ReadOnlySpan<byte> json, in EventParser.Envelope e, long arrived)
    {
        if (JourneyEngine.SuppressedAddress(json[e.Data]) is { } address)
        {
            (_lateRecipients ??= []).Add((address, arrived, e.Type == "email.bounced"));
        }
    }

    /// <summary>
    /// Adds to <see cref="Recipients"/>, in the order read, the unsubscribes and bounces their accounts will process. An
    /// account ignores one as a duplicate when it remembers its id at that point of its replay, which only its replay
    /// knows (its <c>emit</c>s take places among the ids it remembers too). Most have an id no other event of their
    /// account carries and are processed; an account where that is not so is replayed once beforehand, with no
    /// outcomes, to find out. An account whose events this replay does not keep (another part's, or not the one
    /// explained) is known here only by its unsubscribes and bounces: of those with one id, the first by time counts.
    /// </summary>
    private void ShareRecipients(int[] starts, int[] rank)
    {
        foreach (var (address, ticks, bounced) in _lateRecipients ?? [])
        {
            Recipients.Add(address, ticks, bounced);
        }

        _lateRecipients = null;
        if (_recipientEvents is not { } read)
        {
            return;
        }

        var taken = new bool[read.Count];
        foreach (var group in Enumerable.Range(0, read.Count).GroupBy(i => read[i].Account))
        {
            var events = group.ToList();
            if (read[events[0]].Entry < 0)
            {
                FirstOfEachId(read, events, taken);
            }
            else if (MaybeDuplicates(read, events, starts[rank[group.Key]], starts[rank[group.Key] + 1]))
            {
                ReplayFor(read, events, group.Key, starts[rank[group.Key]], starts[rank[group.Key] + 1], taken);
            }
            else
            {
                events.ForEach(i => taken[i] = true);
            }
        }

        for (var i = 0; i < read.Count; i++)
        {
            if (taken[i])
            {
                Recipients.Add(read[i].Address, read[i].Ticks, read[i].Bounced);
            }
        }

        _recipientEvents = null;
    }

    /// <summary>
    /// Whether the account could ignore one of these as a duplicate: another of its events (not late: those are not
    /// remembered) has its id, its resumed state remembers it, or an <c>emit</c> could have used it.
    /// </summary>
    private bool MaybeDuplicates(List<RecipientEvent> read, List<int> events, int from, int to)
    {
        var resumed = _accounts.Count > 0 ? _accounts.GetValueOrDefault(_accountIds[read[events[0]].Account]) : null;
        if (events.Any(i => read[i].IdOfTheFormEmitsUse || resumed?.Seen.Contains(read[i].IdHash) == true))
        {
            return true;
        }

        var ids = events.Select(i => read[i].IdHash).ToHashSet();
        var found = new HashSet<ulong>();
        for (var i = from; i < to; i++)
        {
            ref readonly var entry = ref _entries[_order[i]];
            if (!entry.IsLate && CloudEvent.IdHashOf(Bytes(in entry)[entry.Id]) is var hash && ids.Contains(hash) && !found.Add(hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replays the account's events, with no outcomes, up to its last unsubscribe or bounce, noting which it processes.</summary>
    private void ReplayFor(List<RecipientEvent> read, List<int> events, int account, int from, int to, bool[] taken)
    {
        var entries = new Entry[to - from];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = _entries[_order[from + i]];
        }

        Array.Sort(entries, _byTimeThenId);
        var program = _engine.Program;
        var id = _accountIds[account];
        // A resumed state is the caller's: this replay works on a copy.
        var state = _accounts.TryGetValue(id, out var resumed)
            ? AccountStateSerializer.Deserialize(AccountStateSerializer.Serialize(resumed, program), program)
            : new AccountState(id);
        var engine = new JourneyEngine(program, static _ => { }) { ReportTimers = false };
        var byEntry = events.ToDictionary(i => read[i].Entry);
        var left = byEntry.Count;
        var e = new CloudEvent();
        foreach (var entry in entries)
        {
            if (entry.IsLate)
            {
                continue; // changes nothing the account remembers (see ArrivedLate)
            }

            using (e.Reset(_log.Memory(entry.Chunk, entry.Offset, entry.Length), entry.Envelope(_types), id))
            {
                var processed = engine.ProcessEvent(state, e);
                if (byEntry.TryGetValue(entry.Number, out var i))
                {
                    taken[i] = processed;
                    if (--left == 0)
                    {
                        return;
                    }
                }
            }
        }
    }

    /// <summary>For an account whose events are not kept: of its unsubscribes and bounces with one id, the first by time (then arrival) counts.</summary>
    private static void FirstOfEachId(List<RecipientEvent> read, List<int> events, bool[] taken)
    {
        var ids = new HashSet<ulong>();
        foreach (var i in events.OrderBy(i => read[i].Ticks).ThenBy(i => i))
        {
            taken[i] = ids.Add(read[i].IdHash);
        }
    }
}
