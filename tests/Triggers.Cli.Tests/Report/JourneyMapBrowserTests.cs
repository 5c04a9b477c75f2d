using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Triggers.Cli.Commands;
using Triggers.Cli.Report;
using Triggers.Core.Loading;

namespace Triggers.Cli.Tests.Report;

/// <summary>
/// The journey map as people see it: the real <c>triggers report</c> on the sample history, opened from disk in a
/// real headless Chromium. No errors, every stage label visible, the segment switch changes the numbers, nothing
/// leaves the file, and it prints. Keeps screenshots under artifacts/test-results.
/// </summary>
public sealed partial class JourneyMapBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task SampleReport_InChromium_ShowsEveryStage_SwitchesSegments_AndFetchesNothing()
    {
        using var dir = new TempDirectory();
        var html = Path.Combine(dir.Path, "journey.html");
        var report = TriggersProcess.Run(RepoPaths.Root, "report", "--playbooks", RepoPaths.Playbooks, "--events", RepoPaths.SampleEvents, "--out", html);
        Assert.True(report.ExitCode == 0, report.Error);
        var set = PlaybookLoader.Load(PlaybookFiles.Read(RepoPaths.Playbooks)).Set;
        var stages = ReportCommand.Pick(set, null)!.Stages.Select(s => s.Name).ToList();

        await using var watched = await chromium.OpenAsync(html);
        var page = watched.Page;
        var visible = page.Locator("section.segment:not([hidden])");
        Assert.Equal(1, await visible.CountAsync());
        Assert.Equal("all", await visible.GetAttributeAsync("data-segment"));
        Assert.True(await page.Locator("#segment").IsVisibleAsync(), "the segment select is hidden although JavaScript runs");
        foreach (var stage in stages)
        {
            Assert.True(await visible.Locator("table.stages th[scope=row]", new() { HasTextString = stage }).IsVisibleAsync(), $"stage '{stage}' is not in the funnel table");
            Assert.True(await visible.Locator("svg text", new() { HasTextString = stage }).First.IsVisibleAsync(), $"stage '{stage}' is not drawn");
            Assert.True(await visible.Locator("article.stage h4", new() { HasTextString = stage }).IsVisibleAsync(), $"stage '{stage}' has no card");
        }

        Assert.Equal(3, await visible.Locator("figure svg[role=img]").CountAsync());
        var allEntered = await FirstEntered(visible);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artefacts, "journey-map.png"), FullPage = true });

        var (value, label) = await SmallestSegment(page);
        await page.SelectOptionAsync("#segment", value);
        Assert.Equal(1, await visible.CountAsync());
        Assert.Equal(value, await visible.GetAttributeAsync("data-segment"));
        Assert.StartsWith(label, await visible.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await FirstEntered(visible) < allEntered, $"the first stage's entered count did not change for {label}");
        Assert.True(await visible.Locator("figure svg[role=img]").First.IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artefacts, "journey-map-segment.png"), FullPage = true });

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("#segment").IsVisibleAsync(), "the select shows in print");
        Assert.True(await visible.Locator("article.stage").Last.IsVisibleAsync(), "the chosen segment is not printed whole");
        Assert.Equal(1, await page.Locator("section.segment:visible").CountAsync());

        Assert.Empty(watched.Problems);
        Assert.NotEmpty(watched.Requests);
        Assert.All(watched.Requests, url => Assert.StartsWith("file:", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostileHistory_InChromium_RunsNoInjectedScriptAndLoadsNothing()
    {
        static string Line(string id, string type, string account, string data) =>
            $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"t","type":"{{{type}}}","time":"2026-01-0{{{id}}}T00:00:00Z","accountid":"{{{account}}}","data":{{{data}}}}""";
        var account = "<img src=x onerror=\\\"window.pwned=2\\\">";
        using var dir = new TempDirectory()
            .Write("playbooks/p.yaml", "playbook: p\nstage: s\nmilestones:\n  - { id: m, reached_when: { event: user.invited }, success: { event: user.logged_in, within: 1d } }\n" +
                                      "rules:\n  - { id: r, when: { event: user.invited }, do: [ { task: { title: \"{{ account.plan }}\" } } ] }\n")
            .Write("playbooks/journeys/j.yaml", "journey: j\nstages:\n  - { id: s, name: Start, entered_when: { event: subscription.started } }\ntouchpoints: []\n")
            .Write("events.jsonl", string.Join("\n",
                Line("1", "account.updated", account, """{"plan":"<script>window.pwned=1</script>"}"""),
                Line("2", "subscription.started", account, "{}"),
                Line("3", "user.invited", account, "{}"),
                Line("4", "account.updated", "gpj.\\u202Eexe", """{"plan":"pro\u202Eorp"}"""),
                Line("6", "ticket.opened", "later", "{}")) + "\n"); // moves the clock past the milestone's window: a red flag
        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html");
        Assert.True(result.ExitCode == 0, result.Error);

        await using var watched = await chromium.OpenAsync(Path.Combine(dir.Path, "map.html"));
        var page = watched.Page;

        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.pwned"));
        Assert.Contains("<script>window.pwned=1</script>", await page.Locator("#segment").InnerTextAsync(), StringComparison.Ordinal);
        await page.SelectOptionAsync("#segment", "plan=<script>window.pwned=1</script>");
        Assert.Contains("<img src=x", await page.Locator("section.segment:not([hidden]) .flags").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.pwned"));
        // A right-to-left override would make the browser show text other than what is there: written as its escape.
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain('\u202E', text);
        Assert.Contains("pro\\u202eorp", await page.Locator("#segment").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(watched.Problems);
        Assert.All(watched.Requests, url => Assert.StartsWith("file:", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SampleReport_WithoutJavaScript_ShowsAllAccountsAndHidesTheDeadSwitch()
    {
        using var dir = new TempDirectory();
        var html = Path.Combine(dir.Path, "journey.html");
        var report = TriggersProcess.Run(RepoPaths.Root, "report", "--playbooks", RepoPaths.Playbooks, "--events", RepoPaths.SampleEvents, "--out", html);
        Assert.True(report.ExitCode == 0, report.Error);

        await using var watched = await chromium.OpenAsync(html, javaScript: false);

        Assert.Equal(1, await watched.Page.Locator("section.segment:visible").CountAsync());
        Assert.Equal("all", await watched.Page.Locator("section.segment:visible").GetAttributeAsync("data-segment"));
        Assert.False(await watched.Page.Locator("#segment").IsVisibleAsync());
        Assert.Empty(watched.Problems);
    }

    [Fact]
    public async Task LongStageNames_InChromium_StayInsideEveryChart_WithTheWholeNameAsTooltip()
    {
        const string Long = "Uses the key feature every single working week";
        var report = ReportBuilder.MapOf(ReportBuilder.Segment(null, null, 40,
            ReportBuilder.Stage("a", "Zoë & Co's very long onboarding stage name", 40, 0.5, [1, 2, 3]),
            ReportBuilder.Stage("b", Long, 20, 0.5, [4, 5]),
            ReportBuilder.Stage("c", "Advocacy", 10, null)));
        using var dir = new TempDirectory();
        var html = Path.Combine(dir.Path, "journey.html");
        File.WriteAllText(html, JourneyMapHtml.Render(report));

        await using var watched = await chromium.OpenAsync(html);
        var outside = await watched.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('figure svg')].flatMap(svg => {
              const box = svg.getBoundingClientRect();
              return [...svg.querySelectorAll('text')].filter(t => {
                const r = t.getBoundingClientRect();
                return r.left < box.left - 1 || r.right > box.right + 1;
              }).map(t => t.textContent);
            })
            """);

        Assert.Empty(outside);
        Assert.True(await watched.Page.Locator("svg text title", new() { HasTextString = Long }).CountAsync() > 0, "the cut name has no tooltip");
        Assert.True(await watched.Page.Locator("table.stages th[scope=row]", new() { HasTextString = Long }).IsVisibleAsync(), "the table does not give the name in full");
        Assert.Empty(watched.Problems);
    }

    [Fact]
    public async Task AccountsWithoutATrait_InChromium_HaveANamedNotSetSegment_AndEachTraitsSegmentsAddUpToAll()
    {
        static string Line(int id, string type, string account, string data = "{}") =>
            $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"t","type":"{{{type}}}","time":"2026-01-01T00:{{{id:00}}}:00Z","accountid":"{{{account}}}","data":{{{data}}}}""";
        using var dir = new TempDirectory()
            .Write("playbooks/journeys/j.yaml", "journey: j\nstages:\n  - { id: s, name: Start, entered_when: { event: subscription.started } }\ntouchpoints: []\n")
            .Write("events.jsonl", string.Join("\n",
                Line(1, "account.updated", "a", """{"plan":"team","industry":"retail"}"""), Line(2, "subscription.started", "a"),
                Line(3, "account.updated", "b", """{"plan":"team"}"""), Line(4, "subscription.started", "b"),
                Line(5, "account.updated", "b", """{"plan":null}"""), // cleared: not set from here on
                Line(6, "subscription.started", "c")) + "\n");
        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html", "--segment", "plan", "--segment", "industry");
        Assert.True(result.ExitCode == 0, result.Error);

        await using var watched = await chromium.OpenAsync(Path.Combine(dir.Path, "map.html"));
        var page = watched.Page;
        var groups = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#segment optgroup')].map(g => g.label + ': ' + [...g.querySelectorAll('option')].map(o => o.textContent).join(' | '))
            """);
        Assert.Equal("All accounts (3 accounts)", await page.Locator("#segment option").First.InnerTextAsync());
        Assert.Equal(["plan: team (1 account) | (not set) (2 accounts)",
            "industry: retail (1 account) | (not set) (2 accounts)"], groups);

        await page.SelectOptionAsync("#segment", "plan=(not set)");
        var visible = page.Locator("section.segment:not([hidden])");
        Assert.StartsWith("plan: (not set)", await visible.Locator("h2").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await visible.Locator("p.not-set").IsVisibleAsync(), "the page does not say what (not set) means");
        Assert.Equal("2", await visible.Locator("table.stages td.entered").First.InnerTextAsync());
        Assert.Empty(watched.Problems);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(14)]
    [InlineData(40)]
    [InlineData(50)]
    public async Task ManyStages_InChromium_NoTwoLabelsOfAChartOverlap_AndEveryLabelStaysInside(int count)
    {
        string[] names = ["Awareness", "Consideration", "Purchase / sign-up", "Onboarding", "First value", "Adoption", "WEEKLY HABIT", "Expansion",
            "Renewal", "Advocacy", "Mmm, workflows", "Integrate", "Verify value", "Champion"];
        var journey = new StringBuilder("journey: many\nstages:\n");
        for (var i = 0; i < count; i++)
        {
            journey.Append(CultureInfo.InvariantCulture, $"  - {{ id: s{i:00}, name: \"{names[i % names.Length]}{(i < names.Length ? "" : $" {i / names.Length + 1}")}\", entered_when: {{ event: step.s{i:00} }} }}\n");
        }

        // Six accounts walk every stage, answering CSAT and NPS in most (every fourth and fifth stage gets none, so
        // stages without answers sit side by side), each answer a minute after the last.
        var lines = new List<string>();
        void Add(string account, string type, string data = "{}") =>
            lines.Add($$$"""{"specversion":"1.0","id":"{{{lines.Count + 1}}}","source":"t","type":"{{{type}}}","time":"{{{new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(lines.Count):yyyy-MM-ddTHH:mm:ssZ}}}","accountid":"{{{account}}}","data":{{{data}}}}""");
        for (var i = 0; i < count; i++)
        {
            for (var a = 0; a < 6; a++)
            {
                Add($"acct-{a}", $"step.s{i:00}");
                if (i % 5 is not (3 or 4))
                {
                    Add($"acct-{a}", "csat.answered", $$"""{"score":{{1 + (i + a) % 5}}}""");
                    Add($"acct-{a}", "nps.answered", $$"""{"score":{{(i * 3 + a) % 11}}}""");
                }
            }
        }

        using var dir = new TempDirectory().Write("playbooks/journeys/many.yaml", journey.ToString()).Write("events.jsonl", string.Join("\n", lines) + "\n");
        var result = TriggersProcess.Run(dir.Path, "report", "--events", "events.jsonl", "--out", "map.html");
        Assert.True(result.ExitCode == 0, result.Error);

        await using var watched = await chromium.OpenAsync(Path.Combine(dir.Path, "map.html"));
        var problems = await watched.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('section.segment:not([hidden]) figure svg')].flatMap(svg => {
              const box = svg.getBoundingClientRect();
              const texts = [...svg.querySelectorAll('text')].map(t => ({ text: t.textContent, r: t.getBoundingClientRect() })).filter(t => t.r.width > 0);
              const found = texts.filter(t => t.r.left < box.left - 0.5 || t.r.right > box.right + 0.5 || t.r.top < box.top - 0.5 || t.r.bottom > box.bottom + 0.5)
                .map(t => `${svg.getAttribute('aria-label')}: '${t.text}' leaves the picture`);
              for (let i = 0; i < texts.length; i++)
                for (let j = i + 1; j < texts.length; j++) {
                  const [a, b] = [texts[i].r, texts[j].r];
                  if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
                    found.push(`${svg.getAttribute('aria-label')}: '${texts[i].text}' overlaps '${texts[j].text}'`);
                }
              return found;
            })
            """);

        Assert.Empty(problems);
        var sentiment = watched.Page.Locator("section.segment:not([hidden]) figure svg[aria-label^='Sentiment']");
        Assert.Equal(Enumerable.Range(0, count).Count(i => i % 5 is not (3 or 4)), await sentiment.Locator("circle").CountAsync()); // a point per stage with answers
        Assert.Empty(watched.Problems);
        await sentiment.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artefacts, $"sentiment-{count}-stages.png") });
    }

    private static async Task<int> FirstEntered(ILocator section) =>
        int.Parse(await section.Locator("table.stages td.entered").First.InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>The segment with the fewest accounts: its numbers must differ from all accounts'.</summary>
    private static async Task<(string Value, string Label)> SmallestSegment(IPage page)
    {
        var options = page.Locator("#segment option");
        var best = (Value: "", Label: "", Accounts: int.MaxValue);
        for (var i = 1; i < await options.CountAsync(); i++)
        {
            var text = await options.Nth(i).InnerTextAsync();
            var accounts = int.Parse(AccountCount().Match(text).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var group = await options.Nth(i).EvaluateAsync<string>("o => o.parentElement.label");
            if (accounts < best.Accounts)
            {
                best = (await options.Nth(i).GetAttributeAsync("value") ?? "", $"{group}: {text[..text.LastIndexOf(" (", StringComparison.Ordinal)]}", accounts);
            }
        }

        Assert.True(best.Accounts < int.MaxValue, "the report has no segment besides all accounts");
        return (best.Value, best.Label);
    }

    [GeneratedRegex(@"\(([\d,]+) accounts?\)$")]
    private static partial Regex AccountCount();
}
