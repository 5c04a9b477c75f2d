using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>What starts a rule, reaches a milestone or enters a stage. One subtype per trigger kind.</summary>
public abstract record Trigger(SourceLocation Location)
{
    /// <summary>The YAML key naming this kind (<c>event</c>, <c>count</c>, ...), for messages and explanations.</summary>
    public abstract string Kind { get; }
}
