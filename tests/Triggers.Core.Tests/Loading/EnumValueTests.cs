using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>TRG019 reads as a sentence whatever the key is called, 'is' included (audit #23).</summary>
public sealed class EnumValueTests
{
    [Fact]
    public void BadValueOfIs_NamesTheKeyInQuotes()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { stage: onboarding, is: exited }
                do:
                  - task: { title: t }
            """)]);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("p.yaml:4:36: error TRG019: 'exited' is not a valid value for 'is'", error.ToString());
        Assert.Equal("'is' takes one of: entered", error.Hint);
    }

    [Fact]
    public void BadValueOfIs_OnAMilestoneThatDoesNotExist_ReportsBothMistakes()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { milestone: nope, is: done }
                do:
                  - task: { title: t }
            """)]);

        Assert.Equal(["TRG009 p.yaml:4:24", "TRG019 p.yaml:4:34"],
            result.Diagnostics.Where(d => d.IsError).Select(d => $"{d.Code} {d.Location.File}:{d.Location.Line}:{d.Location.Column}").Order(StringComparer.Ordinal));
    }
}
