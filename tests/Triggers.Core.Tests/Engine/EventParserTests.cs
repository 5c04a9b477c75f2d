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
    [InlineData("type", """{"id":"inner","accountid":"other"}""", "missing required attribute 'type'")]
    [InlineData("time", """["2026-01-05T10:00:00Z"]""", "missing required attribute 'time'")]
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
}
