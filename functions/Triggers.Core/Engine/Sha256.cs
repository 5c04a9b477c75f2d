using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Triggers.Core.Engine;

/// <summary>
/// SHA-256 of short inputs, a few million times a replay (every effect id). On Linux .NET hashes through OpenSSL's
/// EVP layer, whose bookkeeping around each call (clearing the error queue, freeing and re-initialising the context)
/// cost more than hashing the hundred-odd bytes of an id: 6.8% of a 1M-event simulate's CPU, against 0.3% in the hash
/// itself. Where the same library exports its low-level SHA-256 functions, they are called directly, with no EVP
/// context and no transition for the garbage collector (they run for well under a microsecond and never block).
/// Elsewhere (Windows, macOS, a system without OpenSSL 3 or 1.1) a per-thread <see cref="IncrementalHash"/> does it.
/// Either way the digest is SHA-256's: the same bytes, the same hash, on every machine.
/// </summary>
internal static unsafe class Sha256
{
    public const int Size = 32;

    // SHA256_CTX is 112 bytes on every platform OpenSSL supports (eight state words, a 64-bit count, a 64-byte block,
    // two ints); room for more, in case.
    private const int ContextSize = 256;

    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, int> Init;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, void*, int> Final;

    [ThreadStatic]
    private static IncrementalHash? _fallback;

#pragma warning disable CA1810 // the three functions are found together or not at all
    static Sha256()
#pragma warning restore CA1810
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var name in (ReadOnlySpan<string>)["libcrypto.so.3", "libcrypto.so.1.1"])
        {
            if (NativeLibrary.TryLoad(name, out var library) &&
                NativeLibrary.TryGetExport(library, "SHA256_Init", out var init) &&
                NativeLibrary.TryGetExport(library, "SHA256_Update", out var update) &&
                NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                Init = (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, int>)init;
                Update = (delegate* unmanaged[Cdecl, SuppressGCTransition]<void*, byte*, nuint, int>)update;
                Final = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, void*, int>)final;
                return;
            }
        }
    }

    /// <summary>Whether the library's own functions are used (else <see cref="IncrementalHash"/>).</summary>
    public static bool Direct => Init is not null;

    /// <summary>Writes the SHA-256 of <paramref name="data"/> into the first 32 bytes of <paramref name="hash"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hash.Length, Size, nameof(hash));
        if (Init is null)
        {
            var sha = _fallback ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(data);
            sha.GetHashAndReset(hash);
            return;
        }

        var context = stackalloc byte[ContextSize];
        fixed (byte* bytes = data)
        fixed (byte* digest = hash)
        {
            if (Init(context) != 1 || Update(context, bytes, (nuint)data.Length) != 1 || Final(digest, context) != 1)
            {
                throw new CryptographicException("SHA-256 failed in the system's OpenSSL");
            }
        }
    }
}
