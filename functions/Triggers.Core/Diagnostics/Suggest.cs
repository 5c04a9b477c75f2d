namespace Triggers.Core.Diagnostics;

/// <summary>
/// "Did you mean ...?" suggestions for misspelt names: keys, roots, functions, ids. Uses the
/// optimal-string-alignment distance so a swapped pair of letters (<c>tpye</c>) counts as one typo.
/// </summary>
public static class Suggest
{
    /// <summary>
    /// The candidate nearest to <paramref name="input"/>, if it is within max(1, length / 3) edits;
    /// otherwise null, because a far-fetched suggestion misleads more than it helps.
    /// </summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        if (input is null || candidates is null)
        {
            return null;
        }

        var limit = Math.Max(1, input.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate is null || Math.Abs(candidate.Length - input.Length) > limit)
            {
                continue;
            }

            var distance = Distance(input, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Edits (insert, delete, replace, swap of neighbours) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        // Three rolling rows are enough: a transposition looks two rows back.
        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
            }

            (before, previous, current) = (previous, current, before);
        }

        return previous[b.Length];
    }
}
