namespace Triggers.Core.Expressions;

/// <summary>
/// One token: where it sits in the text, its spelling for messages and, for literals, its value
/// (strings already unescaped, durations already parsed).
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Offset, int Length, string Text, Value Value = default)
{
    public int End => Offset + Length;

    /// <summary>How an error message names this token: "end of expression", "'and'", "number 3".</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.Number => $"number {Text}",
        TokenKind.Duration => $"duration {Text}",
        TokenKind.String => $"text {Text}",
        _ => $"'{Text}'",
    };
}
