using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>Reads a dotted data path (<c>account.plan</c>) from a context, for explanations.</summary>
internal static class PathReader
{
    public static Value Read(EvalContext context, string path)
    {
        var parts = path.Split('.');
        var value = parts[0] switch
        {
            "event" => context.Event,
            "trigger" => context.Trigger,
            "account" => context.Account,
            "user" => context.User,
            _ => Value.Null,
        };
        for (var i = 1; i < parts.Length && !value.IsNull; i++)
        {
            value = value.AsObject is { } obj && obj.TryGetMember(parts[i], out var member) ? member : Value.Null;
        }

        return value;
    }
}
