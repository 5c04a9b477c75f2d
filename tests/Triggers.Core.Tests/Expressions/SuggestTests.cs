using Triggers.Core.Diagnostics;

namespace Triggers.Core.Tests.Expressions;

public class SuggestTests
{
    private static readonly string[] Roots = ["event", "trigger", "account", "user"];

    [Theory]
    [InlineData("acount", "account")]
    [InlineData("acconut", "account")]
    [InlineData("evnt", "event")]
    [InlineData("triger", "trigger")]
    [InlineData("usr", "user")]
    [InlineData("Account", "account")]
    public void Closest_SmallTypo_Suggests(string input, string expected) =>
        Assert.Equal(expected, Suggest.Closest(input, Roots));

    [Theory]
    [InlineData("plan")]
    [InlineData("xyz")]
    [InlineData("")]
    [InlineData("accountinfo")]
    public void Closest_FarFromEveryCandidate_ReturnsNull(string input) =>
        Assert.Null(Suggest.Closest(input, Roots));

    [Fact]
    public void Closest_Transposition_CountsAsOneEdit() =>
        Assert.Equal("type", Suggest.Closest("tpye", ["id", "type", "time"]));

    [Fact]
    public void Closest_Ties_PreferFirstCandidate() =>
        Assert.Equal("cat", Suggest.Closest("bat", ["cat", "hat"]));

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ab", "ba", 1)]
    public void Distance_Pairs_CountsEdits(string a, string b, int expected) =>
        Assert.Equal(expected, Suggest.Distance(a, b));
}
