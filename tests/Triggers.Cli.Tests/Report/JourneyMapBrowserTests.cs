using Microsoft.Playwright;
using Triggers.Core.Loading;

namespace Triggers.Cli.Tests.Report;

/// <summary>
/// The journey map as people see it: rendered in a real headless Chromium (Debian's, driven by Playwright),
/// checked for errors, visible stages, a working segment switch and no network use. Keeps a screenshot.
/// </summary>
public sealed class JourneyMapBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task JourneyMap_InChromium_ShowsEveryStage_SwitchesSegments_AndFetchesNothing()
    {
        Assert.True(File.Exists(Chromium), "Debian's chromium is missing: scripts/install-test-deps.sh installs it");
        using var dir = new TempDirectory();
        var html = Path.Combine(dir.Path, "journey.html");
        var report = TriggersProcess.Run(RepoPaths.Root, "report", "--playbooks", RepoPaths.Playbooks, "--events", RepoPaths.SampleEvents,
            "--out", html, "--journey", "cs-lifecycle");
        Assert.True(report.ExitCode == 0, report.Error);
        var stages = PlaybookLoader.Load(Directory.GetFiles(Path.Combine(RepoPaths.Playbooks, "journeys"), "cs-lifecycle.yaml")
            .Select(p => new SourceFile(p, File.ReadAllText(p)))).Set.Journeys.Single().Stages.Select(s => s.Name).ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 1400 } });
        var problems = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(new Uri(html).AbsoluteUri);

        var visible = page.Locator("section.segment:not([hidden])");
        Assert.Equal(1, await visible.CountAsync());
        foreach (var stage in stages)
        {
            Assert.True(await visible.Locator("table.stages th[scope=row]", new() { HasTextString = stage }).IsVisibleAsync(), $"stage '{stage}' is not visible");
            Assert.True(await visible.Locator("svg text", new() { HasTextString = stage }).First.IsVisibleAsync(), $"stage '{stage}' is not drawn");
        }

        var allAccounts = await visible.Locator("td.entered").First.InnerTextAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artefacts, "journey-map.png"), FullPage = true });

        var persona = await page.Locator("#segment option", new() { HasTextString = "persona: service-smb" }).GetAttributeAsync("value");
        await page.SelectOptionAsync("#segment", persona!);
        Assert.Contains("persona: service-smb", await visible.Locator("h2").InnerTextAsync());
        var segmentAccounts = await visible.Locator("td.entered").First.InnerTextAsync();
        Assert.NotEqual(allAccounts, segmentAccounts);
        Assert.True(int.Parse(segmentAccounts, System.Globalization.CultureInfo.InvariantCulture) < int.Parse(allAccounts, System.Globalization.CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artefacts, "journey-map-service-smb.png") });

        Assert.Empty(problems);
        Assert.All(requests, url => Assert.StartsWith("file:", url));
    }
}
