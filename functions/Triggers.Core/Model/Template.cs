using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;

namespace Triggers.Core.Model;

/// <summary>A checked <c>{{ }}</c> text template together with where it was written.</summary>
public sealed record Template(CompiledTemplate Compiled, SourceLocation Location)
{
    public string Text => Compiled.Text;
}
