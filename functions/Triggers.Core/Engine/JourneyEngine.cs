using Triggers.Core.Expressions;
using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>
/// The deterministic evaluator: (state, input, now) -> (state', outcomes). It never reads a clock: event time and
/// timer due times are the only time it knows. One instance per thread; it reuses one evaluation context.
/// Callers feed each account's inputs in event-time order (the <see cref="Simulator"/> and the cloud ingest
/// reorder within the allowed lateness before calling it).
/// </summary>
public sealed partial class JourneyEngine(CompiledPlaybooks program, Action<Outcome> sink)
{
    /// <summary>How deep <c>emit</c> chains may go at one instant; validation rejects loops, this guards the rest.</summary>
    public const int MaxEmitDepth = 8;

    private readonly EvalContext _context = new();

    public CompiledPlaybooks Program => program;

    /// <summary>Whether each scheduled timer is reported as an outcome (cloud adapters and explain want them; replays rarely do).</summary>
    public bool ReportTimers { get; set; } = true;

    /// <summary>Timers scheduled so far, counted whether or not they are reported.</summary>
    public long TimersScheduled { get; private set; }

    /// <summary>Where decisions are reported for <c>triggers explain</c>; null (the default) in production and simulate.</summary>
    public IEngineTrace? Trace { get; set; }

    /// <summary>
    /// Whether decisions about this account are traced. Callers test it before formatting a decision, so the hot
    /// path allocates neither the message nor a closure for it.
    /// </summary>
    private bool Tracing(AccountState state) => Trace is { } trace && trace.Wants(state.AccountId);

    private void Note(AccountState state, long t, Reaction reaction, string decision) =>
        Trace!.Decision(state.AccountId, At(t), reaction.Name, decision);

    private string Values(Model.Expr expression)
    {
        var values = expression.Compiled.Paths.Select(path => $"{path} = {Show(PathReader.Read(_context, path))}");
        return string.Join(", ", values);
    }

    /// <summary>
    /// How a condition that is not met was not met, for explain: false, or neither true nor false because it compared
    /// values of different types (<c>"12" &gt; 10</c>: text never compares with a number), which is what to fix.
    /// </summary>
    private string NotMet(Model.Expr expression) =>
        expression.Compiled.Evaluate(_context).IsNull
            ? "is not met: it compares values of different types (text with a number, say), so it is neither true nor false"
            : "is false";

