namespace Triggers.Cli.Generate;

/// <summary>
/// An account's firmographics: a unique name and email domain, industry, size band, plan, region and time zone.
/// Time zones carry a fixed standard offset (no daylight saving) so the same seed gives the same bytes whatever
/// time-zone database the machine has.
/// </summary>
internal sealed record Firm(string Name, string Domain, string Industry, string CompanySize, string Plan, string Zone, int OffsetHours, string Region)
{
    private static readonly Dictionary<string, (int Offset, string Region)> ZoneFacts = new(StringComparer.Ordinal)
    {
        ["Europe/Berlin"] = (1, "EMEA"), ["Europe/Paris"] = (1, "EMEA"), ["Europe/London"] = (0, "EMEA"),
        ["America/New_York"] = (-5, "NA"), ["America/Chicago"] = (-6, "NA"), ["America/Los_Angeles"] = (-8, "NA"),
        ["Australia/Sydney"] = (10, "APAC"),
    };

    private static readonly string[] Prefixes =
        ["Nova", "Bright", "Summit", "Keller", "Harbour", "Orbit", "Maple", "Atlas", "Lumen", "Oak", "Delta", "Prism",
         "Cedar", "Falcon", "Granite", "Juniper", "Lakeside", "Meridian", "North Star", "Pioneer", "Quarry", "Redwood", "Silver", "Tidewater",
         "Union", "Vantage", "Westbrook", "Yellowstone", "Zenith", "Anchor", "Beacon", "Copper", "Driftwood", "Evergreen", "Foxglove", "Highland"];

    private static readonly Dictionary<string, string[]> Nouns = new(StringComparer.Ordinal)
    {
        ["software"] = ["Labs", "Works", "Stack"], ["analytics"] = ["Metrics", "Insight", "Data"],
        ["cleaning"] = ["Cleaning", "Cleaners", "Housekeeping"], ["accounting"] = ["Accounting", "Bookkeeping", "Tax Advisors"],
        ["hospitality"] = ["Bistro", "Guesthouse", "Catering"], ["manufacturing"] = ["Metalworks", "Plastics", "Machining"],
        ["automotive"] = ["Auto Parts", "Drivetrain", "Castings"],
    };

    /// <summary>A firm for the <paramref name="rank"/>-th account of its persona; names never repeat within a persona.</summary>
    public static Firm For(Persona persona, int rank, Random random)
    {
        var industry = Pick(random, persona.Industries);
        var nouns = Nouns[industry];
        var round = rank / (Prefixes.Length * nouns.Length);
        var name = $"{Prefixes[rank % Prefixes.Length]} {nouns[rank / Prefixes.Length % nouns.Length]}" + (round > 0 ? $" {round + 1}" : "");
        var zone = Pick(random, persona.Zones);
        var (offset, region) = ZoneFacts[zone];
        return new Firm(name, Slug(name) + ".test", industry, Pick(random, persona.CompanySizes), Pick(random, persona.Plans), zone, offset, region);
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');
}
