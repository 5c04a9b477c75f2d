using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>An email to a customer through a named (SendGrid) template.</summary>
public sealed record EmailAction(Template To, string TemplateName, JsonTemplateObject? Data, SourceLocation Location)
    : ActionSpec(Location)
{
    public override string Kind => "email";
}
