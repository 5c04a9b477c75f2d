namespace Triggers.Core.Expressions;

/// <summary>Null-safe reads into objects and lists: whatever is missing or of the wrong kind reads as null.</summary>
internal static class Access
{
    public static Value Member(Value target, string name) =>
        target.Kind == ValueKind.Object && target.AsObject!.TryGetMember(name, out var value) ? value : Value.Null;

    /// <summary>Follows a whole path at once, so <c>event.data.a.b</c> costs one delegate call, not four.</summary>
    public static Value Walk(Value target, string[] names)
    {
        foreach (var name in names)
        {
            if (target.Kind != ValueKind.Object || !target.AsObject!.TryGetMember(name, out target))
            {
                return Value.Null;
            }
        }

        return target;
    }

    public static Value Index(Value target, Value index)
    {
        if (target.Kind == ValueKind.List && index.Kind == ValueKind.Number)
        {
            var list = target.AsList;
            var position = index.AsNumber;
            return position >= 0 && position < list.Count && position == Math.Floor(position) ? list[(int)position] : Value.Null;
        }

        return index.Kind == ValueKind.String ? Member(target, index.AsString) : Value.Null;
    }
}
