using System.Security.Cryptography;
using System.Text;

namespace Triggers.Core.Engine;

/// <summary>
/// Deterministic effect ids: a hash of playbook version, rule, subject, cause (triggering event or timer
/// occurrence) and the part of the effect. Same inputs, same id, on every machine and every replay.
/// </summary>
internal static class EffectIds
{
    /// <summary>The parts of an effect id; hashed only when the id is read (most simulated effects never are).</summary>
    internal readonly record struct Key(string Version, string Name, string Account, string Cause, string Part)
    {
        public string Compute() => For(Version, Name, Account, Cause, Part);
    }

    public static string For(string version, string name, string account, string cause, string part)
    {
        var text = string.Join('\n', version, name, account, cause, part);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..12]);
    }
}