    private static string Show(Value value) => value.Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.String => $"\"{value.AsString}\"",
        _ => value.ToString(),
    };

    /// <summary>
    /// Applies one event to its account: first the timers due strictly before it, then the event. Returns false
    /// for a duplicate (an id seen recently), which changes nothing.
    /// </summary>
    public bool ProcessEvent(AccountState state, CloudEvent e)
    {
        Advance(state, e.TimeTicks, inclusive: false);
        if (!state.Seen.Add(e.IdHash))
        {
            return false;
        }

        state.Clock = Math.Max(state.Clock, e.TimeTicks);
        Handle(state, e, depth: 0);
        if (_emitted.Count > 0)
        {
            HandleEmitted(state);
        }

        return true;
    }

    /// <summary>Fires everything the account waits for that is due before (or at, when inclusive) <paramref name="until"/>.</summary>
    public void Advance(AccountState state, long until, bool inclusive = true)
    {
        while (state.HasPending && (state.Pending[0].Due < until || (inclusive && state.Pending[0].Due == until)))
        {
            var item = state.Pending[0];
            state.Pending.RemoveAt(0);
            state.Clock = Math.Max(state.Clock, item.Due);
            Fire(state, item);
            var (kind, due) = (item.Kind, item.Due);
            state.Recycle(item); // fired: nothing keeps it (outcomes keep its cause, a string)
            if (_emitted.Count > 0 && !MoreHeldNow(state, kind, due))
            {
                HandleEmitted(state);
            }
        }
    }

    /// <summary>
    /// Whether more actions held by quiet hours are released at <paramref name="due"/>, as the one just released: what
    /// its emits lead to waits for them, as it waits in the daytime for every rule the event fired, so no fire of
    /// that morning is decided on state another one changed (and the rules' order in the file decides nothing).
    /// </summary>
    private static bool MoreHeldNow(AccountState state, PendingKind kind, long due) =>
        kind == PendingKind.DelayedAction && state.HasPending && state.Pending[0] is { Kind: PendingKind.DelayedAction } next && next.Due == due;

    private void Handle(AccountState state, CloudEvent e, int depth)
    {
        var t = e.TimeTicks;
        switch (e.Type)
        {
            case "account.updated":
                if (MergeTraits(state, state.Account, e))
                {
                    TraitsChanged(state, e, t);
                }

                break;
            case "user.updated" when e.UserId is { } user:
                MergeTraits(state, state.UserTraits(user), e);
                break;
            case "email.unsubscribed" or "email.bounced":
                Suppress(state, e);
                break;
        }

        ArmAtMost(state, t);
        var route = Route(e.Type);
        if (route.ClosesWindows)
        {
            CloseWindows(state, e, depth);
        }

        foreach (var reaction in route.Reactions)
        {
            React(state, reaction, e, depth);
        }
    }

    /// <summary>Merges the event's data into <paramref name="traits"/> within the account's allowance (<see cref="AccountState.MaxTraitSize"/>).</summary>
    private bool MergeTraits(AccountState state, TraitMap traits, CloudEvent e)
    {
        var (size, before) = (state.TraitSize, traits.Size);
        var changed = traits.MergeChecked(e.DataJson, Math.Max(0, AccountState.MaxTraitSize - size), Math.Max(0, AccountState.MaxTraitSizeForChanges - size), out var refused);
        if (!ReferenceEquals(traits, state.Account))
        {
            state.UserTraitsResized(traits.Size - before);
        }

        if (refused > 0)
        {
            TraitsNotKept += refused;
            if (Tracing(state))
            {
                Trace!.Decision(state.AccountId, At(e.TimeTicks), "traits",
                    $"{refused} value{(refused == 1 ? "" : "s")} of {e.Type} {e.Id} not kept: the account's traits are at their limit ({AccountState.MaxTraitSize / 1024} KB of names and text)");
            }
        }

        return changed;
    }

    /// <summary>Trait values not kept because their account's traits were at <see cref="AccountState.MaxTraitSize"/>.</summary>
    public long TraitsNotKept { get; private set; }

    // Routes by the type string's identity: event types are read through the interner, so every event of a type
    // brings the same string and the lookup neither hashes nor compares its text. Only the runtime's interned copies
    // are remembered (a type read some other way misses here and is looked up by text), so this stays small.
    private readonly Dictionary<string, EventRoute> _routes = new(ReferenceEqualityComparer.Instance);

    private EventRoute Route(string type)
    {
        if (!_routes.TryGetValue(type, out var route))
        {
            route = program.Route(type);
            if (ReferenceEquals(route, EventRoute.Nothing))
            {
                Unheard(type);
            }

            if (ReferenceEquals(string.IsInterned(type), type) && _routes.Count < 1024)
            {
                _routes[type] = route;
            }
        }

        return route;
    }

    // Types heard by no playbook, by text, each looked at once for one that differs only in how it is written.
    private readonly Dictionary<string, bool> _unheard = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _lookalikes = new(StringComparer.Ordinal);

    private void Unheard(string type)
    {
        if (_unheard.Count < 4096 && _unheard.TryAdd(type, true) && program.Lookalike(type) is { } listened && _lookalikes.Count < 5)
        {
            _lookalikes[type] = listened;
        }
    }

    /// <summary>Up to five event types no playbook hears that differ from a type one listens for only in how they are written, with that type.</summary>
    public IReadOnlyDictionary<string, string> LookalikeTypes => _lookalikes;

    private void Suppress(AccountState state, CloudEvent e)
    {
        if (SuppressedAddress(e.DataJson) is { } address)
        {
            state.Suppressed.Add(address, bounced: e.Type == "email.bounced");
        }
    }

    /// <summary>The address an <c>email.unsubscribed</c> or <c>email.bounced</c> event's data names in <c>email</c>, if any.</summary>
    internal static string? SuppressedAddress(ReadOnlySpan<byte> data)
    {
        var reader = new System.Text.Json.Utf8JsonReader(data);
        try
        {
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isEmail = reader.ValueTextEquals("email"u8);
                reader.Read();
                if (isEmail && reader.TokenType == System.Text.Json.JsonTokenType.String)
                {
                    var address = reader.GetString();
                    return string.IsNullOrWhiteSpace(address) ? null : address;
                }

                reader.Skip();
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // The parser has checked the line; data it could not read names no address.
        }

        return null;
    }

    /// <summary>Unsubscribes and bounces in every account, by time (a replay's; see <see cref="RecipientTimeline"/>).</summary>
    public RecipientTimeline? Recipients { get; init; }

    private void SetContext(AccountState state, CloudEvent? current, CloudEvent? trigger)
    {
        _context.Event = current is null ? Value.Null : Value.Object(current);
        _context.Trigger = trigger is null ? Value.Null : Value.Object(trigger);
        _context.Account = Value.Object(state.View);
        (_userState, _userEvent, _userTrigger) = (state, current, trigger);
        _context.FindUserWhenRead(_findUser ??= FindUser);
    }

    // What SetContext last set, for FindUser (one delegate for the engine's life, not a closure per evaluation).
    private AccountState? _userState;
    private CloudEvent? _userEvent;
    private CloudEvent? _userTrigger;
    private Func<Value>? _findUser;

    /// <summary>The traits of the current event's user (else the trigger's), when an expression reads <c>user</c>.</summary>
    private Value FindUser()
    {
        var state = _userState!;
        if (state.HasUsers && (_userEvent?.UserId ?? _userTrigger?.UserId) is { } user && state.Users.TryGetValue(user, out var traits))
        {
            state.TouchUser(user); // a user whose traits a rule reads is kept over one nobody has needed for longer
            return Value.Object(traits);
        }

        return Value.Null;
    }

    private bool Applies(AccountState state, Reaction reaction, CloudEvent? e)
    {
        if (reaction.AppliesTo is null)
        {
            return true;
        }

        SetContext(state, e, null);
        if (reaction.AppliesTo.Compiled.IsTrue(_context))
        {
            return true;
        }

        if (Tracing(state))
        {
            NotApplied(state, reaction, e);
        }

        return false;
    }

    private void NotApplied(AccountState state, Reaction reaction, CloudEvent? e)
    {
        // When it is decided: for a timer, when it falls due (a window closing, a held action's morning), not when its
        // trigger came, before the event that took the account out of the segment.
        Note(state, Math.Max(state.Clock, e?.TimeTicks ?? long.MinValue), reaction, $"not applied: applies_to {reaction.AppliesTo!.Text} {NotMet(reaction.AppliesTo!)} ({Values(reaction.AppliesTo!)})");
    }

    private void Emit(Outcome outcome) => sink(outcome);

    /// <summary>
    /// A time on the engine's clock as a date. Windows and timers are kept as plain ticks, so one opened in the last
    /// days of year 9999 falls due after the last date there is: it never comes (no event can be later), and shows
    /// as due at that last instant rather than ending the replay.
    /// </summary>
    internal static DateTimeOffset At(long ticks) => new(Math.Clamp(ticks, 0, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);

    // Stored triggers read back for one call at a time, and emitted events while they are handled: a replay re-reads a
    // trigger for most timers and window checks, so the objects are reused rather than allocated each time. A stack,
    // because a fire can chain into another.
    private readonly Stack<CloudEvent> _spareTriggers = new();

    /// <summary>
    /// The stored trigger of a window or timer as an event again, until <see cref="Release"/>. Stored triggers are
    /// the account's own events and were valid when stored: a failed parse can only mean no trigger to show.
    /// </summary>
    private CloudEvent? Lease(AccountState state, PendingItem item)
    {
        if (item.Trigger is not { } raw)
        {
            return null;
        }

        if (item.Envelope is not { } envelope)
        {
            if (!EventParser.TryReadEnvelope(raw.Span, out envelope, out _))
            {
                return null;
            }

            item.Envelope = envelope;
        }

        var e = _spareTriggers.TryPop(out var spare) ? spare : new CloudEvent();
        e.Reset(raw, envelope, state.AccountId);
        e.KnowIdAs(item.Cause); // most windows are caused by their trigger: its id is then not decoded again
        return e;
    }

    /// <summary>Gives a leased trigger back; nothing may keep it (outcomes keep its id, windows its raw bytes).</summary>
    private void Release(CloudEvent? e)
    {
        if (e is not null)
        {
            e.Dispose();
            _spareTriggers.Push(e);
        }
    }

    private List<Reaction> Reactions => program.Reactions;

    private static string Describe(MilestoneStatus status) => StatusNames[(int)status];

    private static readonly string[] StatusNames = [.. Enum.GetNames<MilestoneStatus>().Select(n => n.ToLowerInvariant())];
}
