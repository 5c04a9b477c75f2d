namespace Triggers.Core.Expressions;

/// <summary>
/// Lex, parse, check, compile: the stages every expression goes through, whether it stands alone or
/// sits in a template hole. Works on a slice of a larger text so positions stay those of the file.
/// </summary>
internal static class ExpressionPipeline
{
    public static CompiledExpression? Compile(Reporter reporter, int from, int to, ExpressionRoots allowed, ExprType expected)
    {
        var errorsBefore = reporter.ErrorCount;
        var tokens = new Lexer(reporter, from, to).Tokenize();
        var tree = tokens is null ? null : new Parser(reporter, tokens).Parse();
        if (tree is null)
        {
            return null;
        }

        var checker = new TypeChecker(reporter, allowed);
        var type = checker.Check(tree);
        if (!TypeRules.Fits(type, expected))
        {
            var wanted = expected == ExprType.Bool ? "a condition (true/false)" : TypeNames.Describe(expected);
            reporter.Error(tree.Offset, ExpressionCodes.TypeMismatch, $"expected {wanted} but this is {TypeNames.Describe(type)}",
                expected == ExprType.Time ? "e.g. account.renewal_date, or a date such as \"2026-01-31\"" : null);
        }
        else if (expected == ExprType.Time)
        {
            // Text where a time is wanted (a schedule's date) is read as one at run time: a literal that is not
            // ISO 8601 would never fall due, so it is an error here, as in date arithmetic.
            DateLiterals.Check(reporter, tree);
        }

        if (reporter.ErrorCount > errorsBefore)
        {
            return null;
        }

        var text = reporter.Map.Text[from..to].Trim();
        return new CompiledExpression(text, type, PathCollector.Collect(tree), NodeCompiler.Compile(tree));
    }
}
