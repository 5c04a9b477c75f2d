using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;

namespace Triggers.Core.Model;

/// <summary>A checked, compiled expression together with where it was written.</summary>
public sealed record Expr(CompiledExpression Compiled, SourceLocation Location)
{
    public string Text => Compiled.Text;
}
