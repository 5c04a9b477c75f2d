using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Core.Testing;

/// <summary>
/// Pairs a test's expectations with its outcomes one to one, as many pairs as there can be (Kuhn's augmenting
/// paths). Taking the first outcome that fits would let a loose expectation listed first take the one outcome a
/// stricter one needs; this way a test passes whenever some pairing exists, whatever order its expectations are in.
/// </summary>
/// <remarks>
/// Expectations are placed in the order they are listed and each tries outcomes in the order they happened, so the
/// same test always gets the same pairing; one placed once stays paired (a later one may only move it to another
/// outcome), so when not all can be paired an expectation only ever loses out to ones listed before it. Tests hold a
/// few dozen of each at most.
/// </remarks>
internal static class ExpectationMatcher
{
    /// <summary>For each outcome, the index of the expectation paired with it, or -1.</summary>
    public static int[] Match(IReadOnlyList<Expectation> expectations, IReadOnlyList<Outcome> outcomes)
    {
        var candidates = expectations
            .Select(e => Enumerable.Range(0, outcomes.Count).Where(i => PlaybookTestRunner.Matches(e, outcomes[i])).ToArray())
            .ToArray();
        var owner = Enumerable.Repeat(-1, outcomes.Count).ToArray();
        for (var e = 0; e < expectations.Count; e++)
        {
            Place(e, candidates, owner, new bool[outcomes.Count]);
        }

        return owner;
    }

    /// <summary>Finds expectation <paramref name="e"/> an outcome, moving the ones in the way to others if they have any.</summary>
    private static bool Place(int e, int[][] candidates, int[] owner, bool[] visited)
    {
        foreach (var o in candidates[e])
        {
            if (visited[o])
            {
                continue;
            }

            visited[o] = true;
            if (owner[o] < 0 || Place(owner[o], candidates, owner, visited))
            {
                owner[o] = e;
                return true;
            }
        }

        return false;
    }
}
