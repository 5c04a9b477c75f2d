using System.Text;
using Triggers.Core.Expressions;
using Triggers.Core.Loading;
using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>Firing a rule: limits, quiet hours, suppressed recipients, rendering and <c>emit</c> chaining.</summary>
public sealed partial class JourneyEngine
{
    private readonly Dictionary<string, TimeZoneInfo> _zones = new(StringComparer.Ordinal);
    private readonly StringBuilder _because = new();

    /// <summary>
    /// Fires a rule's actions, or drops them all when its <c>limit</c> is reached (see <see cref="LimitReached"/>). Quiet
    /// hours hold every action of the fire until the same morning.
    /// </summary>
    private void FireRule(AccountState state, Reaction reaction, CloudEvent? trigger, string cause, long t, int depth)
    {
        var rule = reaction.Rule!;
        long? held = null;
        TimeZoneInfo? zone = null;
        if (rule.QuietHours is { } quiet)
        {
            zone = Zone(state, quiet, trigger, reaction, rule.Actions.Count);
            held = QuietHoursCalculator.EndOfQuiet(quiet, zone, t);
        }

        var standby = false;
        if (rule.Limit is { } limit)
        {
            switch (Counted(state, reaction, limit, trigger, cause, t, held ?? t, zone))
            {
                case Verdict.Suppressed:
                    return;
                case Verdict.Standby:
                    standby = true;
                    if (Tracing(state))
                    {
                        Note(state, t, reaction, $"waits on its limit: fires held to the same morning fill it, so it is decided when they are (it goes out if they are dropped)");
                    }

                    break;
            }
        }

        var sent = false;
        for (var i = 0; i < rule.Actions.Count; i++)
        {
            if (held is { } end)
            {
                if (Tracing(state))
                {
                    // The zone is named: 08:00 in Berlin is 07:00Z, and an end at 08:00Z is how a zone that fell back to UTC shows.
                    var q = rule.QuietHours!;
                    Note(state, t, reaction, $"{rule.Actions[i].Kind} held by quiet hours {q.From:HH:mm}-{q.To:HH:mm} {zone!.Id} until {At(end):yyyy-MM-ddTHH:mm:ssZ}");
                }

                var item = state.NewPending(PendingKind.DelayedAction, reaction.Index, end, cause, trigger: trigger, since: t, action: i);
                item.Standby = standby;
                sent |= AddPending(state, item, reaction, t);
                continue;
            }

            sent |= Deliver(state, reaction, i, trigger, cause, t, depth);
        }

        if (!sent && !standby)
        {
            // Every action suppressed (unsubscribed, no address), or none could be held (capacity): nothing goes out to count.
            Unrecord(state, reaction, held ?? t);
        }
    }

    /// <summary>
    /// The time zone the rule's quiet hours are kept in. A missing or unknown one falls back to UTC, and explain hears
    /// it as a decision of the rule itself (not of a subject of its own), so <c>--rule</c> keeps it and the rule's
    /// summary lists it. <paramref name="actions"/> is how many actions the answer is for, as the summary counts them (0: a
    /// check again, neither counted nor explained twice).
    /// </summary>
    private TimeZoneInfo Zone(AccountState state, QuietHours quiet, CloudEvent? trigger, Reaction reaction, int actions)
    {
        var name = quiet.Zone;
        if (name is null)
        {
            SetContext(state, trigger, trigger);
            name = quiet.ZoneExpression!.Compiled.Evaluate(_context) is { Kind: ValueKind.String } v ? v.AsString : null;
        }

        if (name is null)
        {
            QuietHoursWithoutZone += actions;
            if (actions > 0 && Tracing(state))
            {
                Trace!.Decision(state.AccountId, At(state.Clock), reaction.Name, $"no time zone in {quiet.ZoneExpression?.Text}: quiet hours are kept in UTC");
            }

            return TimeZoneInfo.Utc;
        }

        if (!_zones.TryGetValue(name, out var zone))
        {
            _zones[name] = zone = TimeZones.TryFind(name, out var found) ? found : Unknown;
        }

        if (ReferenceEquals(zone, Unknown))
        {
            QuietHoursWithUnknownZone += actions;
            if (actions > 0 && _unknownZones.Count < 5)
            {
                _unknownZones.Add(name);
            }

            if (actions > 0 && Tracing(state))
            {
                Trace!.Decision(state.AccountId, At(state.Clock), reaction.Name, $"unknown time zone '{name}': quiet hours are kept in UTC");
            }

            return TimeZoneInfo.Utc;
        }

        return zone;
    }

    // Stands for a name that is no IANA or Windows time zone, so each check can count it (UTC is then used).
    private static readonly TimeZoneInfo Unknown = TimeZoneInfo.CreateCustomTimeZone("unknown", TimeSpan.Zero, "unknown", "unknown");

    private readonly SortedSet<string> _unknownZones = new(StringComparer.Ordinal);

    /// <summary>Quiet-hour checks kept in UTC because the time zone expression gave nothing (the account has no such trait).</summary>
    public long QuietHoursWithoutZone { get; private set; }

