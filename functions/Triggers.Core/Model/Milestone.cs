using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>
/// A meaningful outcome: reached when <see cref="ReachedWhen"/> fires, succeeded when <see cref="Success"/>
/// matches within its window, failed (a red flag) when the window passes.
/// </summary>
public sealed record Milestone(string PlaybookId, string Id, string? Description, Trigger ReachedWhen, EventMatch Success,
    SourceLocation Location)
{
    /// <summary><c>playbook-id/milestone-id</c>, unique across a directory.</summary>
    public string QualifiedId => $"{PlaybookId}/{Id}";
}
