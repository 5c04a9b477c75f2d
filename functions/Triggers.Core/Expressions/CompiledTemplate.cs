using System.Text;

namespace Triggers.Core.Expressions;

/// <summary>
/// Text with <c>{{ EXPR }}</c> holes, parsed and compiled when the playbook loads. Rendering evaluates the
/// holes and never throws; a hole whose value is null renders as nothing.
/// </summary>
public sealed class CompiledTemplate
{
    private readonly TemplatePart[] _parts; // an array: a foreach over an interface would box its enumerator per render
    private readonly CompiledExpression? _single;

    internal CompiledTemplate(string text, IReadOnlyList<TemplatePart> parts, bool isSingleHole)
    {
        Text = text;
        _parts = [.. parts];
        _single = isSingleHole ? parts[0].Hole : null;
        IsConstant = parts.All(p => p.Hole is null);
        Paths = [.. parts.Where(p => p.Hole is not null).SelectMany(p => p.Hole!.Paths).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>True when the template has no holes, so it renders to its own text every time.</summary>
    public bool IsConstant { get; }

    /// <summary>The distinct data paths the holes read, in the order written.</summary>
    public IReadOnlyList<string> Paths { get; }

    // One builder per thread: holes are expressions, which never render a template, so renders never nest.
    [ThreadStatic]
    private static StringBuilder? _text;

    public string Render(EvalContext context)
    {
        if (IsConstant)
        {
            return Text;
        }

        if (_single is not null)
        {
            return _single.Evaluate(context).ToString();
        }

        var text = _text ??= new StringBuilder();
        text.Clear();
        foreach (var part in _parts)
        {
            text.Append(part.Hole is null ? part.Text : part.Hole.Evaluate(context).ToString());
        }

        return text.ToString();
    }

    /// <summary>
    /// The hole's own value (a number stays a number in a JSON body) when the template is exactly one hole;
    /// otherwise the rendered text.
    /// </summary>
    public Value RenderValue(EvalContext context) =>
        _single is not null ? _single.Evaluate(context) : Value.String(Render(context));

    public override string ToString() => Text;
}
