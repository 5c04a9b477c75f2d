using System.IO.Compression;
using System.Text;

namespace Triggers.Cli.Tests;

/// <summary>A history given in the wrong shape by mistake: read when it can be, refused in one line when it cannot.</summary>
public sealed class HistoryFileTests
{
    private const string Playbook = WelcomePlaybook.Yaml;

    private const string Events = """
        {"specversion":"1.0","id":"e1","source":"app","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme","userid":"u1"}
        {"specversion":"1.0","id":"e2","source":"app","type":"user.invited","time":"2026-01-06T10:00:00Z","accountid":"acme","userid":"u2"}

        """;

    private static byte[] Gzip(string text)
    {
        var bytes = new MemoryStream();
        using (var gz = new GZipStream(bytes, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(Encoding.UTF8.GetBytes(text));
        }

        return bytes.ToArray();
    }

    [Fact]
    public void Simulate_AGzipFileWithoutGzName_IsReadThroughGzip_NotRejectedLineByLine()
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook);
        File.WriteAllBytes(Path.Combine(dir.Path, "events.jsonl"), Gzip(Events));

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.OutputLines.Count(l => l.Contains("\"kind\":\"action\"", StringComparison.Ordinal)));
        Assert.DoesNotContain("rejected", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_AGzipHistoryOnStandardInput_IsReadThroughGzip()
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook);

        var result = TriggersProcess.RunWithInput(dir.Path, Gzip(Events), "simulate", "--events", "-", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.OutputLines.Count(l => l.Contains("\"kind\":\"action\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Simulate_APlainHistoryOnStandardInput_IsReadWhole()
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook);

        var result = TriggersProcess.RunWithInput(dir.Path, Encoding.UTF8.GetBytes(Events), "simulate", "--events", "-", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.OutputLines.Count(l => l.Contains("\"kind\":\"action\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Simulate_AHistoryFromANamedPipe_IsReadAsItIsWritten_GzipRecognisedByItsFirstBytes(bool gzip)
    {
        // As --events <(zcat events.jsonl.gz) gives it: a pipe, which cannot seek, so it is looked at as it streams.
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook).Fifo("events.jsonl");
        var content = gzip ? Gzip(Events) : Encoding.UTF8.GetBytes(Events);
        var writer = new Thread(() =>
        {
            using var pipe = new FileStream(Path.Combine(dir.Path, "events.jsonl"), FileMode.Open, FileAccess.Write);
            pipe.Write(content);
        }) { IsBackground = true }; // were the pipe never opened, it would wait there for ever
        writer.Start();

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.True(writer.Join(TimeSpan.FromSeconds(30)), "the pipe was never read");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.OutputLines.Count(l => l.Contains("\"kind\":\"action\"", StringComparison.Ordinal)));
        Assert.DoesNotContain("rejected", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_DevStdin_IsReadAsStandardInputIs_GzipIncluded()
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook);

        var result = TriggersProcess.RunWithInput(dir.Path, Gzip(Events), "simulate", "--events", "/dev/stdin", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, result.OutputLines.Count(l => l.Contains("\"kind\":\"action\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Simulate_AJsonArrayFromAPipe_IsRefusedInOneLine_WithTheFilterToPipeItThrough()
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook);

        var result = TriggersProcess.RunWithInput(dir.Path, Encoding.UTF8.GetBytes("[\n  {\"specversion\": \"1.0\"}\n]\n"), "simulate", "--events", "/dev/stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("triggers: /dev/stdin is a JSON array, not JSON Lines: write one event per line, e.g. pipe it through jq -c '.[]'", result.Error.Trim());
    }

    public static TheoryData<string, byte[], string> NotHistories => new()
    {
        { "zip", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00], "triggers: events.jsonl is a zip archive, not JSON Lines: unpack it first" },
        { "utf-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Events)], "triggers: events.jsonl is UTF-16 text; a history is read as UTF-8: convert it first, e.g. iconv -f UTF-16 -t UTF-8 events.jsonl > events.converted.jsonl" },
        { "utf-16 without a byte order mark", Encoding.Unicode.GetBytes(Events), "triggers: events.jsonl is UTF-16 text" },
        { "json array", Encoding.UTF8.GetBytes("[\n  {\"specversion\": \"1.0\"}\n]\n"), "triggers: events.jsonl is a JSON array, not JSON Lines: write one event per line, e.g. jq -c '.[]' events.jsonl > events.converted.jsonl" },
        { "binary", [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00], "triggers: events.jsonl is not JSON Lines: it holds binary data (a zero byte at byte 8)" },
        { "lone CR line ends", Encoding.UTF8.GetBytes(Events.Replace("\n", "\r", StringComparison.Ordinal)), "triggers: events.jsonl ends its lines with a lone carriage return (CR), not a line feed: convert it first, e.g. tr '\\r' '\\n' < events.jsonl > events.converted.jsonl" },
        { "pretty-printed", Encoding.UTF8.GetBytes("{\n  \"specversion\": \"1.0\",\n  \"id\": \"e1\"\n}\n"), "triggers: events.jsonl is pretty-printed JSON (each event over many lines), not JSON Lines: write one event per line, e.g. jq -c . events.jsonl > events.converted.jsonl" },
    };

    [Theory]
    [MemberData(nameof(NotHistories))]
    public void Simulate_AFileThatIsNoHistory_IsRefusedInOneLine_WithExit1(string kind, byte[] content, string message)
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook);
        File.WriteAllBytes(Path.Combine(dir.Path, "events.jsonl"), content);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.True(result.ExitCode == 1, kind);
        Assert.Equal("", result.Output);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Simulate_ZerosAfterWholeLines_AsACrashLeavesThem_RejectThatLineAndReplayTheRest()
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook);
        File.WriteAllBytes(Path.Combine(dir.Path, "events.jsonl"), [.. Encoding.UTF8.GetBytes(Events), .. new byte[512]]);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"kind\":\"action\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"rejected\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 rejected", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("report")]
    public void AHistoryWhoseEveryLineIsRejected_EndsWithAWarningSayingSo(string command)
    {
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook).Write("events.csv", "id,type,time\ne1,user.invited,2026-01-05\n")
            .Write("playbooks/journeys/j.yaml", "journey: j\nstages:\n  - { id: start, name: Start, entered_when: { event: user.invited } }\ntouchpoints: []\n");

        var result = TriggersProcess.Run(dir.Path, command == "report"
            ? ["report", "--events", "events.csv", "--out", "map.html"]
            : ["simulate", "--events", "events.csv"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: every line of events.csv was rejected (2 lines), so nothing was replayed: --events takes JSON Lines, one CloudEvent object per line\n", result.Error, StringComparison.Ordinal);
    }
}
