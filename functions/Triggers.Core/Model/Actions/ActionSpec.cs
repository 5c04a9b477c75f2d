using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>Something a rule does. One subtype per action kind.</summary>
public abstract record ActionSpec(SourceLocation Location)
{
    /// <summary><c>email</c>, <c>task</c>, <c>webhook</c> or <c>emit</c>: the YAML key and the outcome's <c>action</c>.</summary>
    public abstract string Kind { get; }
}
