using System.Text;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>Playbooks are UTF-8: other bytes are an error where they are, never text with U+FFFD in it (audit #5).</summary>
public sealed class EncodingTests
{
    private const string Playbook = "playbook: p\r\nrules:\r\n  - id: r\r\n    when: { event: user.invited }\r\n    do:\r\n      - task: { title: \"Zoë\" }\r\n";

    [Fact]
    public void Latin1Byte_IsAnErrorAtItsLineAndColumn_CountingCharactersNotBytes()
    {
        var bytes = Encoding.Latin1.GetBytes(Playbook.Replace("p\r\nrules", "p\r\ndescription: Müller\r\nrules", StringComparison.Ordinal));

        var result = PlaybookLoader.Load([SourceFile.FromBytes("p.yaml", bytes)]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("p.yaml:2:15: error TRG023: the file is not UTF-8: byte 0xFC (byte 28 of the file) is not part of a UTF-8 character", error.ToString());
        Assert.StartsWith("save the file as UTF-8", error.Hint);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    public void Utf16File_SaysItIsUtf16_NotThatItIsNoTriggersFile(string encoding)
    {
        var text = Encoding.GetEncoding(encoding);
        var bytes = text.GetPreamble().Concat(text.GetBytes(Playbook)).ToArray();

        var error = Assert.Single(PlaybookLoader.Load([SourceFile.FromBytes("p.yaml", bytes)]).Diagnostics);

        Assert.Equal("p.yaml:1:1: error TRG023: the file is UTF-16, not UTF-8", error.ToString());
    }

    [Fact]
    public void Utf16WithoutAByteOrderMark_IsRecognisedByItsZeroBytes()
    {
        var error = Assert.Single(PlaybookLoader.Load([SourceFile.FromBytes("p.yaml", Encoding.Unicode.GetBytes(Playbook))]).Diagnostics);

        Assert.Equal("p.yaml:1:1: error TRG023: the file is UTF-16 (without a byte-order mark), not UTF-8", error.ToString());
    }

    [Fact]
    public void WindowsProgramSavedAsYaml_IsCalledAProgram_NotUtf16()
    {
        // The start of a PE file: "MZ", a header of mostly zeros, and the offset of its PE header at 0x3C.
        var bytes = new byte[512];
        "MZ"u8.CopyTo(bytes);
        bytes[2] = 0x90;
        bytes[0x3C] = 0x80;
        "PE"u8.CopyTo(bytes.AsSpan(0x80));

        var error = Assert.Single(PlaybookLoader.Load([SourceFile.FromBytes("p.yaml", bytes)]).Diagnostics);

        Assert.Equal("p.yaml:1:1: error TRG023: the file is a Windows program (an .exe or .dll), not YAML text", error.ToString());
    }

    [Fact]
    public void BinaryWithZerosBesideNonLetters_IsNotMistakenForUtf16()
    {
        byte[] bytes = [0x01, 0x00, 0x02, 0x00, 0xF3, 0x00, 0x04, 0x00, 0x91, 0x00, 0x06, 0x00, 0x07, 0x00, 0x08, 0x00];

        var error = Assert.Single(PlaybookLoader.Load([SourceFile.FromBytes("p.yaml", bytes)]).Diagnostics);

        Assert.DoesNotContain("UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GzipSavedAsYaml_SaysItIsCompressed()
    {
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Playbook));
        }

        var error = Assert.Single(PlaybookLoader.Load([SourceFile.FromBytes("p.yaml", packed.ToArray())]).Diagnostics);

        Assert.Equal("p.yaml:1:1: error TRG023: the file is gzip-compressed, not YAML text", error.ToString());
    }

    [Fact]
    public void Utf8WithAByteOrderMark_LoadsWithItsTextIntact()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Playbook)).ToArray();

        var result = PlaybookLoader.Load([SourceFile.FromBytes("p.yaml", bytes)]);

        Assert.Empty(result.Diagnostics);
        var task = Assert.IsType<Triggers.Core.Model.TaskAction>(Assert.Single(Assert.Single(result.Set.Playbooks).Rules).Actions.Single());
        Assert.Equal("Zoë", task.Title.Compiled.Text);
    }
}
