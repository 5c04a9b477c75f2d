namespace Triggers.Core.Loading;

/// <summary>IANA time-zone lookup; zone data is part of the platform, like culture data.</summary>
public static class TimeZones
{
    /// <summary>
    /// The zone named <paramref name="id"/>, an IANA name (<c>Europe/Berlin</c>) or <c>UTC</c>. Case aside: a CRM that
    /// writes <c>europe/berlin</c> means one zone only, and falling back to UTC for it would send at night.
    /// </summary>
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || (!id.Contains('/', StringComparison.Ordinal) && !id.Equals("UTC", StringComparison.OrdinalIgnoreCase)))
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
