using System.Buffers;
using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// One JSON writer and buffer per thread for text that is built, copied out and forgotten (rendered payloads, emitted
/// events): a replay renders hundreds of thousands of them, and a writer and stream each time was a tenth of what it
/// allocated. Whatever <see cref="Begin"/> returns is valid until the next call on the same thread. Text is escaped
/// as <see cref="Expressions.ReadableJsonEncoder"/> says: UTF-8 a receiver can read.
/// </summary>
internal static class ScratchJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>An empty writer; flush it, then read what it wrote from <see cref="Written"/>.</summary>
    public static Utf8JsonWriter Begin()
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = _writer ??= new Utf8JsonWriter(buffer, Expressions.ReadableJsonEncoder.WriterOptions);
        writer.Reset(buffer);
        return writer;
    }

    public static ReadOnlySpan<byte> Written => _buffer!.WrittenSpan;
}
