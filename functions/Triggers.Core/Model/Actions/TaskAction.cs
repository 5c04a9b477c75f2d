using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>A task for the CS manager, due some time after the action fires.</summary>
public sealed record TaskAction(Template Title, Template? Assignee, TimeSpan? Due, TaskPriority Priority, SourceLocation Location)
    : ActionSpec(Location)
{
    public override string Kind => "task";
}
