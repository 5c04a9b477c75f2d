using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>A signed webhook to a named target; the body is a JSON template.</summary>
public sealed record WebhookAction(string Target, JsonTemplate? Body, SourceLocation Location) : ActionSpec(Location)
{
    public override string Kind => "webhook";
}
