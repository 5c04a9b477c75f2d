using System.Runtime.InteropServices;
using System.Text;

namespace Triggers.Cli;

/// <summary>
/// Whether a path names something other than a regular file: a named pipe (FIFO), a device or a socket. Opened to be
/// read whole, a FIFO waits for a writer that may never come and a terminal for typing, so a folder walk asks first.
/// .NET tells files only from directories; the kind comes from Linux's <c>statx</c>, whose result has one layout on
/// every architecture (<c>stat</c>'s differs between x86-64 and arm64). Where there is no <c>statx</c> (another
/// system, an old C library) every file counts as regular, as it did before the question was asked.
/// </summary>
internal static unsafe class FileKind
{
    private const int AtCurrentDirectory = -100; // AT_FDCWD
    private const uint TypeWanted = 0x1; // STATX_TYPE
    private const int ModeOffset = 0x1c; // stx_mode, after stx_mask, stx_blksize, stx_attributes, stx_nlink, stx_uid, stx_gid
    private const int ResultSize = 0x100; // sizeof(struct statx)
    private const uint InodeWanted = 0x100; // STATX_INO
    private const int InodeOffset = 0x20; // stx_ino
    private const int DeviceMajorOffset = 0x88; // stx_dev_major
    private const int DeviceMinorOffset = 0x8c; // stx_dev_minor

    private static readonly delegate* unmanaged<int, byte*, int, uint, byte*, int> Statx = Find();

    /// <summary>
    /// What <paramref name="path"/> is (after following links) when it is not a regular file: <c>a named pipe (FIFO)</c>,
    /// <c>a character device</c>, <c>a block device</c> or <c>a socket</c>. Null for a regular file, a directory,
    /// a path that cannot be looked at, and wherever the kind cannot be told.
    /// </summary>
    public static string? NotRegular(string path)
    {
        if (Statx is null)
        {
            return null;
        }

        var name = Encoding.UTF8.GetBytes(path + '\0');
        var result = stackalloc byte[ResultSize];
        fixed (byte* pointer = name)
        {
            if (Statx(AtCurrentDirectory, pointer, 0, TypeWanted, result) != 0)
            {
                return null; // gone, or not allowed: reading it says why, as for any file
            }
        }

        return (*(ushort*)(result + ModeOffset) & 0xF000) switch
        {
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => null,
        };
    }

    /// <summary>
    /// The device and inode <paramref name="path"/> leads to (after following links): two paths with the same are one file,
    /// however they are spelt (a link, a hard link, <c>/dev/stdin</c> redirected from it). Null where it cannot be told.
    /// </summary>
    public static (uint Major, uint Minor, ulong Inode)? Identity(string path)
    {
        if (Statx is null)
        {
            return null;
        }

        var name = Encoding.UTF8.GetBytes(path + '\0');
        var result = stackalloc byte[ResultSize];
        fixed (byte* pointer = name)
        {
            if (Statx(AtCurrentDirectory, pointer, 0, TypeWanted | InodeWanted, result) != 0)
            {
                return null;
            }
        }

        return (*(uint*)(result + DeviceMajorOffset), *(uint*)(result + DeviceMinorOffset), *(ulong*)(result + InodeOffset));
    }

    private static delegate* unmanaged<int, byte*, int, uint, byte*, int> Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        foreach (var name in (ReadOnlySpan<string>)["libc.so.6", "libc"])
        {
            if (NativeLibrary.TryLoad(name, out var libc) && NativeLibrary.TryGetExport(libc, "statx", out var statx))
            {
                return (delegate* unmanaged<int, byte*, int, uint, byte*, int>)statx;
            }
        }

        return null;
    }
}
