namespace Triggers.Core.Expressions;

/// <summary>
/// The CloudEvents attributes readable under <c>event</c> and <c>trigger</c>. Anything else is a mistake:
/// the event's own payload lives under <c>data</c>.
/// </summary>
internal static class EventAttributes
{
    private static readonly Dictionary<string, ExprType> Types = new(StringComparer.Ordinal)
    {
        ["id"] = ExprType.String,
        ["source"] = ExprType.String,
        ["type"] = ExprType.String,
        ["time"] = ExprType.Time,
        ["subject"] = ExprType.String,
        ["specversion"] = ExprType.String,
        ["datacontenttype"] = ExprType.String,
        ["dataschema"] = ExprType.String,
        ["data"] = ExprType.Any,
        ["accountid"] = ExprType.String,
        ["userid"] = ExprType.String,
    };

    public static IEnumerable<string> Names => Types.Keys;

    public static ExprType? TypeOf(string name) => Types.TryGetValue(name, out var type) ? type : null;
}
