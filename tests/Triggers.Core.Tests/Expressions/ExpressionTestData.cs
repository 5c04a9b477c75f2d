using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;

namespace Triggers.Core.Tests.Expressions;

/// <summary>A realistic context (an invitation event, an account with ISO-date traits) and compile helpers.</summary>
internal static class ExpressionTestData
{
    public static readonly SourceLocation Start = new("p.yaml", 7, 12);

    public static readonly DateTimeOffset EventTime = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public static Value Obj(params (string Name, Value Value)[] members) =>
        DictionaryObject.Of(members.ToDictionary(m => m.Name, m => m.Value));

    public static Value Str(string text) => Value.String(text);

    public static Value Num(double number) => Value.Number(number);

    public static Value List(params Value[] items) => Value.List(items);

    public static EvalContext Context()
    {
        var invitation = Obj(
            ("id", Str("e1")),
            ("type", Str("user.invited")),
            ("time", Value.Time(EventTime)),
            ("accountid", Str("acme")),
            ("userid", Str("u1")),
            ("data", Obj(
                ("invitee_id", Str("u2")),
                ("invitee_email", Str("bob@example.com")),
                ("seats", Num(5)),
                ("tags", List(Str("a"), Str("b"))),
                ("nested", Obj(("deep", Num(1)))),
                ("key-x", Str("k")))));
        return new EvalContext
        {
            Event = invitation,
            Trigger = invitation,
            Account = Obj(
                ("name", Str("Acme")),
                ("plan", Str("pro")),
                ("seats_purchased", Num(10)),
                ("health_score", Num(0.4)),
                ("renewal_date", Str("2026-04-01")),
                ("subscription_start", Str("2025-04-01T00:00:00Z")),
                ("csm_email", Str("cs@acme.com")),
                ("flag", Value.True)),
            User = Obj(("role", Str("admin")), ("email", Str("al@acme.com"))),
        };
    }

    public static CompiledExpression Compile(string text, ExpressionRoots roots = ExpressionRoots.All, ExprType expected = ExprType.Any)
    {
        var diagnostics = new DiagnosticBag();
        var compiled = ExpressionCompiler.Compile(text, Start, roots, expected, diagnostics);
        Assert.True(compiled is not null && diagnostics.Items.Count == 0, string.Join("\n", diagnostics.Items));
        return compiled!;
    }

    /// <summary>"Kind:text", so one string pins both the kind and the value.</summary>
    public static string Show(Value value) => $"{value.Kind}:{value}";

    public static string Evaluate(string text) => Show(Compile(text).Evaluate(Context()));

    /// <summary>The single diagnostic compiling <paramref name="text"/> produces; the compile must fail.</summary>
    public static Diagnostic SingleError(string text, ExpressionRoots roots = ExpressionRoots.All, ExprType expected = ExprType.Any)
    {
        var errors = Errors(text, roots, expected);
        Assert.True(errors.Count == 1, string.Join("\n", errors));
        return errors[0];
    }

    public static IReadOnlyList<Diagnostic> Errors(string text, ExpressionRoots roots = ExpressionRoots.All, ExprType expected = ExprType.Any)
    {
        var diagnostics = new DiagnosticBag();
        var compiled = ExpressionCompiler.Compile(text, Start, roots, expected, diagnostics);
        Assert.Null(compiled);
        Assert.All(diagnostics.Items, d => Assert.True(d.IsError));
        return diagnostics.Items;
    }
}
