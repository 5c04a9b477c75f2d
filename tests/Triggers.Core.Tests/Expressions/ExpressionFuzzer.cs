using System.Text;

namespace Triggers.Core.Tests.Expressions;

/// <summary>
/// Seeded generator of hostile expression text: character soup, token soup, grammar-built expressions
/// and mutations of valid ones. Seeded so a failure reproduces; the seed is in the failure message.
/// </summary>
internal sealed class ExpressionFuzzer(int seed)
{
    private static readonly string[] Valid =
    [
        "account.plan == \"pro\" and event.data.invitee_id != null",
        "account.renewal_date - 90d < event.time",
        "event.type in ['user.invited', 'user.logged_in'] or not account.flag",
        "lower(coalesce(user.email, account.csm_email, 'x')) ends_with '.com'",
        "days(event.time - date(account.subscription_start)) >= 30 && account.seats_purchased > 3 * 2",
        "event.data.tags[0] == 'a' || event.data['key-x'] contains 'k'",
        "min(account.a, account.b) + max(1, 2) % 3 / abs(-4) > round(0.5)",
        "len(event.data.tags) == 2 and exists(trigger.data.x) and starts_with(account.name, 'A')",
        "-(1d + 12h) * 2 < trigger.time - event.time",
        "{{ account.name }} renews {{ account.renewal_date }}",
        "'it\\'s' + \"a \\\"quote\\\"\\n\\t\\\\\" not in [1, 2.5, null, true, false, [3]]",
        "hours(1w) / 7 != upper(user.role)",
    ];

    private static readonly string[] Tokens =
    [
        "event", "trigger", "account", "user", "data", "plan", "time", "type", "x", "acount", "evnt", "foo",
        "lower", "upper", "len", "date", "days", "hours", "abs", "min", "max", "round", "coalesce", "exists", "frob",
        "true", "false", "null", "and", "or", "not", "in", "contains", "starts_with", "ends_with",
        "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", ".", "&&", "||", "!",
        "0", "3", "2.5", "90d", "45m", "1w", "100001d", "1.5h", "9e9", "'a'", "\"b\"", "'2026-01-31'", "'",
        "\"", "\\", "=", "&", "|", "{{", "}}", "{", "}", "\n", " ", "\t", "é", "\u0000", "\ud800", "99999999999999999999999",
    ];

    private static readonly string Alphabet =
        "abcdefghijklmnopqrstuvwxyz_ABCDEZ0123456789 .,()[]{}'\"\\+-*/%<>=!&|?:;@#$^~`\n\t\r\u00e9\u00a0\u2028\u0000\ud83d\ude00";

    private readonly Random _random = new(seed);

    public string Next() => _random.Next(6) switch
    {
        0 => CharacterSoup(),
        1 => TokenSoup(),
        2 => Mutate(Valid[_random.Next(Valid.Length)]),
        3 => Mutate(Expression(4)),
        _ => Expression(5),
    };

    public int Pick(int count) => _random.Next(count);

    private string CharacterSoup()
    {
        var text = new StringBuilder();
        var length = _random.Next(30);
        for (var i = 0; i < length; i++)
        {
            text.Append(_random.Next(20) == 0 ? (char)_random.Next(0x10000) : Alphabet[_random.Next(Alphabet.Length)]);
        }

        return text.ToString();
    }

    private string TokenSoup()
    {
        var text = new StringBuilder();
        var count = _random.Next(1, 15);
        for (var i = 0; i < count; i++)
        {
            text.Append(Tokens[_random.Next(Tokens.Length)]);
            if (_random.Next(3) > 0)
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }

    private string Mutate(string text)
    {
        var mutations = _random.Next(1, 4);
        for (var m = 0; m < mutations && text.Length > 0; m++)
        {
            var at = _random.Next(text.Length);
            text = _random.Next(4) switch
            {
                0 => text.Insert(at, _random.Next(2) == 0 ? Tokens[_random.Next(Tokens.Length)] : Alphabet[_random.Next(Alphabet.Length)].ToString()),
                1 => text.Remove(at, Math.Min(text.Length - at, _random.Next(1, 6))),
                2 => Swap(text, at, _random.Next(text.Length)),
                _ => text.Insert(at, text.Substring(at, Math.Min(text.Length - at, _random.Next(1, 8)))),
            };
        }

        return text;
    }

    private static string Swap(string text, int a, int b)
    {
        var chars = text.ToCharArray();
        (chars[a], chars[b]) = (chars[b], chars[a]);
        return new string(chars);
    }

    /// <summary>
    /// A well-formed expression from the grammar, conditions where conditions belong, so that many inputs
    /// get past the checker and exercise the evaluator.
    /// </summary>
    public string Expression(int depth) => _random.Next(2) == 0 ? Condition(depth) : Operation(depth);

    private string Condition(int depth)
    {
        if (depth <= 0 || _random.Next(4) == 0)
        {
            return Pick("true", "false", "account.flag", "event.data.x", "exists(user.a)");
        }

        return _random.Next(6) switch
        {
            0 => $"{Wrap(Condition(depth - 1))} {Pick("and", "or", "&&", "||")} {Wrap(Condition(depth - 1))}",
            1 or 2 => $"{Wrap(Operation(depth - 1))} {Pick("==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "starts_with", "ends_with")} {Wrap(Operation(depth - 1))}",
            3 => $"{Pick("not ", "!")}{Wrap(Condition(depth - 1))}",
            4 => $"{Wrap(Operation(depth - 1))} {Pick("==", "!=")} null",
            _ => $"{Pick("exists", "contains", "starts_with", "ends_with")}({Operation(depth - 1)}{(_random.Next(5) == 0 ? "" : ", " + Operation(depth - 1))})",
        };
    }

    private string Operation(int depth)
    {
        if (depth <= 0 || _random.Next(3) == 0)
        {
            return Operand();
        }

        return _random.Next(5) switch
        {
            0 or 1 => $"{Wrap(Operation(depth - 1))} {Pick("+", "-", "*", "/", "%")} {Wrap(Operation(depth - 1))}",
            2 => $"-{Wrap(Operation(depth - 1))}",
            3 => $"{Pick("lower", "upper", "len", "date", "days", "hours", "abs", "round", "coalesce")}({Operation(depth - 1)})",
            _ => $"{Pick("min", "max", "coalesce")}({Operation(depth - 1)}, {Operation(depth - 1)})",
        };
    }

    private static string Wrap(string expression) => expression.Contains(' ', StringComparison.Ordinal) ? $"({expression})" : expression;

    // Mostly data paths: their type is Any, so random combinations still pass the checker and get evaluated.
    private string Operand() => _random.Next(20) switch
    {
        0 => Pick("0", "1", "-2", "2.5", "1000000", "0.1"),
        1 => Pick("'a'", "'pro'", "''", "'2026-01-31'", "'2026-01-05T10:00:00Z'", "\"x\\ny\""),
        2 => Pick("1d", "90d", "-90d", "45m", "2w", "0s", "99999w"),
        3 => Pick("true", "false", "null"),
        4 => Pick("[]", "['a', 'b']", "[1, null, [2]]"),
        5 => Pick("event.time", "trigger.time", "event.type", "event.data", "event.data.tags", "event.data.tags[0]"),
        _ => $"{Pick("account", "user", "event.data", "trigger.data")}.{Pick(RandomValues.Keys)}",
    };

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];
}
