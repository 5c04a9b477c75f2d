using System.Text;

namespace Triggers.Core.Engine;

/// <summary>
/// Deterministic effect ids: a hash of playbook version, rule, subject, cause (triggering event or timer
/// occurrence) and the part of the effect. Same inputs, same id, on every machine and every replay.
/// </summary>
internal static class EffectIds
{
    /// <summary>
    /// The parts of an effect id but the subject, which the outcome holds anyway (its account id); hashed only when
    /// the id is read (most simulated effects never are).
    /// </summary>
    internal readonly record struct Key(string Version, string Name, string Cause, string Part)
    {
        public string Compute(string account) => For(Version, Name, account, Cause, Part);
    }

    /// <summary>
    /// Whether <paramref name="id"/> has the form of an effect id (24 lower-case hex digits): an <c>emit</c>ted event
    /// carries its action's, so only an event id of this form can be one its account's emits already used.
    /// </summary>
    public static bool HasTheFormOfOne(string id) => id.Length == 24 && id.AsSpan().IndexOfAnyExcept(LowerHex) < 0;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string For(string version, string name, string account, string cause, string part)
    {
        // The UTF-8 of "version\nname\naccount\ncause\npart", hashed without building the joined string. A part holding
        // a line break or a backslash (ids are free text) is escaped first, so the joined text tells its parts apart:
        // account "x\nE1" with event "E2" and account "x" with event "E1\nE2" are two fires, with two ids. Other parts
        // are as they were, and so are the ids of every effect whose parts hold neither.
        ReadOnlySpan<string> parts = [Escaped(version), Escaped(name), Escaped(account), Escaped(cause), Escaped(part)];
        var length = parts.Length - 1;
        foreach (var text in parts)
        {
            length += Encoding.UTF8.GetByteCount(text);
        }

        var rented = length > 512 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        var bytes = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        var at = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes[at++] = (byte)'\n';
            }

            at += Encoding.UTF8.GetBytes(parts[i], bytes[at..]);
        }

        Span<byte> hash = stackalloc byte[Sha256.Size];
        Sha256.Hash(bytes, hash);
        if (rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }

        return Convert.ToHexStringLower(hash[..12]);
    }

    private static string Escaped(string part) =>
        part.AsSpan().IndexOfAny('\n', '\\') < 0 ? part : part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
