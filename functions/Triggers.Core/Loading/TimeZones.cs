namespace Triggers.Core.Loading;

/// <summary>IANA time-zone lookup; zone data is part of the platform, like culture data.</summary>
public static class TimeZones
{
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || (!id.Contains('/', StringComparison.Ordinal) && id != "UTC"))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }
}
