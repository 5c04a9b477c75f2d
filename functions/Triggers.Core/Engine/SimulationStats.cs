namespace Triggers.Core.Engine;

/// <summary>Counters of a replay, for the summary line.</summary>
public sealed class SimulationStats
{
    public long Events { get; internal set; }

    public long Processed { get; internal set; }

    public long Duplicates { get; internal set; }

    public long Late { get; internal set; }

    public long Rejected { get; internal set; }

    public long AfterUntil { get; internal set; }

    public long Actions { get; internal set; }

    public long Suppressed { get; internal set; }

    public long Milestones { get; internal set; }

    public long StageChanges { get; internal set; }

    public long Timers { get; internal set; }

    public int Accounts { get; internal set; }

    internal void Count(Outcome outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Action:
                Actions++;
                break;
            case OutcomeKind.Suppressed:
                Suppressed++;
                break;
            case OutcomeKind.Milestone:
                Milestones++;
                break;
            case OutcomeKind.Stage:
                StageChanges++;
                break;
        }
    }
}
