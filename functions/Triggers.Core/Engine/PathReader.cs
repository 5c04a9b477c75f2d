using System.Runtime.CompilerServices;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>Reads a dotted data path (<c>account.plan</c>) from a context, for explanations.</summary>
internal static class PathReader
{
    // Explanations read the same few paths (the compiled expressions' own strings) once per firing: each is split
    // once, and forgotten with the playbooks that hold it.
    private static readonly ConditionalWeakTable<string, string[]> Parts = [];

    public static Value Read(EvalContext context, string path)
    {
        var parts = Parts.GetValue(path, static p => [.. p.Split('.').Select(string.Intern)]); // interned, as trait names are
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
