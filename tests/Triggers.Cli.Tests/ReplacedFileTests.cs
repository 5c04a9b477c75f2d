namespace Triggers.Cli.Tests;

/// <summary>report and generate write their file whole or not at all: a run stopped half way keeps the old one.</summary>
public sealed class ReplacedFileTests
{
    [Fact]
    public void StoppedBeforeCommit_LeavesTheOldFile_AndNoPartialOne()
    {
        using var dir = new TempDirectory().Write("journey.html", "<p>last week's map</p>");
        var path = Path.Combine(dir.Path, "journey.html");

        using (var file = new ReplacedFile(path))
        {
            file.Stream.Write("<p>half a m"u8);
            // no Commit: an exception on the way out of the using
        }

        Assert.Equal("<p>last week's map</p>", File.ReadAllText(path));
        Assert.Equal(["journey.html"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Committed_ReplacesTheOldFile_AndLeavesNothingBeside()
    {
        using var dir = new TempDirectory().Write("journey.html", "<p>last week's map</p>");
        var path = Path.Combine(dir.Path, "journey.html");

        using (var file = new ReplacedFile(path))
        {
            file.Stream.Write("<p>this week's map</p>"u8);
            file.Commit();
        }

        Assert.Equal("<p>this week's map</p>", File.ReadAllText(path));
        Assert.Equal(["journey.html"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Generate_ToAPath_WritesTheWholeHistoryThere_AndNothingElse()
    {
        using var dir = new TempDirectory();

        var result = TriggersProcess.Run(dir.Path, "generate", "--accounts", "3", "--months", "1", "--out", "history.jsonl");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["history.jsonl"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        Assert.EndsWith("\n", File.ReadAllText(Path.Combine(dir.Path, "history.jsonl")), StringComparison.Ordinal);
    }
}
