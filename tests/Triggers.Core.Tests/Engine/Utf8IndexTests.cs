using System.Text;
using System.Text.Json;
using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

public class Utf8IndexTests
{
    [Fact]
    public void GetOrAdd_ManyKeysThroughSeveralGrowths_NumbersEachOnceInOrderFirstSeen()
    {
        var index = new Utf8Index();
        var keys = Enumerable.Range(0, 20_000).Select(i => Encoding.UTF8.GetBytes($"account-{i * 7919 % 20_000}-é")).ToArray();

        var first = keys.Select(k => index.GetOrAdd(k, out var added) is var n && added ? n : -1).ToArray();
        var again = keys.Select(k => index.GetOrAdd(k, out var added) is var n && !added ? n : -1).ToArray();

        Assert.Equal(Enumerable.Range(0, keys.Length), first);
        Assert.Equal(first, again);
        Assert.Equal(keys.Length, index.Count);
        Assert.Equal(first, keys.Select(k => index.Find(k)));
        Assert.Equal(-1, index.Find("account-20000-é"u8));
        Assert.Equal(keys.Length, index.Count); // finding adds nothing
    }

    [Fact]
    public void GetOrAdd_EmptyAndPrefixKeys_AreDistinct()
    {
        var index = new Utf8Index();

        Assert.Equal(0, index.GetOrAdd(""u8, out _));
        Assert.Equal(1, index.GetOrAdd("a"u8, out _));
        Assert.Equal(2, index.GetOrAdd("ab"u8, out _));
        Assert.Equal(1, index.GetOrAdd("a"u8, out var added));
        Assert.False(added);
    }
}

public class InternerTests
{
    private static string Read(Interner interner, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return interner.Get(ref reader);
    }

    [Fact]
    public void Get_SameTextTwice_ReturnsOneSharedString()
    {
        var interner = new Interner(capacity: 8);

        var first = Read(interner, "\"user.logged_in\"");
        var second = Read(interner, "\"user.logged_in\"");

        Assert.Equal("user.logged_in", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Get_EscapedAndPastTheCap_StillDecodesEveryText()
    {
        var interner = new Interner(capacity: 4);

        var texts = Enumerable.Range(0, 50).Select(i => Read(interner, $"\"t{i}\"")).ToList();

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"t{i}"), texts);
        Assert.Equal("acme", Read(interner, "\"\\u0061cme\""));
        Assert.Same(Read(interner, "\"t1\""), Read(interner, "\"t1\"")); // shared: within the cap
    }

    [Fact]
    public void Get_FromTextOrFromJson_GivesTheSameSharedStringAndBytes()
    {
        var interner = new Interner(capacity: 8);
        var reader = new Utf8JsonReader("\"seats_purchased\""u8);
        reader.Read();

        var fromJson = interner.Get(ref reader, out var jsonBytes);
        var fromText = interner.Get(new string("seats_purchased".ToCharArray()), out var textBytes);

        Assert.Same(fromJson, fromText);
        Assert.Same("seats_purchased", fromText); // the runtime's interned copy: a literal is the same object
        Assert.Same(jsonBytes, textBytes);
        Assert.Equal("seats_purchased"u8.ToArray(), textBytes);
    }

    [Fact]
    public void Get_PastTheCap_GivesTheTextWithoutSharedBytes()
    {
        var interner = new Interner(capacity: 2);
        foreach (var name in new[] { "a", "b", "c" })
        {
            interner.Get(name, out _);
        }

        Assert.Equal("zz", interner.Get("zz", out var bytes));
        Assert.Null(bytes);
        Assert.Equal("a", interner.Get("a", out var shared));
        Assert.NotNull(shared);
    }

    [Fact]
    public void Get_TextWithALoneSurrogate_IsNotSharedWithTheReplacementCharacter()
    {
        var interner = new Interner(capacity: 8);

        var lone = interner.Get("x\ud800", out var loneBytes);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("\"x\uFFFD\""));
        reader.Read();

        Assert.Equal("x\ud800", lone);
        Assert.Null(loneBytes);
        Assert.Equal("x\uFFFD", interner.Get(ref reader));
    }

    [Fact]
    public void Get_FromManyThreadsAtOnce_GivesEveryThreadTheRightTexts()
    {
        var interner = new Interner(capacity: 64);

        var results = Enumerable.Range(0, 8).AsParallel().Select(_ =>
            Enumerable.Range(0, 2_000).All(i => Read(interner, $"\"name-{i % 100}\"") == $"name-{i % 100}")).ToList();

        Assert.All(results, Assert.True);
    }
}

public class Utf8HashTests
{
    [Fact]
    public void Of_KeysOfEveryLengthDifferingInAnyOneByte_HashApart()
    {
        for (var length = 1; length <= 40; length++)
        {
            var key = Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();
            var hash = Utf8Hash.Of(key);
            for (var at = 0; at < length; at++)
            {
                var other = (byte[])key.Clone();
                other[at] = (byte)'#';
                Assert.NotEqual(hash, Utf8Hash.Of(other));
            }

            Assert.Equal(hash, Utf8Hash.Of((byte[])key.Clone()));
            Assert.True(hash >= 0);
        }
    }
}
