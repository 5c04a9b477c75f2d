using System.Globalization;

namespace Triggers.Cli;

/// <summary>A count with its noun for summary lines, singular for one: <c>1 duplicate</c>, <c>2,048 duplicates</c>, <c>0 segments</c>.</summary>
internal static class Counted
{
    public static string Of(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
