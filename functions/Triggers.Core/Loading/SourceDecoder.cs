using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Triggers.Core.Diagnostics;

namespace Triggers.Core.Loading;

/// <summary>
/// Turns a playbook file's bytes into text. YAML files are UTF-8; anything else (Latin-1 from an old editor, UTF-16
/// from Windows tools) would otherwise be decoded into replacement characters or read as one odd scalar.
/// </summary>
internal static class SourceDecoder
{
    private const string Hint = "save the file as UTF-8 (most editors offer it under 'Save with Encoding')";

    // Byte-order marks. (A u8 literal cannot spell them: "\xFF"u8 is U+00FF encoded as UTF-8.)
    private static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Utf16LittleMark => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigMark => [0xFE, 0xFF];

    private static ReadOnlySpan<byte> Utf32LittleMark => [0xFF, 0xFE, 0, 0];

    private static ReadOnlySpan<byte> Utf32BigMark => [0, 0, 0xFE, 0xFF];

    public static SourceFile Decode(string path, ReadOnlySpan<byte> bytes)
    {
        if (Binary(bytes) is { } binary)
        {
            return Unreadable(path, 1, 1, $"the file is {binary}, not YAML text", "a playbook, journey or test is a YAML text file; check the file's name or what was saved under it");
        }

        if (WideEncoding(bytes) is { } wide)
        {
            return Unreadable(path, 1, 1, $"the file is {wide}, not UTF-8", Hint) with { Salvaged = Wide(bytes) };
        }

        if (bytes.StartsWith(Utf8Mark))
        {
            bytes = bytes[3..]; // what File.ReadAllText drops too: columns count from the first real character
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new SourceFile(path, new string(chars, 0, written));
        }

        var (line, column) = Position(chars.AsSpan(0, written));
        return Unreadable(path, line, column,
            $"the file is not UTF-8: byte 0x{bytes[read]:X2} (byte {read + 1:N0} of the file) is not part of a UTF-8 character",
            $"{Hint}; a byte like this usually comes from text saved as Latin-1 or Windows-1252") with { Salvaged = Encoding.UTF8.GetString(bytes) };
    }

    /// <summary>UTF-16 or UTF-32 text as well as it decodes: by its byte-order mark, else UTF-16 in the byte order its zeros show.</summary>
    private static string Wide(ReadOnlySpan<byte> bytes)
    {
        Encoding encoding = bytes.StartsWith(Utf32LittleMark) ? new UTF32Encoding(bigEndian: false, byteOrderMark: true)
            : bytes.StartsWith(Utf32BigMark) ? new UTF32Encoding(bigEndian: true, byteOrderMark: true)
            : bytes.StartsWith(Utf16BigMark) || (!bytes.StartsWith(Utf16LittleMark) && bytes.Length > 1 && bytes[0] == 0) ? Encoding.BigEndianUnicode
            : Encoding.Unicode;
        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>UTF-16 or UTF-32, by their byte-order mark, or UTF-16 without one by the zero byte beside each ASCII letter.</summary>
    private static string? WideEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf32LittleMark) || bytes.StartsWith(Utf32BigMark))
        {
            return "UTF-32";
        }

        if (bytes.StartsWith(Utf16LittleMark) || bytes.StartsWith(Utf16BigMark))
        {
            return "UTF-16";
        }

        var head = bytes[..(Math.Min(bytes.Length, 64) & ~1)];
        var (evenZeros, oddZeros) = (0, 0);
        for (var i = 0; i < head.Length; i += 2)
        {
            evenZeros += head[i] == 0 ? 1 : 0;
            oddZeros += head[i + 1] == 0 ? 1 : 0;
        }

        // Text in UTF-16 pairs a zero with a letter in most places; binary data has zeros too, beside anything.
        var letters = evenZeros >= oddZeros ? 1 : 0;
        var printable = 0;
        for (var i = letters; i < head.Length; i += 2)
        {
            printable += head[i] is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t' ? 1 : 0;
        }

        return head.Length >= 4 && Math.Max(evenZeros, oddZeros) * 4 >= head.Length && printable * 4 >= head.Length
            ? "UTF-16 (without a byte-order mark)" : null;
    }

    /// <summary>What a file of a well-known binary kind is (by its first bytes), or null: a program or archive saved as .yaml.</summary>
    private static string? Binary(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("MZ"u8) && bytes.Length >= 64 && bytes[..64].Contains((byte)0) ? "a Windows program (an .exe or .dll)"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']) ? "a Linux program (ELF)"
        : bytes.StartsWith((ReadOnlySpan<byte>)[(byte)'P', (byte)'K', 3, 4]) ? "a ZIP archive (or an Office document)"
        : bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B ? "gzip-compressed"
        : bytes.StartsWith("%PDF-"u8) ? "a PDF document"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) ? "a PNG image"
        : bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? "a JPEG image"
        : null;

    /// <summary>The 1-based line and column just after <paramref name="text"/>, counting line breaks as YAML does (\n, \r\n, \r).</summary>
    private static (int Line, int Column) Position(ReadOnlySpan<char> text)
    {
        var (line, start) = (1, 0);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                (line, start) = (line + 1, i + 1);
            }
        }

        return (line, text.Length - start + 1);
    }

    private static SourceFile Unreadable(string path, int line, int column, string message, string hint) =>
        new(path, "") { EncodingError = new Diagnostic(new SourceLocation(path, line, column), Severity.Error, ErrorCodes.NotUtf8, message, hint) };
}
