namespace Triggers.Cli.Generate;

/// <summary>A user of a generated account: active (able to log in) from their first login on.</summary>
internal sealed record Member(string Id, string Name, string Email, long ActiveFrom)
{
    private static readonly string[] FirstNames =
        ["Ann", "Bob", "Cem", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lea",
         "Mia", "Noah", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Vic", "Wen", "Yara"];

    private static readonly string[] LastNames =
        ["Keller", "Smith", "Novak", "Garcia", "Okafor", "Berg", "Tanaka", "Moreau", "Brown", "Rossi", "Jensen", "Silva"];

    /// <summary>
    /// The <paramref name="number"/>-th user of an account (1 is its owner). First names run through the list from
    /// the account's <paramref name="firstName"/> on, so no two users of one account share an email address.
    /// </summary>
    public static Member Create(int number, int firstName, Firm firm, long activeFrom, Random random)
    {
        var first = FirstNames[(firstName + number) % FirstNames.Length];
        var last = Firm.Pick(random, LastNames);
        return new Member($"u{number}", $"{first} {last}", $"{first}.{last}@{firm.Domain}".ToLowerInvariant(), activeFrom);
    }
}
