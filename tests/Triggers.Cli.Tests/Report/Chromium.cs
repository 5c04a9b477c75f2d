using Microsoft.Playwright;

namespace Triggers.Cli.Tests.Report;

/// <summary>
/// Debian's Chromium driven by Playwright (never <c>playwright install</c>: it downloads browsers). One browser per
/// test class; each page records console errors, page errors and every request, and lets only file: requests through.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: scripts/install-test-deps.sh installs Debian's chromium");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Opens a page that records what went wrong and what it tried to load; non-file requests are aborted.</summary>
    public async Task<Watched> OpenAsync(string htmlFile, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1100, Height = 1400 },
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        var watched = new Watched(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                watched.Problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => watched.Problems.Add($"page error: {error}");
        page.Request += (_, request) => watched.Requests.Add(request.Url);
        await page.RouteAsync("**/*", route =>
            route.Request.Url.StartsWith("file:", StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        await page.GotoAsync(new Uri(htmlFile).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return watched;
    }

    public sealed class Watched(IBrowserContext context, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public List<string> Problems { get; } = [];

        public List<string> Requests { get; } = [];

        public ValueTask DisposeAsync() => new(context.CloseAsync());
    }
}
