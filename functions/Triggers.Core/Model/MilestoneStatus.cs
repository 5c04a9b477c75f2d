namespace Triggers.Core.Model;

/// <summary>The changes a milestone goes through: reached, then succeeded or (when its window passes) failed.</summary>
public enum MilestoneStatus
{
    Reached,
    Succeeded,
    Failed,
}
