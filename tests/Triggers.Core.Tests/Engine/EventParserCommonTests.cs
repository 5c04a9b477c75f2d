using System.Text;
using System.Text.Json;
using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// The one-pass reading of an event's common shape stands in for the JSON reader on nearly every line of a history,
/// so it must never accept a line the reader rejects, and must give the same envelope for a line both accept.
/// </summary>
public sealed class EventParserCommonTests
{
    private static readonly string[] Handmade =
    [
        """{"specversion":"1.0","id":"e1","source":"s","type":"ticket.opened","time":"2026-01-05T10:00:00Z","accountid":"acme","userid":"u1","subject":"t-9","data":{"n":1}}""",
        """ { "specversion" : "1.0" , "source" : "s" , "id" : "e1" , "type" : "a.b" , "time" : "2026-01-05T10:00:00Z" , "accountid" : "acme" } """,
        "{\t\"specversion\":\"1.0\",\"source\":\"s\",\"id\":\"e1\",\r\n\"type\":\"a.b\",\"time\":\"2026-01-05T10:00:00Z\",\"accountid\":\"acme\"}",
        """{"specversion":"1.0","source":"s","id":"e\"1\\","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"ac\u00e9me","data":"a \/ b \b\f\n\r\t \u0041"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":[0,-0,1.5,-2e10,3E+2,4e-2,1e400,123456789012345678901234567890,true,false,null,[],{},[[{"a":[{}]}]]]}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":{"x":{"y":{"z":[1,2,{"w":"\uD83D\uDE80"}]}},"empty":"","n":-0.5}}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00+02:00","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00.123Z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-02-30T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05t10:00:00z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05t10:00:00.5+01:00","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"t\u0079pe.x","time":"2026-01-05T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","i\u0064":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","id":"e2","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","source":42,"userid":null,"subject":{"a":1}}""",
        """{"source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","specversion":"1\u002e0"}""",
        """{"source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","specversion":"0.3"}""",
        """{"specversion":"1.0","source":"s","id":"","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"","time":"2026-01-05T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme",}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme"} {}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":[1,]}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":01}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":"tab	inside"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":tru}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":"\x41"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":/* no */1}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":""" + new string('[', 40) + new string(']', 40) + "}",
        """{"specversion":"1.0","source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme","data":""" + new string('[', 70) + new string(']', 70) + "}",
        """{"source":"s","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"","id":"e1","type":"a.b","time":"2026-01-05T10:00:00Z","accountid":"acme"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"account.updated","time":"2026-01-05T10:00:00Z","accountid":"acme","data":[{"plan":"pro"}]}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"user.updated","time":"2026-01-05T10:00:00Z","accountid":"acme","data":"pro"}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"account.updated","time":"2026-01-05T10:00:00Z","accountid":"acme","data":null}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"account.updated","time":"2026-01-05T10:00:00Z","accountid":"acme","data":{"plan":"pro"}}""",
        """{"specversion":"1.0","source":"s","id":"e1","type":"ticket.opened","time":"2026-01-05T10:00:00Z","accountid":"acme","data":[1,"two"]}""",
        """["id","e1"]""",
        "",
    ];

    // Bytes a mutation puts in: JSON's own punctuation and the starts of its tokens, where a slip changes the most.
    private static readonly byte[] Alphabet = Encoding.UTF8.GetBytes("{}[]\":,\\ \t0123456789-+.eEtrufalsn/ubx\u00e9");

    [Fact]
    public void EveryLineEitherWayReadsTheSame_HandmadeAndGenerated()
    {
        foreach (var line in Lines())
        {
            AssertAgrees(Encoding.UTF8.GetBytes(line));
        }
    }

    [Fact]
    public void TensOfThousandsOfMutatedLines_AreNeverAcceptedUnlessTheReaderAcceptsThemAlike()
    {
        var random = new Random(20261202);
        var lines = Lines().Select(Encoding.UTF8.GetBytes).ToArray();
        var accepted = 0;
        for (var i = 0; i < 40_000; i++)
        {
            var line = Mutate(random, lines[random.Next(lines.Length)]);
            if (System.Text.Unicode.Utf8.IsValid(line))
            {
                accepted += AssertAgrees(line) ? 1 : 0;
            }
        }

        Assert.InRange(accepted, 1_000, 39_000); // both kinds are met: lines taken, and lines left to the reader
    }

    [Fact]
    public void TheCommonShape_IsReadInOnePass()
    {
        // What the speed figures assume: a generated history never needs the reader's parse.
        Assert.All(HistoryGenerator.Generate(seed: 3, events: 500).Select(e => e.Json), line =>
            Assert.True(EventParser.TryReadCommon(Encoding.UTF8.GetBytes(line), out _), line));
    }

    /// <summary>Whether the one pass took the line; fails when it took one the reader rejects or reads otherwise.</summary>
    private static bool AssertAgrees(byte[] line)
    {
        var common = EventParser.TryReadCommon(line, out var quick);
        if (!common)
        {
            return false;
        }

        string? error;
        EventParser.Envelope read;
        try
        {
            error = EventParser.Read(line, out read);
        }
        catch (JsonException e)
        {
            error = e.Message;
            read = default;
        }

        var text = Encoding.UTF8.GetString(line);
        Assert.True(error is null, $"taken in one pass, but the reader says: {error}\n{text}");
        Assert.True(read == quick, $"read differently:\n{read}\n{quick}\n{text}");
        return true;
    }

    private static IEnumerable<string> Lines() =>
        Handmade.Concat(HistoryGenerator.Generate(seed: 11, events: 300).Select(e => e.Json));

    private static byte[] Mutate(Random random, byte[] line)
    {
        var bytes = new List<byte>(line);
        for (var n = random.Next(1, 4); n > 0 && bytes.Count > 0; n--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 1:
                    bytes.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    var length = random.Next(1, Math.Min(12, bytes.Count - at) + 1);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
