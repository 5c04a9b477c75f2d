namespace Triggers.Core.Expressions;

/// <summary>The runtime kinds of value an expression can produce or read.</summary>
public enum ValueKind : byte
{
    Null,
    Bool,
    Number,
    String,
    Time,
    Duration,
    List,
    Object,
}
