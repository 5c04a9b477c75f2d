using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;
using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

public class TemplateTests
{
    private static readonly SourceLocation At = new("t.yaml", 3, 5);

    private static CompiledTemplate Compile(string text)
    {
        var diagnostics = new DiagnosticBag();
        var template = TemplateCompiler.Compile(text, At, ExpressionRoots.All, diagnostics);
        Assert.True(template is not null && diagnostics.Items.Count == 0, string.Join("\n", diagnostics.Items));
        return template!;
    }

    private static IReadOnlyList<Diagnostic> Errors(string text)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(TemplateCompiler.Compile(text, At, ExpressionRoots.All, diagnostics));
        return diagnostics.Items;
    }

    [Theory]
    [InlineData("{{ trigger.data.invitee_email }} never logged in", "bob@example.com never logged in")]
    [InlineData("{{account.name}} has {{ account.seats_purchased }} seats", "Acme has 10 seats")]
    [InlineData("Renewal: {{ account.renewal_date }}", "Renewal: 2026-04-01")]
    [InlineData("Due {{ event.time + 3d }}", "Due 2026-01-08T10:00:00Z")]
    [InlineData("At {{ date('2026-01-05T10:00:01.75Z') }}", "At 2026-01-05T10:00:01.750Z")] // the fraction kept, as outcome times keep it
    [InlineData("At {{ date('2026-01-05T10:00:00.0000001Z') + 1m }}", "At 2026-01-05T10:01:00.0000001Z")]
    [InlineData("{{ account.missing }}!", "!")]
    [InlineData("Customer for {{ event.time - date(account.subscription_start) }}", "Customer for 279d 10h")]
    [InlineData("Nested: {{ event.data.nested }}", "Nested: {\"deep\":1}")]
    [InlineData("Tags: {{ event.data.tags }}", "Tags: [a, b]")]
    [InlineData("{{ '}}' }}", "}}")]
    [InlineData("{{ \"{{\" }}", "{{")]
    [InlineData("a }} b", "a }} b")]
    [InlineData("", "")]
    public void Render_Holes_ReplacedByText(string text, string expected) =>
        Assert.Equal(expected, Compile(text).Render(Context()));

    [Fact]
    public void RenderValue_SingleHole_KeepsType()
    {
        var template = Compile("{{ account.seats_purchased }}");

        Assert.Equal(Value.Number(10), template.RenderValue(Context()));
        Assert.Equal("10", template.Render(Context()));
        Assert.False(template.IsConstant);
    }

    [Theory]
    [InlineData(" {{ account.seats_purchased }}", " 10")]
    [InlineData("{{ account.seats_purchased }} seats", "10 seats")]
    [InlineData("{{ account.seats_purchased }}{{ account.plan }}", "10pro")]
    public void RenderValue_TextAroundOrSeveralHoles_GivesText(string text, string expected) =>
        Assert.Equal(Value.String(expected), Compile(text).RenderValue(Context()));

    [Fact]
    public void RenderValue_SingleHoleList_KeepsList() =>
        Assert.Equal(ValueKind.List, Compile("{{ event.data.tags }}").RenderValue(Context()).Kind);

    [Fact]
    public void Constant_NoHoles_RendersItself()
    {
        var template = Compile("Plain text");

        Assert.True(template.IsConstant);
        Assert.Empty(template.Paths);
        Assert.Equal("Plain text", template.Render(Context()));
        Assert.Equal(Value.String("Plain text"), template.RenderValue(Context()));
    }

    [Fact]
    public void Paths_SeveralHoles_ListedOnce() =>
        Assert.Equal(["account.name", "user.email"], Compile("{{ account.name }} {{ user.email }} {{ account.name }}").Paths);

    [Theory]
    [InlineData("Hello {{ account.name", 11, "'{{' is not closed: add '}}' after the expression")]
    [InlineData("a {{ }} b", 7, "empty '{{ }}': write an expression between the braces")]
    [InlineData("{{}}", 5, "empty '{{ }}': write an expression between the braces")]
    [InlineData("Hi {{ account.name and {{ user.email }}", 8, "'{{' is not closed: add '}}' after the expression")]
    [InlineData("Ticket {{ {{ event.data.ticket_id }} }}", 15, "a '{{' inside a hole: holes do not nest")]
    [InlineData("Ticket {{{ event.data.ticket_id }}}", 12, "'{{{': a hole opens with two braces, and the third would be read as part of the expression")]
    public void Syntax_MalformedHole_ReportsTrg105(string text, int column, string message)
    {
        var error = Assert.Single(Errors(text));

        Assert.Equal(ExpressionCodes.TemplateSyntax, error.Code);
        Assert.Equal(new SourceLocation("t.yaml", 3, column), error.Location);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Syntax_UnclosedHoleBeforeAnother_ReportsBothProblems()
    {
        var errors = Errors("{{ '{{' {{ acount.x }}");

        Assert.Equal(["TRG105 t.yaml:3:5", "TRG101 t.yaml:3:16"], errors.Select(e => $"{e.Code} {e.Location}"));
    }

    [Fact]
    public void Syntax_ErrorInsideHole_PositionedInFile()
    {
        var error = Assert.Single(Errors("Hi {{ acount.name }}"));

        Assert.Equal(ExpressionCodes.UnknownRoot, error.Code);
        Assert.Equal(new SourceLocation("t.yaml", 3, 11), error.Location);
    }

    [Fact]
    public void Syntax_UnclosedQuoteInsideHole_ReportedByExpression()
    {
        var error = Assert.Single(Errors("{{ 'abc }}"));

        Assert.Equal(ExpressionCodes.Syntax, error.Code);
        Assert.Equal(8, error.Location.Column);
    }

    [Fact]
    public void Syntax_MultiLineTemplate_CountsLines()
    {
        var errors = Errors("Hello\n  {{ acount.name }} and\n{{ lowr(user.email) }} and {{ }}\n{{ user.email");

        Assert.Equal(
            ["TRG101 t.yaml:4:6", "TRG103 t.yaml:5:4", "TRG105 t.yaml:5:28", "TRG105 t.yaml:6:1"],
            errors.Select(e => $"{e.Code} {e.Location}"));
    }

    [Fact]
    public void Roots_NotAllowedInHole_ReportsTrg101()
    {
        var diagnostics = new DiagnosticBag();

        Assert.Null(TemplateCompiler.Compile("{{ trigger.id }}", At, ExpressionRoots.Account, diagnostics));

        Assert.Equal("'trigger' is not available here; this expression can use account", Assert.Single(diagnostics.Items).Message);
    }
}
