using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>A missing or mistyped key is answered with the line to write, not the rule restated.</summary>
public sealed class KeyHintTests
{
    private static string Hint(string yaml)
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.IsError);
        return diagnostic.Hint ?? "(no hint)";
    }

    [Fact]
    public void MissingKey_HintShowsHowToWriteIt()
    {
        var hint = Hint("""
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
            """);

        Assert.StartsWith("write it like this: do: [ { email:", hint);
    }

    [Fact]
    public void WrongType_HintShowsHowToWriteIt()
    {
        var hint = Hint("""
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                do:
                  - task: { title: t }
                limit: { max: [1], per: 14d }
            """);

        Assert.Equal("write it like this: max: 1", hint);
    }

    [Fact]
    public void DurationComparedWithANumber_HintSaysDurationsHaveAUnit()
    {
        var hint = Hint("""
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                unless: { event: user.logged_in, where: event.time - trigger.time < 3, within: 3d }
                do:
                  - task: { title: t }
            """);

        Assert.StartsWith("a duration has a unit: compare it with 3d", hint);
    }

    [Fact]
    public void FunctionCalledWithTheWrongNumberOfArguments_HintShowsHowToCallIt()
    {
        var hint = Hint("""
            playbook: p
            rules:
              - id: r
                when: { event: user.invited, where: starts_with(event.data.email) }
                do:
                  - task: { title: t }
            """);

        Assert.Equal("write it as starts_with(text, prefix)", hint);
    }

    [Fact]
    public void QuietHoursTo_IsATimeOfDay_NotARecipient()
    {
        var hint = Hint("""
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                do:
                  - task: { title: t }
                quiet_hours: { from: "20:00", timezone: Europe/Berlin }
            """);

        Assert.Equal("write it like this: to: \"08:00\"", hint);
    }

    [Theory]
    [InlineData("playbook: Invite_Colleague", "use lower-case letters, digits and '-': invite-colleague")]
    [InlineData("playbook: InviteColleague2", "use lower-case letters, digits and '-': invite-colleague2")]
    [InlineData("playbook: invite colleague", "use lower-case letters, digits and '-': invite-colleague")]
    [InlineData("playbook: ünïcode", "use lower-case letters, digits and '-', e.g. invite-colleague")]
    public void InvalidId_HintGivesTheIdMostLikelyMeant(string header, string expected) =>
        Assert.Equal(expected, Hint($"{header}\nrules:\n  - id: r\n    when: {{ event: user.invited }}\n    do: [ {{ task: {{ title: t }} }} ]\n"));

    [Theory]
    [InlineData("User.LoggedIn", "event types are dotted lower-case names: user.logged_in")]
    [InlineData("user.logged-in", "event types are dotted lower-case names: user.logged_in")]
    [InlineData("USER.INVITED", "event types are dotted lower-case names: user.invited")]
    [InlineData("loggedIn", "event types are dotted lower-case names such as user.logged_in")]
    public void InvalidEventType_HintGivesTheTypeMostLikelyMeant(string type, string expected) =>
        Assert.Equal(expected, Hint($"playbook: p\nrules:\n  - id: r\n    when: {{ event: {type} }}\n    do: [ {{ task: {{ title: t }} }} ]\n"));
}
