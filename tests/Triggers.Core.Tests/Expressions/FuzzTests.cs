using System.Diagnostics;
using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;

namespace Triggers.Core.Tests.Expressions;

/// <summary>
/// Whatever text a playbook author types, compiling yields either a working expression and no
/// diagnostics, or null and errors positioned inside the text; evaluation never throws.
/// </summary>
public class FuzzTests
{
    private const int Inputs = 100_000;
    private const int Seed = 20260105;

    [Fact]
    public void Fuzz_HostileInputs_NeverThrowAndErrorsStayInsideText()
    {
        var fuzzer = new ExpressionFuzzer(Seed);
        var values = new RandomValues(Seed);
        var contexts = Enumerable.Range(0, 16).Select(_ => values.Context()).ToArray();
        var roots = new[] { ExpressionRoots.All, ExpressionRoots.All, ExpressionRoots.All, ExpressionRoots.Account, ExpressionRoots.Event | ExpressionRoots.Account | ExpressionRoots.User, ExpressionRoots.None };
        var compiled = 0;
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Inputs; i++)
        {
            var text = fuzzer.Next();
            var start = new SourceLocation("f.yaml", 1 + fuzzer.Pick(50), 1 + fuzzer.Pick(40));
            var context = contexts[i % contexts.Length];
            var expected = i % 5 == 0 ? ExprType.Bool : ExprType.Any;
            try
            {
                if (CheckExpression(text, start, roots[i % roots.Length], expected, context))
                {
                    compiled++;
                }

                var template = i % 3 == 0 ? text : $"Hi {{{{ {text} }}}} and {{{{ account.x }}}}";
                CheckTemplate(template, start, roots[i % roots.Length], context);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"input #{i} (seed {Seed}) threw {e.GetType().Name}: {e.Message}\n{Show(text)}");
            }
        }

        // The grammar-built share must get through the checker, or the evaluator is never exercised.
        Assert.True(compiled > Inputs / 10, $"only {compiled} of {Inputs} inputs compiled");
        // Printed, not asserted: about 4 s alone, but eight times that on a loaded 2-core machine (a wall-clock bound
        // failed a CI run that way). A pathological slowdown still shows here and in the suite's total time.
        Console.WriteLine($"fuzz: {Inputs} inputs, {compiled} compiled, {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static bool CheckExpression(string text, SourceLocation start, ExpressionRoots roots, ExprType expected, EvalContext context)
    {
        var diagnostics = new DiagnosticBag();
        var expression = ExpressionCompiler.Compile(text, start, roots, expected, diagnostics);
        if (expression is null)
        {
            AssertErrorsInside(text, start, diagnostics);
            return false;
        }

        Expect(diagnostics.Items.Count == 0, "compiled with diagnostics", text);
        Expect(expression.Paths is not null, "no paths", text);
        var value = expression.Evaluate(context);
        _ = value.ToString();
        _ = expression.IsTrue(context);
        return true;
    }

    private static void CheckTemplate(string text, SourceLocation start, ExpressionRoots roots, EvalContext context)
    {
        var diagnostics = new DiagnosticBag();
        var template = TemplateCompiler.Compile(text, start, roots, diagnostics);
        if (template is null)
        {
            AssertErrorsInside(text, start, diagnostics);
            return;
        }

        Expect(diagnostics.Items.Count == 0, "template compiled with diagnostics", text);
        _ = template.Render(context);
        _ = template.RenderValue(context);
    }

    private static void AssertErrorsInside(string text, SourceLocation start, DiagnosticBag diagnostics)
    {
        Expect(diagnostics.HasErrors, "null without an error", text);
        var lines = text.Split('\n');
        foreach (var error in diagnostics.Items)
        {
            var line = error.Location.Line - start.Line;
            Expect(line >= 0 && line < lines.Length, $"{error} is outside the text's lines", text);
            var first = line == 0 ? start.Column : 1;
            var last = first + lines[line].Length;
            Expect(error.Location.Column >= first && error.Location.Column <= last, $"{error} is outside columns {first}..{last}", text);
            Expect(error.Location.File == start.File && !string.IsNullOrWhiteSpace(error.Message), $"{error} is incomplete", text);
        }
    }

    // Failure messages are built only on failure: building them for every input would dominate the run time.
    private static void Expect(bool condition, string problem, string text)
    {
        if (!condition)
        {
            Assert.Fail($"{problem}: {Show(text)}");
        }
    }

    private static string Show(string text) =>
        "«" + string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "»";
}
