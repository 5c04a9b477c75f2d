using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Parses one CloudEvents 1.0 JSON object (structured mode). A malformed event is not an exception: the caller
/// gets the reason, records it and goes on with the next event.
/// </summary>
public static class EventParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>Parses <paramref name="json"/>. The bytes must stay unchanged while the event is in use.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> json, out CloudEvent? cloudEvent, out string? error)
    {
        cloudEvent = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }

        var root = document.RootElement;
        error = Check(root, out var id, out var type, out var source, out var account, out var time);
        if (error is not null)
        {
            document.Dispose();
            return false;
        }

        var user = OptionalString(root, "userid");
        var subject = OptionalString(root, "subject");
        var data = root.TryGetProperty("data", out var d) ? d : default;
        cloudEvent = new CloudEvent(document, json, id!, type!, source!, account!, user, subject, time.UtcTicks, data);
        return true;
    }

    private static string? Check(JsonElement root, out string? id, out string? type, out string? source, out string? account, out DateTimeOffset time)
    {
        id = type = source = account = null;
        time = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "an event must be a JSON object";
        }

        if (root.TryGetProperty("specversion", out var version) && !(version.ValueKind == JsonValueKind.String && version.ValueEquals("1.0"u8)))
        {
            return "specversion must be \"1.0\"";
        }

        id = OptionalString(root, "id");
        type = OptionalString(root, "type");
        account = OptionalString(root, "accountid");
        source = OptionalString(root, "source") ?? "unknown";
        if (string.IsNullOrEmpty(id))
        {
            return "missing required attribute 'id'";
        }

        if (string.IsNullOrEmpty(type))
        {
            return "missing required attribute 'type'";
        }

        if (string.IsNullOrEmpty(account))
        {
            return "missing required extension attribute 'accountid'";
        }

        if (!root.TryGetProperty("time", out var t) || t.ValueKind != JsonValueKind.String)
        {
            return "missing required attribute 'time'";
        }

        if (!t.TryGetDateTimeOffset(out time))
        {
            return $"'time' is not an RFC 3339 timestamp: {t.GetString()}";
        }

        return null;
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
