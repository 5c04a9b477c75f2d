using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// The timeline keeps outcomes as records and writes their lines later: each line must be the one the JSON writer
/// makes, byte for byte, whatever the text holds.
/// </summary>
public class OutcomeRecorderTests
{
    // Text that exercises every escaping path: quotes and backslashes, control characters, HTML-sensitive characters,
    // accents, emoji (surrogate pairs), line separators, effect-id-like hex.
    private static readonly string[] Names =
    [
        "", "plain", "acct-26054", "say \"hi\"\\now", "tab\there\nnew\u0001line", "<b>&'</b>", "réussite", "日本語",
        "party 🎉 time", "para\u2028graph\u2029", "\u007f del", "0123456789abcdef01234567", "0123456789ABCDEF01234567",
    ];

    // And lone surrogates (possible in a .NET string, not in Unicode): the writer replaces them in text and refuses
    // them in names, so they can only come from events, into text fields, never from the playbooks' names.
    private static readonly string[] Texts =
        [.. Names, "lone \ud83d high", "lone \ude00 low", "\udc00\ud800 reversed", "ends high \ud83d", "\ude00 starts low"];

    public static TheoryData<string> Encoders => ["default", "relaxed", "readable"];

    [Theory]
    [MemberData(nameof(Encoders))]
    public void Format_OfManyOutcomesWithAwkwardText_IsTheLineTheJsonWriterWrites(string encoderName)
    {
        var encoder = encoderName switch
        {
            "relaxed" => JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            "readable" => Triggers.Core.Expressions.ReadableJsonEncoder.Instance, // the one simulate uses
            _ => null,
        };
        using var recorder = new OutcomeRecorder(encoder);
        var random = new Random(11);
        for (var i = 0; i < 3_000; i++)
        {
            var outcome = RandomOutcome(random);

            Assert.Equal(Written(outcome, encoder), Formatted(recorder, recorder.Record(outcome)));
        }
    }

    [Fact]
    public void Format_OnceTheTableOfNamesIsFull_StillWritesTheSameLines()
    {
        using var recorder = new OutcomeRecorder { MaxNames = 3 };
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var outcome = RandomOutcome(random);

            Assert.Equal(Written(outcome, null), Formatted(recorder, recorder.Record(outcome)));
        }
    }

    [Fact]
    public void Record_OfATypicalStageChange_IsAboutAThirdOfItsLine()
    {
        using var recorder = new OutcomeRecorder();
        var outcome = new Outcome
        {
            Kind = OutcomeKind.Stage, Time = DateTimeOffset.Parse("2026-01-01T00:01:07Z"), AccountId = "acct-26054", Journey = "cs-lifecycle", Stage = "purchase",
            TriggerEventId = "evt-000000000", Because = "entered purchase", Key = new EffectIds.Key("v1", "cs-lifecycle/purchase", "evt-000000000", "entered"),
        };

        var record = recorder.Record(outcome).Length;

        Assert.True(record * 2.5 < Written(outcome, null).Length, $"{record} bytes kept for a line of {Written(outcome, null).Length}");
    }

    [Fact]
    public void Format_IntoTooSmallASpan_SaysSoAndFitsExactlyTheLinesLength()
    {
        using var recorder = new OutcomeRecorder();
        var outcome = RandomOutcome(new Random(3));
        var record = recorder.Record(outcome).ToArray();
        var line = Written(outcome, null);

        Assert.Equal(-1, recorder.Format(record, new byte[line.Length - 1]));
        Assert.Equal(line.Length, recorder.Format(record, new byte[line.Length]));
    }

    [Fact]
    public void Line_IsWrittenAsItIs()
    {
        using var recorder = new OutcomeRecorder();
        var text = "2026-01-01T00:00:00Z  stage  acct-1  \"réussite\" 🎉";

        Assert.Equal(Encoding.UTF8.GetBytes(text), Formatted(recorder, recorder.Line(text)));
    }

    private static Outcome RandomOutcome(Random random)
    {
        string Text() => Texts[random.Next(Texts.Length)];
        string? Maybe() => random.Next(3) == 0 ? null : Text();
        string Name() => Names[random.Next(Names.Length)];
        string? MaybeName() => random.Next(3) == 0 ? null : Name();
        var kind = (OutcomeKind)random.Next(7);
        var time = DateTimeOffset.UnixEpoch.AddTicks(random.NextInt64(0, DateTime.MaxValue.Ticks - DateTimeOffset.UnixEpoch.Ticks));
        var outcome = new Outcome
        {
            Kind = kind, Time = time, AccountId = Maybe(), Playbook = MaybeName(), Rule = MaybeName(), Action = random.Next(2) == 0 ? "webhook" : MaybeName(),
            To = Maybe(), Template = MaybeName(), Title = Maybe(), Assignee = Maybe(), Priority = MaybeName(), Target = MaybeName(), Type = MaybeName(),
            Due = random.Next(2) == 0 ? time.AddMinutes(random.Next(100_000)) : null,
            Payload = random.Next(2) == 0 ? null : $"{{\"text\":{JsonSerializer.Serialize(Text())},\"n\":{random.Next()}}}",
            Reason = Maybe(), TriggerEventId = Maybe(),
            Key = random.Next(4) == 0 ? default : new EffectIds.Key("v1", Text(), Text(), Text()),
        };
        outcome = random.Next(3) switch
        {
            0 => outcome with { Milestone = Name(), Status = MaybeName() },
            1 => outcome with { Journey = MaybeName(), Stage = Name() },
            _ => outcome,
        };
        return random.Next(3) switch
        {
            0 => outcome with { BecauseParts = (random.Next(2) == 0 ? Name() : Text(), Maybe(), Maybe()) },
            1 => outcome with { Because = Maybe() },
            _ => outcome,
        };
    }

    private static byte[] Written(Outcome outcome, JavaScriptEncoder? encoder)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = encoder }))
        {
            OutcomeJson.Write(json, outcome);
        }

        return buffer.ToArray();
    }

    private static byte[] Formatted(OutcomeRecorder recorder, ReadOnlySpan<byte> record)
    {
        var line = new byte[1 << 16];
        var length = recorder.Format(record, line);
        Assert.True(length >= 0, "the line fits in 64 KB");
        return line[..length];
    }
}
