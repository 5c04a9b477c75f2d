namespace Triggers.Core.Engine;

/// <summary>The kinds of thing an account waits for; each becomes a timer at <see cref="PendingItem.Due"/>.</summary>
internal enum PendingKind : byte
{
    /// <summary>An <c>unless</c> window: fires the reaction at Due unless a matching event cancels it first.</summary>
    Absence,

    /// <summary>A reached milestone waiting for success; fails at Due.</summary>
    MilestoneWindow,

    /// <summary>A threshold crossing that must last until Due.</summary>
    ThresholdHold,

    /// <summary>A schedule armed for date + offset.</summary>
    Schedule,

    /// <summary>A stage entered at Since; stuck if still there at Due.</summary>
    StageStuck,

    /// <summary>An action held back by quiet hours until Due.</summary>
    DelayedAction,

    /// <summary>An <c>at_most</c> count window ending at Due.</summary>
    AtMost,
}

/// <summary>Something an account is waiting for. Small and flat: it is serialised with the account's state.</summary>
internal sealed class PendingItem
{
    public required PendingKind Kind { get; init; }

    public required int Reaction { get; init; }

    public required long Due { get; set; }

    public required long Seq { get; init; }

    // The envelope is nullable to its readers but kept as a plain field with a flag beside Kind: a nullable struct
    // field pads its flag out to eight bytes, and a replay makes hundreds of thousands of these.
    private EventParser.Envelope _envelope;
    private bool _hasEnvelope;

    /// <summary>The raw JSON of the event that opened the window; templates read it as <c>trigger</c> later.</summary>
    public ReadOnlyMemory<byte>? Trigger { get; init; }

    /// <summary>
    /// Sets <see cref="Trigger"/> from the event itself, keeping where its attributes lie in the bytes too: a
    /// window's trigger is read back at least once more (when it fires or an event checks it), and reading the
    /// envelope again each time was a twentieth of a replay.
    /// </summary>
    public CloudEvent? TriggerEvent
    {
        init
        {
            if (value is not null)
            {
                (Trigger, Envelope) = (value.Raw, value.Envelope);
            }
        }
    }

    /// <summary>The trigger's envelope, when known (not stored: a restored state reads it again when first needed).</summary>
    internal EventParser.Envelope? Envelope
    {
        get => _hasEnvelope ? _envelope : null;
        set => (_envelope, _hasEnvelope) = (value.GetValueOrDefault(), value.HasValue);
    }

    /// <summary>Deterministic cause: the trigger event id or timer occurrence that effect ids are derived from.</summary>
    public required string Cause { get; init; }

    /// <summary>Kind-specific instant: crossing start, schedule date, stage entry, original fire time, window anchor.</summary>
    public long Since { get; set; }

    /// <summary>For delayed actions: which action of the rule.</summary>
    public int Action { get; init; }
}
