using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>An internal event other rules can trigger on, processed at the time the action fires.</summary>
public sealed record EmitAction(string EventType, JsonTemplateObject? Data, SourceLocation Location) : ActionSpec(Location)
{
    public override string Kind => "emit";
}
