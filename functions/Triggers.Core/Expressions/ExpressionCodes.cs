namespace Triggers.Core.Expressions;

/// <summary>
/// Stable diagnostic codes of the expression language. Codes never change meaning once released:
/// scripts and CI configurations match on them.
/// </summary>
public static class ExpressionCodes
{
    /// <summary>The text is not a well-formed expression, or it is nested too deeply.</summary>
    public const string Syntax = "TRG100";

    /// <summary>A name that is not a root, or a root this place in the playbook cannot read.</summary>
    public const string UnknownRoot = "TRG101";

    /// <summary>Operands or arguments whose types can never work together.</summary>
    public const string TypeMismatch = "TRG102";

    /// <summary>A call to a function the language does not have.</summary>
    public const string UnknownFunction = "TRG103";

    /// <summary>A function called with the wrong number of arguments.</summary>
    public const string WrongArgumentCount = "TRG104";

    /// <summary>A template with an unclosed or empty <c>{{ }}</c> hole.</summary>
    public const string TemplateSyntax = "TRG105";

    /// <summary>A member of <c>event</c> or <c>trigger</c> that is not a CloudEvents attribute.</summary>
    public const string UnknownEventAttribute = "TRG106";

    /// <summary>A warning: a root that is always null where it is read (the trigger of a rule the clock fires).</summary>
    public const string AlwaysNull = "TRG202";
}
