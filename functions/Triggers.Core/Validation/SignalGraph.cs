using Triggers.Core.Model;

namespace Triggers.Core.Validation;

/// <summary>
/// What a trigger listens to, as a signal name: <c>event:TYPE</c>, <c>milestone:ID</c> or <c>stage:ID</c>.
/// Thresholds and schedules read traits, so they listen to <c>account.updated</c>.
/// </summary>
internal static class SignalGraph
{
    public static string? Source(Trigger trigger) => trigger switch
    {
        EventTrigger e => Event(e.EventType),
        CountTrigger c => Event(c.EventType),
        MilestoneTrigger m => $"milestone:{m.MilestoneId}",
        StageTrigger s => $"stage:{s.StageId}",
        ThresholdTrigger or ScheduleTrigger => Event("account.updated"),
        _ => null,
    };

    public static string Event(string type) => $"event:{type}";
}
