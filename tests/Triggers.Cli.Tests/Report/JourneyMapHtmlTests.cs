using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Triggers.Cli.Report;
using Triggers.Core.Analytics;
using static Triggers.Cli.Tests.Report.ReportBuilder;

namespace Triggers.Cli.Tests.Report;

public sealed class JourneyMapHtmlTests
{
    private const string Hostile = "<script>alert(1)</script>\"'&";

    [Fact]
    public void Render_HostileValuesFromEvents_AreEscapedEverywhere()
    {
        var stage = Stage("start", "Start <b>", 3, 0.5, [1, 2],
            flags: [new RedFlag("<img src=x onerror=alert(2)>", "p/<m>", DateTimeOffset.UnixEpoch)],
            milestones: [new MilestoneReport("p/<m>", 1, 0, 1, 0, null)],
            touchpoints: [new TouchpointCount("t", "<iframe>", "<svg onload=alert(3)>", 4)]);
        var report = MapOf(Segment(null, null, 3, stage), Segment("plan", Hostile, 1, stage), Segment("<trait>", "x\" onmouseover=\"alert(4)", 1, stage));

        var html = JourneyMapHtml.Render(report);

        Assert.Single(Regex.Matches(html, "<script"));
        foreach (var raw in new[] { "<img", "<iframe", "<svg onload", "<b>", "<m>", "<trait>", "\" onmouseover" })
        {
            Assert.DoesNotContain(raw, html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Start &lt;b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EverySegment_HasEveryFigureAndTable_AndOnlyTheFirstIsShown()
    {
        var report = ThreePlans();

        var html = JourneyMapHtml.Render(report);

        var sections = Regex.Matches(html, "<section class=\"segment\" data-segment=\"([^\"]*)\"( hidden)?>(.*?)</section>", RegexOptions.Singleline);
        Assert.Equal(["all", "plan=team", "plan=business"], sections.Select(m => m.Groups[1].Value));
        Assert.Equal(["", " hidden", " hidden"], sections.Select(m => m.Groups[2].Value));
        Assert.Equal(["all", "plan=team", "plan=business"], Regex.Matches(html, "<option value=\"([^\"]*)\"").Select(m => m.Groups[1].Value));
        foreach (Match section in sections)
        {
            var body = section.Groups[3].Value;
            foreach (var figure in new[] { "Funnel", "Time in stage", "Sentiment", "Stages in detail", "Playbook activity" })
            {
                Assert.Contains($"<h3>{figure}</h3>", body, StringComparison.Ordinal);
            }

            Assert.Equal(3, Regex.Count(body, "<svg role=\"img\" aria-label=\"[^\"]+\"[^>]*><title>[^<]+</title><desc>"));
            foreach (var table in new[] { "stages funnel", "time", "sentiment", "activity" })
            {
                Assert.Contains($"<table class=\"{table}\">", body, StringComparison.Ordinal);
            }

            Assert.Equal(3, Regex.Count(body, "<article class=\"stage"));
            foreach (var name in new[] { "Start", "Middle", "End" })
            {
                Assert.Contains($"<th scope=\"row\">{name}", body, StringComparison.Ordinal);
                Assert.Contains($">{name}</text>", body, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Render_Output_HasNoUrlAndLoadsNothing()
    {
        var html = JourneyMapHtml.Render(ThreePlans());

        Assert.DoesNotMatch(new Regex("https?:|//[a-z]", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex("\\s(src|href|xlink:href|srcset|action)\\s*=|url\\(|@import", RegexOptions.IgnoreCase), html);
        Assert.Contains("default-src 'none'", WebUtilityDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ContentSecurityPolicy_AdmitsExactlyTheInlineStyleAndScript()
    {
        var html = JourneyMapHtml.Render(ThreePlans());

        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var policy = WebUtilityDecode(Regex.Match(html, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value);
        Assert.Contains($"script-src '{Sha256(script)}'", policy, StringComparison.Ordinal);
        Assert.Contains($"style-src '{Sha256(style)}'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal); // an inline style attribute would be blocked
    }

    [Fact]
    public void Render_UnderAGermanCulture_WritesInvariantNumbers()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var stage = Stage("start", "Start", 12345, 0.5, [0.5, 12.5, 80.25]);
            var html = JourneyMapHtml.Render(MapOf(Segment(null, null, 12345, stage)));

            Assert.Contains("12,345 events", html, StringComparison.Ordinal);
            Assert.Contains("<td class=\"entered\">12,345</td>", html, StringComparison.Ordinal);
            Assert.Contains("<td>12.5</td>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("12,5", html, StringComparison.Ordinal);
            Assert.DoesNotContain("12.345", html, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_RedFlags_ListsTheFirstTenAccountsAndCountsTheRest()
    {
        var flags = Enumerable.Range(1, 25).Select(i => new RedFlag($"acct-{i:00}", "p/m", DateTimeOffset.UnixEpoch.AddDays(i))).ToList();

        var html = JourneyMapHtml.Render(MapOf(Segment(null, null, 25, Stage("start", "Start", 25, flags: flags))));

        Assert.Equal(10, Regex.Count(html, "<span class=\"account\">acct-"));
        Assert.Contains("acct-10<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("acct-11<", html, StringComparison.Ordinal);
        Assert.Contains("and 15 more", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.995, "99.5%")] // 199 of 200 moved on: not "100% move on"
    [InlineData(0.99999, "99.999%")]
    [InlineData(0.004, "0.4%")] // 1 of 250: not "0% move on"
    [InlineData(1.0, "100%")]
    [InlineData(0.0, "0%")]
    [InlineData(0.8833, "88%")]
    public void Percent_AShareThatIsNeitherNoneNorAll_NeverShowsAs0Or100(double share, string shown)
    {
        Assert.Equal(shown, Html.Percent(share));
    }

    [Fact]
    public void Render_OneOf200Lost_FunnelSaysSo()
    {
        var html = JourneyMapHtml.Render(MapOf(Segment(null, null, 200, Stage("start", "Start", 200, 199 / 200.0, stuck: 1, dropped: 0))));

        Assert.Contains("200 entered &#183; 99.5% move on", html, StringComparison.Ordinal);
        Assert.DoesNotContain("100% move on", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AStageSomeSkipped_GivesTheStepsOwnConversionBesideMovingOn()
    {
        var html = JourneyMapHtml.Render(MapOf(Segment(null, null, 3,
            Stage("trial", "Trial", 3, 1.0, stuck: 0, dropped: 0) with { ConversionToFollowing = 1.0 / 3 },
            Stage("paid", "Paid", 1, 1.0, stuck: 0, dropped: 0) with { ConversionToFollowing = 1.0 },
            Stage("adopted", "Adopted", 3, null, stuck: 0, dropped: 0))));

        Assert.Contains("3 entered &#183; 100% move on (33% to Paid)", html, StringComparison.Ordinal);
        Assert.Contains("1 entered &#183; 100% move on<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bottlenecks_AreTheStagesLosingMostAccounts_NeverTheLast()
    {
        var segment = Segment(null, null, 100,
            Stage("a", "A", 100, stuck: 30, dropped: 10), Stage("b", "B", 60, stuck: 5, dropped: 0), Stage("c", "C", 50, stuck: 10, dropped: 15),
            Stage("d", "D", 20, conversion: null, stuck: 90, dropped: 0));

        Assert.Equal(["a", "c"], StageFacts.Bottlenecks(segment).Order());
    }

    [Fact]
    public void Palette_TextColours_ReadOnWhiteAndOnPanels()
    {
        foreach (var colour in Palette.TextColours)
        {
            Assert.True(Palette.Contrast(colour, Palette.Paper) >= 4.5, $"{colour} on white: {Palette.Contrast(colour, Palette.Paper):F2}");
            Assert.True(Palette.Contrast(colour, Palette.Panel) >= 4.5, $"{colour} on the panel: {Palette.Contrast(colour, Palette.Panel):F2}");
        }

        // Marks need 3:1 against white (WCAG non-text contrast) where they carry meaning on their own.
        foreach (var mark in new[] { Palette.Blue, Palette.Vermillion, Palette.Green })
        {
            Assert.True(Palette.Contrast(mark, Palette.Paper) >= 3, $"{mark}: {Palette.Contrast(mark, Palette.Paper):F2}");
        }
    }

    [Theory]
    [InlineData("Uses the key feature every single working week", 120)]
    [InlineData("WEEKLY HABIT WITH MANY MMMs", 120)]
    [InlineData("Zoë 🚀🚀🚀🚀🚀🚀🚀🚀", 60)]
    [InlineData("iiiiiiiiiiiiiiiiiiiiiiiiiiiiii", 60)]
    public void TextMetrics_Fit_CutsALongLabelToItsWidth_CapitalsCountingWider(string text, double width)
    {
        var shown = TextMetrics.Fit(text, width, 13);

        Assert.True(TextMetrics.Width(shown, 13) <= width, $"'{shown}' is wider than {width}");
        Assert.EndsWith(TextMetrics.Ellipsis, shown, StringComparison.Ordinal);
        Assert.StartsWith(shown[..^1], text, StringComparison.Ordinal); // no half emoji: the kept part is the text's own start
        Assert.True(TextMetrics.Width("WEEKLY", 13) > TextMetrics.Width("weekly", 13) && TextMetrics.Width("weekly", 13) > TextMetrics.Width("illicit", 13));
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string WebUtilityDecode(string text) => System.Net.WebUtility.HtmlDecode(text);
}
