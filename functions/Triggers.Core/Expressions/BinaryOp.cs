namespace Triggers.Core.Expressions;

/// <summary>Infix operators, from loosest to tightest binding.</summary>
internal enum BinaryOp
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    In,
    NotIn,
    Contains,
    StartsWith,
    EndsWith,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}
