using System.Security.Cryptography;
using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// Effect ids are SHA-256 digests that receivers dedupe on, so the direct OpenSSL path must give exactly what
/// .NET's own SHA-256 gives, for every length around the 64-byte block and its padding boundary.
/// </summary>
public sealed class Sha256Tests
{
    [Fact]
    public void Hash_EveryLengthUpToFiveBlocks_MatchesTheFrameworksSha256()
    {
        var random = new Random(20261201);
        Span<byte> ours = stackalloc byte[Sha256.Size];
        for (var length = 0; length <= 320; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            Sha256.Hash(data, ours);

            Assert.Equal(Convert.ToHexString(SHA256.HashData(data)), Convert.ToHexString(ours));
        }
    }

    [Fact]
    public void Hash_AKnownVector_GivesItsDigest()
    {
        Span<byte> hash = stackalloc byte[Sha256.Size];
        Sha256.Hash("abc"u8, hash);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Hash_OnLinuxWithOpenSsl_CallsTheLibraryDirectly()
    {
        // The fast path is what simulate's speed figures assume; on this build machine (Debian, OpenSSL 3) it must be taken.
        if (OperatingSystem.IsLinux() && File.Exists("/usr/lib/x86_64-linux-gnu/libcrypto.so.3"))
        {
            Assert.True(Sha256.Direct);
        }
    }

    [Fact]
    public async Task Hash_FromManyThreadsAtOnce_StaysCorrect()
    {
        var inputs = Enumerable.Range(0, 2_000).Select(i => System.Text.Encoding.UTF8.GetBytes($"v1\nsaas/onboarding\nacct-{i}\nevt-{i * 7}\nemail")).ToArray();
        var expected = inputs.Select(input => Convert.ToHexString(SHA256.HashData(input))).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => inputs.Select(input =>
        {
            Span<byte> hash = stackalloc byte[Sha256.Size];
            Sha256.Hash(input, hash);
            return Convert.ToHexString(hash);
        }).ToArray())));
        Assert.All(results, result => Assert.Equal(expected, result));
    }
}
