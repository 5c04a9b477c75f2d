using System.Runtime.InteropServices;

namespace Triggers.Core.Engine;

/// <summary>
/// Large buffers that are filled once and read back (a replay's output lines, a history's blocks), placed on
/// 2 MiB pages where Linux offers them on request (transparent huge pages in <c>madvise</c>
/// mode, the default on Debian and Ubuntu). With 4 KiB pages the first write to every page traps into the kernel:
/// on this build machine that was 40% of the output thread's time in <c>simulate</c> (470 MB of lines, 115,000
/// faults); a huge page takes one fault per 512 of them. Elsewhere, or when the advice is refused, the memory
/// is ordinary and nothing else changes.
/// </summary>
internal static unsafe class HugePages
{
    /// <summary>The x86-64 and arm64 huge page: buffers are aligned to it, so each whole 2 MiB of one can be one page.</summary>
    public const int Size = 2 << 20;

    private const int MadviseHugePage = 14; // MADV_HUGEPAGE in <sys/mman.h>, the same on every Linux architecture

    private static readonly delegate* unmanaged<void*, nuint, int, int> Madvise = Find();

    /// <summary>Whether the advice can be given here at all (Linux with a C library that exports madvise).</summary>
    public static bool Available => Madvise is not null;

    /// <summary>Allocates <paramref name="bytes"/> of uninitialised native memory aligned to <see cref="Size"/>; free it with <see cref="Free"/>.</summary>
    public static byte* Allocate(nuint bytes)
    {
        var memory = NativeMemory.AlignedAlloc(bytes, Size);
        if (Madvise is not null)
        {
            _ = Madvise(memory, bytes, MadviseHugePage); // advice only: refused (EINVAL where THP is off), the pages stay small
        }

        return (byte*)memory;
    }

    public static void Free(byte* memory) => NativeMemory.AlignedFree(memory);

    /// <summary>
    /// <paramref name="length"/> uninitialised bytes of a fresh array, starting at a huge page boundary inside it where
    /// huge pages can be asked for (the array is then up to a page longer; the part before the window is never
    /// touched, so it costs address space only): all of the window can be huge pages, not just the whole pages an
    /// arbitrary array happens to contain.
    /// </summary>
    public static Memory<byte> Block(int length)
    {
        if (Madvise is null || length < Size)
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }

        var array = Advise(GC.AllocateUninitializedArray<byte>(length + Size));
        var start = (nuint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var skip = (int)(((start + Size - 1) & ~(nuint)(Size - 1)) - start);
        return array.AsMemory(skip, length);
    }

    /// <summary>
    /// A large array the caller is about to fill (the garbage collector places arrays this size in its large-object
    /// heap, where they do not move), with the advice given for every whole huge page inside it: pages the array has
    /// not touched yet then come as huge pages. Advice only: what the array holds and how it is used do not change.
    /// </summary>
    public static T[] Advise<T>(T[] array)
    {
        var bytes = (nuint)array.Length * (nuint)System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (Madvise is not null && bytes >= 2 * Size)
        {
            // The address is only advice's: were the array ever moved, the advice would stay with memory it left.
            var start = (nuint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            var first = (start + Size - 1) & ~(nuint)(Size - 1);
            var end = (start + bytes) & ~(nuint)(Size - 1);
            if (end > first)
            {
                _ = Madvise((void*)first, end - first, MadviseHugePage);
            }
        }

        return array;
    }

    private static delegate* unmanaged<void*, nuint, int, int> Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["libc.so.6", "libc"])
        {
            if (NativeLibrary.TryLoad(name, out var libc) && NativeLibrary.TryGetExport(libc, "madvise", out var madvise))
            {
                return (delegate* unmanaged<void*, nuint, int, int>)madvise;
            }
        }

        return null;
    }
}
