using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>At most <see cref="Max"/> fires of a rule per account in any window of length <see cref="Per"/>.</summary>
public sealed record Limit(int Max, TimeSpan Per, SourceLocation Location)
{
    /// <summary><see cref="Per"/> as the playbook spelled it (<c>7d</c> stays <c>7d</c>, not <c>1w</c>); null when not read from a file.</summary>
    public string? PerWritten { get; init; }
}
