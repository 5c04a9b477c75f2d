namespace Triggers.Core.Loading;

/// <summary>IANA time-zone lookup; zone data is part of the platform, like culture data.</summary>
public static class TimeZones
{
    /// <summary>
    /// The zone named <paramref name="id"/>: any name of the tz database (<c>Europe/Berlin</c>, and the older ones
    /// without a slash it still carries, <c>UTC</c>, <c>GMT</c>, <c>Japan</c>, <c>EST5EDT</c>). Case aside: a CRM that
    /// writes <c>europe/berlin</c> means one zone only, and falling back to UTC for it would send at night. Never the
    /// machine's own zone (<c>Local</c>), nor a file of the machine's zone folder that names no zone of the database
    /// (<c>posixrules</c>, which is whatever zone the system packager chose, <c>localtime</c>, the <c>right/</c> and
    /// <c>posix/</c> copies, <c>Europe//Berlin</c>): a replay gives the same results on every machine.
    /// </summary>
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Equals("Local", StringComparison.OrdinalIgnoreCase) || id.Contains("..", StringComparison.Ordinal) ||
            id[0] is '/' or '\\' || id.Contains("//", StringComparison.Ordinal) || id.Contains('\\') || id.Contains("/./", StringComparison.Ordinal) ||
            id.StartsWith("posix", StringComparison.OrdinalIgnoreCase) || id.StartsWith("right/", StringComparison.OrdinalIgnoreCase) ||
            id.Equals("localtime", StringComparison.OrdinalIgnoreCase) || id.Equals("Factory", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!) ||
               (Known.Value.TryGetValue(id, out var written) && TimeZoneInfo.TryFindSystemTimeZoneById(written, out zone!));
    }

    /// <summary>The known zone whose name is closest to <paramref name="id"/> (<c>Europe/Berln</c>), for a hint.</summary>
    public static string? Closest(string id) => Diagnostics.Suggest.Closest(id, Known.Value.Values);

    // Every zone the platform knows, by name in any case (only read when a name is not found as written).
    private static readonly Lazy<Dictionary<string, string>> Known = new(() =>
    {
        var zones = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in TimeZoneInfo.GetSystemTimeZones())
        {
            zones.TryAdd(zone.Id, zone.Id);
        }

        return zones;
    });
}
