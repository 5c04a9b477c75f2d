using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// quiet_hours.timezone is a zone name or an expression: text that could be a zone name is looked up as one (a typo
/// is TRG017, not a division of two unknown names), anything holding a '.', a bracket, a quote or a space is an expression.
/// </summary>
public sealed class QuietHoursZoneTextTests
{
    private static string[] Errors(string zone)
    {
        var yaml = $"playbook: p\nrules:\n  - id: r\n    when: {{ event: user.invited }}\n    do:\n      - task: {{ title: t }}\n" +
                   $"    quiet_hours: {{ from: \"20:00\", to: \"08:00\", timezone: {zone} }}\n";
        return [.. PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]).Diagnostics.Where(d => d.IsError).Select(d => d.ToString())];
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("europe/berlin")] // one zone whatever the case
    [InlineData("UTC")]
    [InlineData("utc")]
    [InlineData("GMT")] // names of the tz database without a slash
    [InlineData("Japan")]
    [InlineData("EST5EDT")]
    [InlineData("Etc/GMT+1")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("account.timezone")]
    [InlineData("user.timezone")]
    [InlineData("'coalesce(user.timezone, account.timezone, \"UTC\")'")]
    [InlineData("'account[\"time-zone\"]'")]
    public void ZoneNameOrExpression_Loads(string zone) => Assert.Empty(Errors(zone));

    [Theory]
    [InlineData("Europe/Berln", "p.yaml:7:58: error TRG017: unknown time zone 'Europe/Berln'")]
    [InlineData("\"Europe/Berlin \"", "p.yaml:7:59: error TRG017: unknown time zone 'Europe/Berlin '")]
    [InlineData("timezone", "p.yaml:7:58: error TRG017: unknown time zone 'timezone'")]
    [InlineData("Local", "p.yaml:7:58: error TRG017: unknown time zone 'Local'")] // the machine's own: replays must not depend on it
    [InlineData("posixrules", "p.yaml:7:58: error TRG017: unknown time zone 'posixrules'")] // a file of the machine's zone folder, not a tz name
    [InlineData("right/Europe/Berlin", "p.yaml:7:58: error TRG017: unknown time zone 'right/Europe/Berlin'")]
    [InlineData("\"account.timezone == 'Europe/Berlin'\"", "p.yaml:7:59: error TRG102: expected text but this is true/false")] // a condition names no zone: it would always be UTC
    [InlineData("posix/Asia/Tokyo", "p.yaml:7:58: error TRG017: unknown time zone 'posix/Asia/Tokyo'")]
    [InlineData("Europe//Berlin", "p.yaml:7:58: error TRG017: unknown time zone 'Europe//Berlin'")]
    [InlineData("'coalesce(usr.timezone, \"UTC\")'", "p.yaml:7:68: error TRG101: unknown name 'usr'; did you mean 'user'?")]
    public void NoSuchZone_OrAWrongExpression_IsAnErrorAtIt(string zone, string expected) => Assert.Equal([expected], Errors(zone));

    [Theory]
    [InlineData("Europe/Berln", "did you mean Europe/Berlin? (an IANA name, or a trait such as account.timezone)")]
    [InlineData("America/New_Yrok", "did you mean America/New_York? (an IANA name, or a trait such as account.timezone)")]
    [InlineData("Mars/Olympus_Mons", "use an IANA name such as Europe/Berlin, or a trait such as account.timezone")]
    public void NoSuchZone_HintsTheClosestKnownOne(string zone, string hint)
    {
        var yaml = $"playbook: p\nrules:\n  - id: r\n    when: {{ event: user.invited }}\n    do:\n      - task: {{ title: t }}\n" +
                   $"    quiet_hours: {{ from: \"20:00\", to: \"08:00\", timezone: {zone} }}\n";
        var error = Assert.Single(PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]).Diagnostics, d => d.IsError);
        Assert.Equal(hint, error.Hint);
    }
}
