using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>At most <see cref="Max"/> fires of a rule per account in any window of length <see cref="Per"/>.</summary>
public sealed record Limit(int Max, TimeSpan Per, SourceLocation Location);
