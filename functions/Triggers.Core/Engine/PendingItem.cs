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

/// <summary>
/// Something an account is waiting for. Small and flat: it is serialised with the account's state. A replay opens
/// hundreds of thousands of these, so one that has fired or closed is reused for the account's next
/// (<see cref="AccountState.NewPending"/>).
/// </summary>
internal sealed class PendingItem
{
    public PendingKind Kind { get; set; }

    public int Reaction { get; set; }

    public long Due { get; set; }

    public long Seq { get; set; }

    // The envelope is nullable to its readers but kept as a plain field with a flag beside Kind: a nullable struct
    // field pads its flag out to eight bytes, and a replay makes hundreds of thousands of these.
    private EventParser.Envelope _envelope;
    private bool _hasEnvelope;

    /// <summary>The raw JSON of the event that opened the window; templates read it as <c>trigger</c> later.</summary>
    public ReadOnlyMemory<byte>? Trigger { get; set; }

    /// <summary>
    /// Sets <see cref="Trigger"/> from the event itself, keeping where its attributes lie in the bytes too: a
    /// window's trigger is read back at least once more (when it fires or an event checks it), and reading the
    /// envelope again each time was a twentieth of a replay.
    /// </summary>
    public CloudEvent? TriggerEvent
    {
        set
        {
            if (value is not null)
            {
                (Trigger, Envelope) = (value.Raw, value.Envelope);
            }
            else
            {
                (Trigger, Envelope) = (null, null);
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
    public string Cause { get; set; } = "";

    /// <summary>Kind-specific instant: crossing start, schedule date, stage entry, original fire time, window anchor.</summary>
    public long Since { get; set; }

    /// <summary>For delayed actions: which action of the rule.</summary>
    public int Action { get; set; }

    /// <summary>
    /// For delayed actions: the fire waits on the rule's <c>limit</c>, which another fire held to the same morning
    /// fills; it is counted, or suppressed, when released, after that one went out or was dropped.
    /// </summary>
    public bool Standby { get; set; }

    /// <summary>Forgets everything, so a reused item holds no other account's event.</summary>
    internal void Clear()
    {
        (Kind, Reaction, Due, Seq, Cause, Since, Action, Standby) = (default, 0, 0, 0, "", 0, 0, false);
        TriggerEvent = null;
    }
}
