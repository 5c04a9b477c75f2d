namespace Triggers.Core.Expressions;

/// <summary>Prefix operators.</summary>
internal enum UnaryOp
{
    Negate,
    Not,
}
