using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>When <see cref="When"/> fires and <see cref="Where"/> holds (and nothing matched <see cref="Unless"/>
/// in its window), do <see cref="Actions"/>, within <see cref="Limit"/> and outside <see cref="QuietHours"/>.</summary>
public sealed record Rule(
    string PlaybookId,
    string Id,
    string? Description,
    Trigger When,
    Expr? Where,
    EventMatch? Unless,
    IReadOnlyList<ActionSpec> Actions,
    Limit? Limit,
    QuietHours? QuietHours,
    SourceLocation Location)
{
    /// <summary><c>playbook-id/rule-id</c>, as tests and outcomes name the rule.</summary>
    public string QualifiedId => $"{PlaybookId}/{Id}";
}