    /// <summary>Quiet-hour checks kept in UTC because the time zone named is unknown (a typo such as Europe/Berln).</summary>
    public long QuietHoursWithUnknownZone { get; private set; }

    /// <summary>Up to five of the unknown time zone names met, for the summary.</summary>
    public IReadOnlyCollection<string> UnknownTimeZones => _unknownZones;

    /// <summary>Sends one action of a fire, or reports it suppressed; whether it went out.</summary>
    private bool Deliver(AccountState state, Reaction reaction, int index, CloudEvent? trigger, string cause, long t, int depth)
    {
        var action = reaction.Rule!.Actions[index];
        if (action is EmitAction deep && depth >= MaxEmitDepth)
        {
            // Suppressed before it is sent, so the emit is reported once (not as sent and then cut). Validation
            // rejects loops (TRG013) and chains this long (TRG022): this guards playbooks compiled without it.
            Suppressed(state, reaction, index, trigger, cause, t, "emit-depth",
                $"emit chain deeper than {MaxEmitDepth} emits at one instant; '{deep.EventType}' not sent");
            return false;
        }

        SetContext(state, trigger, trigger);
        var key = new EffectIds.Key(reaction.Version, reaction.Name, cause, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var fields = new Outcome.ActionFields();
        switch (action)
        {
            case EmailAction email:
                var to = email.To.Compiled.Render(_context);
                if (!LooksLikeAnAddress(to))
                {
                    // Sent, it would only fail at the mail service, far from the rule that made it: report it here.
                    Suppressed(state, reaction, index, trigger, cause, t, "invalid-recipient",
                        $"'{to}' ({email.To.Text}) is not an email address; nothing is sent", to);
                    return false;
                }

                if (SuppressedRecipient(state, to, t) is { } why)
                {
                    Suppressed(state, reaction, index, trigger, cause, t, why, $"{to} {why}; no further email is sent to it", to);
                    return false;
                }

                (fields.To, fields.Template) = (to, email.TemplateName);
                fields.Payload = email.Data is null ? null : JsonTemplateRenderer.Render(email.Data, _context);
                break;
            case TaskAction task:
                (fields.Title, fields.Assignee) = (task.Title.Compiled.Render(_context), task.Assignee?.Compiled.Render(_context));
                (fields.Priority, fields.Due) = (PriorityNames[(int)task.Priority], task.Due is { } due ? t + due.Ticks : null);
                break;
            case WebhookAction webhook:
                fields.Target = webhook.Target;
                fields.Payload = webhook.Body is null ? null : JsonTemplateRenderer.Render(webhook.Body, _context);
                break;
            case EmitAction emit:
                (fields.Type, fields.Payload) = (emit.EventType, emit.Data is null ? "{}" : JsonTemplateRenderer.Render(emit.Data, _context));
                break;
        }

        // One object per action: its own fields are filled first rather than copied in with a `with` expression.
        Emit(new Outcome
        {
            Kind = OutcomeKind.Action, Key = key, Time = At(t), AccountId = state.AccountId, Playbook = reaction.PlaybookId,
            Rule = reaction.Rule.Id, Action = action.Kind, TriggerEventId = trigger?.Id, BecauseParts = Because(reaction, trigger), Details = fields,
        });
        if (action is EmitAction emitted)
        {
            EmitEvent(state, reaction, emitted, key.Compute(state.AccountId), trigger, fields.Payload!, t, depth);
        }

        return true;
    }

    /// <summary>Why no email may go to <paramref name="to"/> at <paramref name="t"/>: this account's list, then every account's.</summary>
    private string? SuppressedRecipient(AccountState state, string to, long t) =>
        (state.HasSuppressed ? state.Suppressed.Reason(to) : null) ?? (Recipients is { IsEmpty: false } all ? all.Reason(to, t) : null);

    /// <summary>
    /// One address, as far as the engine can tell: text, one '@' and a domain, no spaces or control characters inside
    /// (around it they are ignored, as suppression lists compare addresses trimmed).
    /// </summary>
    private static bool LooksLikeAnAddress(string to)
    {
        var address = to.AsSpan().Trim();
        var at = address.IndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address[(at + 1)..].Contains('@'))
        {
            return false;
        }

        foreach (var c in address)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly string[] PriorityNames = [.. Enum.GetNames<TaskPriority>().Select(n => n.ToLowerInvariant())];

    private void EmitEvent(AccountState state, Reaction reaction, EmitAction emit, string id, CloudEvent? trigger, string data, long t, int depth)
    {
        var json = ScratchJson.Begin();
        json.WriteStartObject();
        json.WriteString("specversion"u8, "1.0"u8);
        json.WriteString("id"u8, id);
        json.WriteString("source"u8, reaction.EmitSource);
        json.WriteString("type"u8, emit.EventType);
        Span<byte> time = stackalloc byte[32];
        At(t).UtcDateTime.TryFormat(time, out var written, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        json.WriteString("time"u8, time[..written]);
        json.WriteString("accountid"u8, state.AccountId);
        if (trigger?.UserId is { } user)
        {
            json.WriteString("userid"u8, user);
        }

        json.WritePropertyName("data"u8);
        json.WriteRawValue(data, skipInputValidation: true);
        json.WriteEndObject();
        json.Flush();
        // The bytes are the emitted event's own (a window it opens keeps them). It is handled once everything its
        // cause does at this instant is done (see HandleEmitted).
        var raw = ScratchJson.Written.ToArray();
        if (EventParser.TryReadEnvelope(raw, out var envelope, out _))
        {
            _emitted.Add(new EmittedEvent(raw, envelope, id, depth + 1));
        }
    }

    // Events emitted and not handled yet: those of the event or timer being applied, then those they emit in turn.
    private readonly List<EmittedEvent> _emitted = [];

    private readonly record struct EmittedEvent(byte[] Raw, EventParser.Envelope Envelope, string Id, int Depth);

    private static readonly Comparer<EmittedEvent> ById = Comparer<EmittedEvent>.Create((a, b) => string.CompareOrdinal(a.Id, b.Id));

    /// <summary>
    /// Handles the events emitted while an event or a timer was applied, after everything else it did: every rule
    /// listening to the cause has then opened its windows and reached its milestones, so an emitted event closes an
    /// <c>unless</c> window or succeeds a milestone the same cause opened whatever order the rules and playbooks are
    /// written in. Breadth first: the events one round emitted are handled in id order (effect ids, which do not
    /// depend on that order either), then the ones they emitted, up to <see cref="MaxEmitDepth"/> rounds.
    /// </summary>
    private void HandleEmitted(AccountState state)
    {
        for (var start = 0; start < _emitted.Count;)
        {
            var end = _emitted.Count;
            _emitted.Sort(start, end - start, ById);
            for (var i = start; i < end; i++)
            {
                var (raw, envelope, _, depth) = _emitted[i];
                var emitted = _spareTriggers.TryPop(out var spare) ? spare : new CloudEvent();
                emitted.Reset(raw, envelope, state.AccountId);
                try
                {
                    if (state.Seen.Add(emitted.IdHash))
                    {
                        Handle(state, emitted, depth);
                    }
                }
                finally
                {
                    Release(emitted);
                }
            }

            start = end;
        }

        _emitted.Clear();
    }

    private void Suppressed(AccountState state, Reaction reaction, int index, CloudEvent? trigger, string cause, long t, string reason, string because, string? to = null)
    {
        // No note for explain: the suppressed outcome says the same, and explain lists outcomes beside decisions.
        var action = index >= 0 ? reaction.Rule!.Actions[index] : null;
        Emit(new Outcome
        {
            Kind = OutcomeKind.Suppressed,
            Key = new EffectIds.Key(reaction.Version, reaction.Name, cause, $"{index}:suppressed"),
            Time = At(t), AccountId = state.AccountId, Playbook = reaction.PlaybookId, Rule = reaction.Rule?.Id,
            Action = action?.Kind, Reason = reason, TriggerEventId = trigger?.Id, Because = because,
            Details = action is null ? null : WhatWasNotSent(state, action, trigger, to),
        });
    }

    /// <summary>
    /// Who or what a suppressed action was for, so a line says it without its prose being parsed: an email's address
    /// and template, a task's title, a webhook's target, an emitted event's type.
    /// </summary>
    private Outcome.ActionFields WhatWasNotSent(AccountState state, ActionSpec action, CloudEvent? trigger, string? to)
    {
        SetContext(state, trigger, trigger);
        var fields = new Outcome.ActionFields();
        switch (action)
        {
            case EmailAction email:
                (fields.To, fields.Template) = (to ?? email.To.Compiled.Render(_context), email.TemplateName);
                break;
            case TaskAction task:
                fields.Title = task.Title.Compiled.Render(_context);
                break;
            case WebhookAction webhook:
                fields.Target = webhook.Target;
                break;
            case EmitAction emit:
                fields.Type = emit.EventType;
                break;
        }

        return fields;
    }

    /// <summary>Why the rule fired, in words: the trigger, the window that closed, the values its conditions read.</summary>
    private (string Head, string? Id, string? Tail) Because(Reaction reaction, CloudEvent? trigger)
    {
        // The fixed parts are formatted once per reaction: only the trigger's id and the values the condition read
        // change from one firing to the next, and without a condition nothing is formatted at all.
        var id = reaction.Trigger is EventTrigger ? trigger?.Id ?? "" : null;
        if (reaction.Where is not { } where || where.Compiled.Paths.Count == 0)
        {
            return (reaction.BecauseHead, id, reaction.BecauseTail);
        }

        var text = _because.Clear().Append(reaction.BecauseTail);
        var paths = where.Compiled.Paths;
        for (var i = 0; i < paths.Count; i++) // indexed: a foreach over the interface boxes an enumerator per firing
        {
            var path = paths[i];
            text.Append(" [").Append(path).Append(" = ").Append(PathReader.Read(_context, path).ToString()).Append(']');
        }

        return (reaction.BecauseHead, id, text.ToString());
    }
}
