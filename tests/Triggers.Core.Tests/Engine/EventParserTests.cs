using System.Text;
using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

public class EventParserTests
{
    private const string Plain = """{"specversion":"1.0","id":"e1","source":"crm","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme","userid":"u1","subject":"s","data":{"n":1}}""";

    [Fact]
    public void TryParse_AttributeNamesWrittenWithEscapes_ReadAsThePlainNames()
    {
        var escaped = Plain.Replace("\"type\"", "\"\\u0074ype\"", StringComparison.Ordinal)
            .Replace("\"accountid\"", "\"acc\\u006funtid\"", StringComparison.Ordinal)
            .Replace("\"specversion\"", "\"\\u0073\\u0070\\u0065\\u0063version\"", StringComparison.Ordinal)
            .Replace("\"userid\"", "\"user\\u0069d\"", StringComparison.Ordinal);

        Assert.Equal(Read(Plain), Read(escaped));
        Assert.Equal(("e1", "user.invited", "acme", "u1", "s", "crm", """{"n":1}"""), Read(escaped));
    }

    [Fact]
    public void TryParse_NamesThatOnlyStartLikeAttributes_AreOtherExtensions()
    {
        var json = Plain.Replace("\"userid\":\"u1\",", "\"userids\":\"x\",\"id2\":\"y\",\"typ\":\"z\",", StringComparison.Ordinal);

        Assert.Equal(("e1", "user.invited", "acme", (string?)null, "s", "crm", """{"n":1}"""), Read(json));
    }

    [Theory]
    [InlineData("type", """{"id":"inner","accountid":"other"}""", "'type' must be a non-empty string")]
    [InlineData("time", """["2026-01-05T10:00:00Z"]""", "'time' must be a string (an RFC 3339 timestamp such as 2026-01-05T10:00:00Z)")]
    [InlineData("specversion", """{"v":"1.0"}""", "specversion must be \"1.0\"")]
    public void TryParse_ObjectOrArrayWhereAStringBelongs_IsRejectedWithoutReadingInsideIt(string attribute, string value, string reason)
    {
        var json = Plain.Replace($"\"{attribute}\":", $"\"{attribute}\":{value},\"was\":", StringComparison.Ordinal);

        Assert.False(EventParser.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Equal(reason, error);
    }

    private static (string Id, string Type, string Account, string? User, string? Subject, string Source, string Data) Read(string json)
    {
        Assert.True(EventParser.TryParse(Encoding.UTF8.GetBytes(json), out var e, out var error), error);
        using (e)
        {
            return (e!.Id, e.Type, e.AccountId, e.UserId, e.Subject, e.Source, Encoding.UTF8.GetString(e.DataJson));
        }
    }

    [Theory]
    [InlineData("2026-01-05T10:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2024-02-29T12:30:45Z")]
    [InlineData("2026-02-29T12:30:45Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-00-10T00:00:00Z")]
    [InlineData("2026-04-31T00:00:00Z")]
    [InlineData("2026-01-05T24:00:00Z")]
    [InlineData("2026-01-05T23:60:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-01-05t10:00:00z")]
    [InlineData("2026-01-05T10:00:00z")]
    [InlineData("2026-01-05t10:00:00Z")]
    [InlineData("2026-01-05t10:00:00.250z")]
    [InlineData("2026-01-05t10:00:00+02:00")]
    [InlineData("2026-01-05\\u007410:00:00\\u007a")]
    [InlineData("2026-01-05x10:00:00z")]
    [InlineData("2026-01-05T10:00:00+02:00")]
    [InlineData("2026-01-05T10:00:00.250Z")]
    [InlineData("2026-01-05 10:00:00Z")]
    [InlineData("2026-01-05 10:00:00.5+01:00")]
    [InlineData("2026-01-05")]
    [InlineData("2026-01-05T10:00")]
    [InlineData("2026-1-05T10:00:00Z")]
    [InlineData("２０26-01-05T10:00:00Z")]
    public void TryParse_EventTimes_ReadExactlyAsTheJsonReadersOwnParserReadsThem_ALowerCaseTOrZAsUpperCase(string time)
    {
        // RFC 3339 (5.6) allows t and z, and a space for the T; the reader's parser does not. It takes a date alone, which is no time.
        var json = Plain.Replace("2026-01-05T10:00:00Z", time, StringComparison.Ordinal);
        var upper = time.Replace('t', 'T').Replace('z', 'Z').Replace("\\u0074", "T", StringComparison.Ordinal).Replace("\\u007a", "Z", StringComparison.Ordinal);
        upper = upper.Length > 10 && upper[10] == ' ' ? $"{upper[..10]}T{upper[11..]}" : upper;
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes($"\"{upper}\""));
        reader.Read();
        var expected = upper.Contains('T', StringComparison.Ordinal) && reader.TryGetDateTimeOffset(out var parsed) ? parsed.UtcTicks : (long?)null;

        var ok = EventParser.TryParse(Encoding.UTF8.GetBytes(json), out var e, out var error);

        Assert.Equal(expected, ok ? e!.TimeTicks : null);
        Assert.True(ok || error!.StartsWith("'time' is", StringComparison.Ordinal), error);
    }

    [Fact]
    public void TryParse_SeededTimesAcrossTheCalendar_ReadAsTheJsonReaderReadsThem()
    {
        var random = new Random(1201);
        for (var i = 0; i < 20_000; i++)
        {
            var time = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            var text = time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(EventParser.TryParse(Encoding.UTF8.GetBytes(Plain.Replace("2026-01-05T10:00:00Z", text, StringComparison.Ordinal)), out var e, out _), text);
            Assert.Equal(time.Ticks, e!.TimeTicks);
            var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes($"\"{text}\""));
            reader.Read();
            Assert.True(EventParser.TryReadUtcSeconds(ref reader, out var ticks), text); // the digit-by-digit path, not the fallback
            Assert.Equal(time.Ticks, ticks);
        }
    }

    [Theory]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.9999999Z")]
    [InlineData("2016-12-31t23:59:60.5z", "2016-12-31T23:59:59.9999999Z")]
    [InlineData("2017-01-01T00:59:60+01:00", "2016-12-31T23:59:59.9999999Z")]
    [InlineData("2016-12-31T23:59:61Z", null)]
    [InlineData("2016-12-31T23:60:60Z", null)]
    public void TryParse_ALeapSecond_IsTheLastTickBeforeIt_AsRfc3339AllowsIt(string time, string? read)
    {
        // .NET cannot hold second 60: read as the end of second 59, it still sorts after 23:59:59 and before the next day.
        var ok = EventParser.TryParse(Encoding.UTF8.GetBytes(Plain.Replace("2026-01-05T10:00:00Z", time, StringComparison.Ordinal)), out var e, out var error);

        long? expected = read is null ? null : DateTimeOffset.Parse(read, System.Globalization.CultureInfo.InvariantCulture).UtcTicks;
        Assert.Equal(expected, ok ? e!.TimeTicks : null);
        Assert.True(ok || error!.StartsWith("'time' is not an RFC 3339 timestamp", StringComparison.Ordinal), error);
    }

    [Theory]
    [InlineData("\"userid\":\"\"")] // the fast path
    [InlineData("\"userid\" : \"\"")] // the reader's
    public void TryParse_AnEmptyUserId_IsNoUser_AsNullIs(string userid)
    {
        var json = Plain.Replace("\"userid\":\"u1\"", userid, StringComparison.Ordinal);

        Assert.True(EventParser.TryParse(Encoding.UTF8.GetBytes(json), out var e, out var error), error);
        Assert.Null(e!.UserId);
    }
}
