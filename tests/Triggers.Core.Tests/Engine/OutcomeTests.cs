using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

public class OutcomeTests
{
    private static Outcome Email() => new()
    {
        Kind = OutcomeKind.Action, Time = DateTimeOffset.Parse("2026-01-08T10:00:00Z"), AccountId = "acme", Playbook = "p", Rule = "r",
        Action = "email", To = "bob@acme.test", Template = "invite-reminder", Due = DateTimeOffset.Parse("2026-01-09T10:00:00+02:00"),
    };

    [Fact]
    public void With_ChangingAnActionField_LeavesTheOriginalAsItWas()
    {
        var original = Email();

        var copy = original with { To = "ann@acme.test" };

        Assert.Equal("bob@acme.test", original.To);
        Assert.Equal("ann@acme.test", copy.To);
        Assert.Equal("invite-reminder", copy.Template);
        Assert.NotEqual(original, copy);
    }

    [Fact]
    public void Equality_SameFieldsBuiltTwice_AreEqual()
    {
        Assert.Equal(Email(), Email());
        Assert.Equal(Email().GetHashCode(), Email().GetHashCode());
    }

    [Fact]
    public void Times_GivenWithAnOffset_ReadBackAsTheSameInstantInUtc()
    {
        var outcome = Email();

        Assert.Equal(TimeSpan.Zero, outcome.Time.Offset);
        Assert.Equal(DateTimeOffset.Parse("2026-01-09T08:00:00Z"), outcome.Due);
        Assert.Equal(TimeSpan.Zero, outcome.Due!.Value.Offset);
    }

    [Fact]
    public void ActionFields_OnAMilestone_AreAllNull()
    {
        var milestone = new Outcome { Kind = OutcomeKind.Milestone, Time = DateTimeOffset.UnixEpoch, Milestone = "m", Status = "reached" };

        Assert.Null(milestone.To);
        Assert.Null(milestone.Due);
        Assert.Null(milestone.Payload);
        Assert.Equal("", milestone.Id);
    }

    [Fact]
    public void MilestoneAndStageFields_ReadOnlyOnTheirOwnKindOfChange()
    {
        var milestone = new Outcome { Kind = OutcomeKind.Milestone, Time = DateTimeOffset.UnixEpoch, Status = "reached", Milestone = "m" };
        var stage = new Outcome { Kind = OutcomeKind.Stage, Time = DateTimeOffset.UnixEpoch, Stage = "onboarding", Journey = "saas" };

        Assert.Equal(("m", "reached", null, null), (milestone.Milestone, milestone.Status, milestone.Journey, milestone.Stage));
        Assert.Equal((null, null, "saas", "onboarding"), (stage.Milestone, stage.Status, stage.Journey, stage.Stage));
        Assert.Equal("onboarding", (stage with { AccountId = "a" }).Stage);
        Assert.NotEqual(milestone with { Status = "failed" }, milestone);
        Assert.Throws<InvalidOperationException>(() => new Outcome { Kind = OutcomeKind.Stage, Time = DateTimeOffset.UnixEpoch, Stage = "s", Milestone = "m" });
    }

    [Fact]
    public void Id_SameEffectForAnotherAccount_Differs()
    {
        var first = Run("acct-1");
        var again = Run("acct-1");
        var other = Run("acct-2");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);

