namespace Triggers.Core.Expressions;

/// <summary>A piece of a template: literal text, or a compiled <c>{{ }}</c> hole.</summary>
internal readonly record struct TemplatePart(string Text, CompiledExpression? Hole);