        static string Run(string account) => new Outcome
        {
            Kind = OutcomeKind.Stage, Time = DateTimeOffset.UnixEpoch, AccountId = account, Key = new EffectIds.Key("v1", "saas/onboarding", "evt-1", "entered"),
        }.Id;
    }

    [Fact]
    public void Id_PartsHoldingLineBreaks_CannotMakeTwoFiresOne()
    {
        // Account "x\nE1" with event "E2", and account "x" with event "E1\nE2": joined by line breaks unescaped, both
        // hashed the same text, and a dispatcher deduping on the id would drop one of two different tasks.
        Assert.NotEqual(Id("x\nE1", "E2"), Id("x", "E1\nE2"));
        Assert.NotEqual(Id("x\\nE1", "E2"), Id("x\nE1", "E2")); // a backslash and an n are not a line break either

        // Parts without either keep the ids they always had (dispatchers dedupe across versions).
        Assert.Equal("0f47d61c797aa6e3790e0529", Id("acct-1", "evt-1")); // the first 12 bytes of SHA-256("v1\np/r\nacct-1\nevt-1\n0")

        static string Id(string account, string cause) => EffectIds.For("v1", "p/r", account, cause, "0");
    }

    [Fact]
    public void Because_KeptInParts_ReadsAndWritesAsOneText()
    {
        var outcome = new Outcome
        {
            Kind = OutcomeKind.Milestone, Time = DateTimeOffset.UnixEpoch, BecauseParts = ("user.invited", "e\"1", "; success needs user.logged_in within 1w"),
        };
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            OutcomeJson.Write(json, outcome with { });
        }

        var written = System.Text.Json.JsonDocument.Parse(buffer.ToArray()).RootElement.GetProperty("because").GetString();
        Assert.Equal("user.invited e\"1; success needs user.logged_in within 1w", outcome.Because);
        Assert.Equal(outcome.Because, written);
        Assert.Equal("entered", (outcome with { Because = "entered" }).Because);
    }

    [Theory]
    [InlineData("2026-03-29T01:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("2026-12-31T23:59:59.999+00:00", "2026-12-31T23:59:59.999Z")]
    [InlineData("2026-01-01T00:00:00.050+01:00", "2025-12-31T23:00:00.050Z")]
    [InlineData("0042-07-04T09:05:03Z", "0042-07-04T09:05:03Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999Z")]
    [InlineData("2026-01-05T10:00:00.1234567Z", "2026-01-05T10:00:00.1234567Z")] // an audit saw this and .123456 both as .123
    [InlineData("2026-01-05T10:00:00.123456Z", "2026-01-05T10:00:00.123456Z")]
    [InlineData("2026-01-05T10:00:00.1Z", "2026-01-05T10:00:00.100Z")]
    public void Times_AreWrittenInUtc_WithTheFractionOnlyWhenThereIsOne_MillisecondsAtLeast(string given, string written)
    {
        var time = DateTimeOffset.Parse(given, System.Globalization.CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            OutcomeJson.Write(json, new Outcome { Kind = OutcomeKind.Stage, Time = time });
        }

        Assert.Equal(written, OutcomeJson.Format(time));
        Assert.Equal(written, System.Text.Json.JsonDocument.Parse(buffer.ToArray()).RootElement.GetProperty("time").GetString());
    }

    [Fact]
    public void TaskWithoutAssignee_IsWrittenWithAssigneeNull_ByTheWriterAndTheRecorderAlike()
    {
        // The contract lists assignee among a task's fields: a reader that takes it from every task line finds it.
        var task = new Outcome { Kind = OutcomeKind.Action, Time = DateTimeOffset.Parse("2026-01-08T10:00:00Z"), AccountId = "acme", Action = "task", Title = "call them" };

        var (written, recorded) = WrittenAndRecorded(task);

        Assert.Equal("""{"kind":"action","time":"2026-01-08T10:00:00Z","accountid":"acme","action":"task","id":"","title":"call them","assignee":null}""", written);
        Assert.Equal(written, recorded);
    }

    /// <summary>The outcome's JSON line as the writer makes it, and as the recorder makes it again from its record.</summary>
    private static (string Written, string Recorded) WrittenAndRecorded(Outcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            OutcomeJson.Write(json, outcome);
        }

        using var recorder = new OutcomeRecorder();
        var line = new byte[256];
        return (System.Text.Encoding.UTF8.GetString(buffer.ToArray()), System.Text.Encoding.UTF8.GetString(line, 0, recorder.Format(recorder.Record(outcome), line)));
    }

    [Fact]
    public void RejectedLineWithNoTime_IsWrittenWithoutTime_ByTheWriterAndTheRecorderAlike_AndShownAsADash()
    {
        // Year 1 is where such a line lies on the timeline, not when anything happened: it is not printed as a time.
        var outcome = new Outcome { Kind = OutcomeKind.Rejected, Time = DateTimeOffset.MinValue, TimeUnknown = true, Reason = "not valid JSON", Because = "events.jsonl:1" };

        var (written, recorded) = WrittenAndRecorded(outcome);

        Assert.Equal("""{"kind":"rejected","id":"","reason":"not valid JSON","because":"events.jsonl:1"}""", written);
        Assert.Equal(written, recorded);
        Assert.Equal("-", OutcomeJson.Format(outcome));
        Assert.True((outcome with { Reason = "x" }).TimeUnknown);
        Assert.Equal("2026-01-08T10:00:00Z", OutcomeJson.Format(Email()));
    }

    [Fact]
    public void Names_AreEscapedAsEachWritersEncoderWould_EvenWhenWrittenBeforeWithAnother()
    {
        // A stage name outside ASCII, written alternately by the command's relaxed writer and a default one: the
        // default escapes é and the relaxed one does not, whichever wrote the name first.
        var outcome = new Outcome { Kind = OutcomeKind.Stage, Time = DateTimeOffset.UnixEpoch, Journey = "cycle", Stage = "réussite <b>" };
        var relaxed = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        string Written(System.Text.Json.JsonWriterOptions options)
        {
            using var buffer = new MemoryStream();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer, options))
            {
                OutcomeJson.Write(json, outcome);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        for (var round = 0; round < 2; round++)
        {
            Assert.Contains("\"stage\":\"r\\u00E9ussite \\u003Cb\\u003E\"", Written(default), StringComparison.Ordinal);
            Assert.Contains("\"stage\":\"réussite <b>\"", Written(relaxed), StringComparison.Ordinal);
        }
    }
}
