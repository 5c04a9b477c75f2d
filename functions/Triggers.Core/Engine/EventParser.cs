using System.Text;
using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Parses one CloudEvents 1.0 JSON object (structured mode) in a single forward pass. A malformed event is not an
/// exception: the caller gets the reason, records it and goes on with the next event. Only the event type is
/// turned into a string while parsing (and it is shared): other attributes are decoded when first read.
/// </summary>
public static partial class EventParser
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    // Event types are few and repeat on every event: intern them instead of allocating a string each time.
    private static readonly Interner Types = new(capacity: 4096);

    /// <summary>Parses <paramref name="json"/>. The event keeps the array: the caller must not reuse it.</summary>
    public static bool TryParse(byte[] json, out CloudEvent? cloudEvent, out string? error) =>
        TryParse(json.AsMemory(), out cloudEvent, out error);

    /// <summary>Parses <paramref name="json"/>. The event keeps referring to the bytes: the caller must not reuse them.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> json, out CloudEvent? cloudEvent, out string? error)
    {
        cloudEvent = TryReadEnvelope(json.Span, out var envelope, out error) ? new CloudEvent(json, envelope, accountId: null) : null;
        return error is null;
    }

    /// <summary>
    /// Reads and checks the envelope of <paramref name="json"/> without allocating: what a first pass over a
    /// history needs (which account, when, which id) to decide where the event goes before it is replayed.
    /// </summary>
    internal static bool TryReadEnvelope(ReadOnlySpan<byte> json, out Envelope envelope, out string? error)
    {
        envelope = default;
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            // The JSON reader takes any bytes inside strings and leaves them to whoever decodes them: checked here, once
            // for the whole line, so nothing later (a trait, an id, a template) meets bytes it cannot turn into text.
            error = $"not valid UTF-8 at byte {FirstInvalidByte(json) + 1} of the line";
            envelope = Readable(json); // the rejection's time and account
            return false;
        }

        if (json.IndexOf((byte)'\\') >= 0 && UnpairedSurrogate(json) is { } half)
        {
            // Valid JSON syntax, but no text: decoding the string later would throw.
            error = $"not valid JSON at byte {half + 1} of the line: {Encoding.ASCII.GetString(json.Slice(half, 6))} is half of a UTF-16 surrogate pair without its other half";
            envelope = Readable(json);
            return false;
        }

        if (TryReadCommon(json, out envelope))
        {
            error = null;
            return true;
        }

        try
        {
            error = Read(json, out envelope);
        }
        catch (JsonException e)
        {
            // The reader's message ends with its own position ("LineNumber: 0 | BytePositionInLine: 116."): say it once, our way.
            var message = e.Message;
            var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            error = message.Contains("maximum configured depth", StringComparison.Ordinal) && e.BytePositionInLine is { } deep
                ? $"nested more than {Options.MaxDepth} levels deep at byte {deep + 1} of the line, more than an event may be: flatten its data"
                : position < 0 || e.BytePositionInLine is not { } at
                ? $"not valid JSON: {message.TrimEnd('.')}"
                : $"not valid JSON at byte {at + 1} of the line: {message[..position].TrimEnd('.')}";
            if (json.IndexOf((byte)'\r') is var cr and >= 0 && cr < json.Length - 1)
            {
                // Events from two exporters, one ending its lines with a lone CR: they read as one line, every one lost.
                error += $"; the line holds a carriage return (CR) at byte {cr + 1}, so events joined by lone CRs read as one line " +
                         "(split them first: tr '\\r' '\\n')";
            }
            else if (json.IndexOf((byte)0) is var nul and >= 0)
            {
                error += $"; the line holds a zero byte at byte {nul + 1} (a log padded with zeros by a crash, then written on)";
            }
        }

        return error is null;
    }

    /// <summary>
    /// What the rest of a line with text that cannot be decoded lets be read: the event's time (else 0) and its account,
    /// when the account's own text decodes (else an empty range).
    /// </summary>
    private static Envelope Readable(ReadOnlySpan<byte> json)
    {
        var envelope = default(Envelope);
        try
        {
            Read(json, out envelope);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // the time and account, if they came before the trouble, are in the envelope already
        }

        var account = json[envelope.Account];
        var decodes = System.Text.Unicode.Utf8.IsValid(account) && (account.IndexOf((byte)'\\') < 0 || UnpairedSurrogate(account) is null);
        return Rejection(null, envelope.TimeTicks, decodes ? envelope.Account : default);
    }

    /// <summary>
    /// Where a <c>\u</c> escape of half a surrogate pair stands without the other half (a high one not followed at once
    /// by an escaped low one, or a low one alone), or null. Backslashes only stand inside strings in valid JSON, and
    /// a line that is not valid JSON is rejected either way.
    /// </summary>
    private static int? UnpairedSurrogate(ReadOnlySpan<byte> json)
    {
        for (var at = json.IndexOf((byte)'\\'); at >= 0 && at + 1 < json.Length;)
        {
            var next = 2;
            if (json[at + 1] == (byte)'u' && Hex(json, at + 2) is { } unit)
            {
                next = 6;
                if (char.IsLowSurrogate((char)unit))
                {
                    return at;
                }

                if (char.IsHighSurrogate((char)unit))
                {
                    if (at + 7 >= json.Length || json[at + 6] != (byte)'\\' || json[at + 7] != (byte)'u' ||
                        Hex(json, at + 8) is not { } low || !char.IsLowSurrogate((char)low))
                    {
                        return at;
                    }

                    next = 12;
                }
            }

            var rest = json[(at + next > json.Length ? json.Length : at + next)..].IndexOf((byte)'\\');
            at = rest < 0 ? -1 : at + next + rest;
        }

        return null;
    }

    private static int? Hex(ReadOnlySpan<byte> json, int at) =>
        at + 4 <= json.Length && int.TryParse(json.Slice(at, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var unit)
            ? unit
            : null;

    private static int FirstInvalidByte(ReadOnlySpan<byte> json)
    {
        var chars = new char[json.Length];
        System.Text.Unicode.Utf8.ToUtf16(json, chars, out var read, out _, replaceInvalidSequences: false);
        return read;
    }

    /// <summary>
    /// The envelope of <paramref name="json"/> read ahead, on any thread (a file reader's), for
    /// <see cref="Simulator.AddShared(ReadOnlyMemory{byte}, in ReadEnvelope, string, long)"/>.
    /// </summary>
    internal static ReadEnvelope ReadAhead(ReadOnlySpan<byte> json) =>
        TryReadEnvelope(json, out var envelope, out var error) ? new ReadEnvelope(envelope, null) : new ReadEnvelope(envelope, error);

    /// <summary>
    /// An envelope read ahead, or why it could not be read (<see cref="Error"/> set; the envelope then holds at most the
    /// event's time and account, when they could be read, to place the rejection on the timeline and under its account).
    /// </summary>
    internal readonly record struct ReadEnvelope(Envelope Envelope, string? Error);

    /// <summary>The text of a JSON string token (quotes included in <paramref name="token"/>); null for an empty range.</summary>
    internal static string? Text(ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty)
        {
            return null;
        }

        if (token[0] != (byte)'"')
        {
            return Encoding.UTF8.GetString(token); // an id given as a whole number: its digits
        }

        // Unescaped strings (the norm) decode directly; escaped ones go through the JSON reader.
        if (token.IndexOf((byte)'\\') < 0)
        {
            return Encoding.UTF8.GetString(token[1..^1]);
        }

        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static string? Read(ReadOnlySpan<byte> json, out Envelope envelope)
    {
        envelope = default;
        var reader = new Utf8JsonReader(json, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return "an event must be a JSON object";
        }

        string? type = null, timeText = null, version = null;
        long time = 0;
        bool hasTime = false, timeIsString = true, hasId = false, hasAccount = false, hasSource = false;
        var given = 0; // bits of the attributes present at all, so a wrong one is told apart from a missing one
        Attribute? twice = null;
        string? idProblem = null; // an id or a subject given in a form it cannot take
        Range id = default, account = default, source = default, user = default, subject = default, data = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Name(ref reader);
            if (name != Attribute.Other && (given & (1 << (int)name)) != 0)
            {
                twice ??= name; // which one counts would be a guess: JSON leaves repeated names to the reader
            }

            given |= 1 << (int)name;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            switch (name)
            {
                case Attribute.Type:
                    type = reader.TokenType == JsonTokenType.String && !reader.ValueSpan.IsEmpty ? Types.Get(ref reader) : null;
                    reader.Skip(); // an object or array given as the type is stepped over whole
                    continue;
                case Attribute.Time:
                    hasTime = true;
                    timeIsString = reader.TokenType == JsonTokenType.String;
                    if (timeIsString && (TryReadUtcSeconds(ref reader, out var ticks) || TryReadTime(ref reader, out ticks)))
                    {
                        time = ticks;
                    }
                    else
                    {
                        timeText = timeIsString ? reader.GetString() ?? "" : "";
                    }

                    if (timeText is null)
                    {
                        // Known now, whatever comes later: a line that turns out not to be JSON further on is still
                        // reported at its own time (the caller reads this envelope after catching the reader's error).
                        envelope = Rejection(null, time, hasAccount ? account : default);
                    }

                    reader.Skip();
                    continue;
                case Attribute.SpecVersion:
                    version = reader.TokenType != JsonTokenType.String ? "?" : reader.ValueTextEquals("1.0"u8) ? "1.0" : reader.GetString();
                    reader.Skip();
                    continue;
            }

            reader.Skip();
            var range = new Range(start, (int)reader.BytesConsumed);
            var text = reader.TokenType == JsonTokenType.String;
            var filled = text && !reader.ValueSpan.IsEmpty;
            // CloudEvents lets an extension attribute be an integer: an account or user numbered by its CRM is that number as text.
            var whole = reader.TokenType == JsonTokenType.Number && IsWholeNumber(json[range]);
            switch (name)
            {
                case Attribute.Data:
                    data = range;
                    break;
                case Attribute.Id:
                    (id, hasId) = (text ? range : id, filled);
                    break;
                case Attribute.AccountId:
                    (account, hasAccount) = (text || whole ? range : account, filled || whole);
                    idProblem ??= filled ? IdProblem("accountid", json[range]) : null;
                    if (hasAccount)
                    {
                        envelope = Rejection(null, time, account); // known now, as the time is (0 until it is read)
                    }

                    break;
                case Attribute.Source:
                    (source, hasSource) = (text ? range : source, filled);
                    break;
                case Attribute.UserId when text && !filled:
                    break; // "": no user, as null is (one that is only white space is a mistake, below)
                case Attribute.UserId when text || whole:
                    user = range;
                    idProblem ??= text ? IdProblem("userid", json[range]) : null;
                    break;
                case Attribute.Subject when text:
                    subject = range;
                    break;
                case Attribute.UserId or Attribute.Subject when reader.TokenType != JsonTokenType.Null:
                    idProblem ??= name == Attribute.UserId
                        ? $"'userid' must be the user's id as text or a whole number, not {Kind(json[range])}"
                        : $"'subject' must be a string, not {Kind(json[range])}";
                    break;
            }
        }

        if (reader.Read())
        {
            return "unexpected content after the event object";
        }

        var problem = twice is { } repeated ? $"attribute '{repeated.ToString().ToLowerInvariant()}' is given twice; an event names each attribute once"
            : version is not null and not "1.0" ? "specversion must be \"1.0\""
            : !hasId ? Missing("id", (given & (1 << (int)Attribute.Id)) != 0)
            : Blank(json[id]) ? "'id' is blank: an event needs an id that tells it from others (duplicates are found by it)"
            : type is null ? Missing("type", (given & (1 << (int)Attribute.Type)) != 0)
            : char.IsWhiteSpace(type[0]) || char.IsWhiteSpace(type[^1])
                ? $"'type' begins or ends with white space ('{type}'): types are compared exactly, so no playbook would hear it"
            : !hasAccount ? Missing("accountid", (given & (1 << (int)Attribute.AccountId)) != 0)
            : !hasTime ? "missing required attribute 'time'"
            : !timeIsString ? "'time' must be a string (an RFC 3339 timestamp such as 2026-01-05T10:00:00Z)"
            : timeText is not null ? TimeProblem(timeText)
            : version is null ? "missing required attribute 'specversion'"
            : !hasSource ? Missing("source", (given & (1 << (int)Attribute.Source)) != 0)
            : idProblem ?? DataProblem(json, data, type!) ?? UserProblem(json, user, type!) ?? RecipientProblem(json, data, type!);
        if (problem is not null && problem.StartsWith("missing required", StringComparison.Ordinal))
        {
            problem += OtherCase(json, problem[(problem.LastIndexOf('\'', problem.Length - 2) + 1)..^1]);
        }

        if (problem is null)
        {
            envelope = new Envelope(type!, time, id, account, source, user, subject, data);
        }
        else
        {
            envelope = Rejection(type, hasTime && timeIsString && timeText is null ? time : 0, hasAccount ? account : default);
        }

        return problem;
    }

    /// <summary>
    /// What a rejected line's envelope holds: the time and account that could be read (0 and an empty range when not),
    /// to place the rejection on the timeline and under its account.
    /// </summary>
    private static Envelope Rejection(string? type, long time, Range account) => new(type ?? "", time, default, account, default, default, default, default);

    /// <summary>
    /// Why an event's data cannot be what its type needs, or null. The data of <c>account.updated</c> and
    /// <c>user.updated</c> is merged into traits member by member: any other value than an object would be a silent
    /// no-op (null is taken as no data, which changes nothing either way). Any other type may carry any JSON value, as
    /// CloudEvents allows. Only the data's first byte is read, and the type only when that is not <c>{</c>.
    /// </summary>
    internal static string? DataProblem(ReadOnlySpan<byte> json, Range data, string type)
    {
        if (data.End.Value == 0 || json[data.Start.Value] is (byte)'{' or (byte)'n' || type is not ("account.updated" or "user.updated"))
        {
            return null;
        }

        return $"'data' must be an object on {type} (its members are merged into the {(type[0] == 'a' ? "account's" : "user's")} traits), not {Kind(json[data])}";
    }

    /// <summary>
    /// Why a <c>user.updated</c> event cannot do what it is for, or null: its data is merged into the traits of the user
    /// its <c>userid</c> names, so without a userid given as non-empty text it would change nothing, without a word.
    /// </summary>
    internal static string? UserProblem(ReadOnlySpan<byte> json, Range user, string type) =>
        type == "user.updated" && (user.End.Value == user.Start.Value || json[user].SequenceEqual("\"\""u8)) // none, or ""
            ? "missing 'userid' on user.updated (its data is merged into that user's traits); give the user's id as text"
            : null;

    /// <summary>
    /// Why an <c>email.unsubscribed</c> or <c>email.bounced</c> event cannot do what it is for, or null: without the
    /// address as text in <c>data.email</c> it would suppress nothing, and the next email to that person would go out
    /// with no trace of the unsubscribe.
    /// </summary>
    internal static string? RecipientProblem(ReadOnlySpan<byte> json, Range data, string type) =>
        type is "email.unsubscribed" or "email.bounced" && (data.End.Value == 0 || JourneyEngine.SuppressedAddress(json[data]) is null)
            ? $"{type} needs the address in data.email, as text (data: {{ \"email\": \"pat@acme.test\" }}); without it nothing would be suppressed"
            : null;

    /// <summary>Whether a number token is a whole number as written (<c>42</c>, <c>-7</c>; not <c>4.2</c> or <c>4e1</c>): an id given as a number.</summary>
    private static bool IsWholeNumber(ReadOnlySpan<byte> token)
    {
        var digits = token.Length > 0 && token[0] == (byte)'-' ? token[1..] : token;
        return !digits.IsEmpty && !digits.ContainsAnyExcept(DecimalDigits);
    }

    private static readonly System.Buffers.SearchValues<byte> DecimalDigits = System.Buffers.SearchValues.Create("0123456789"u8);

    private const int MaxNameLength = 16; // the longest attribute read here, "specversion", with room to spare

    /// <summary>
    /// Why an id (<c>accountid</c>, <c>userid</c>) given as text cannot be taken, or null: one that is blank, or that
    /// begins or ends with white space, which would name an account or a user of its own (<c>" acme"</c> is not <c>"acme"</c>).
    /// </summary>
    private static string? IdProblem(string attribute, ReadOnlySpan<byte> token)
    {
        if (!MaybePadded(token))
        {
            return null;
        }

        string value;
        try
        {
            value = Text(token)!;
        }
        catch (InvalidOperationException)
        {
            return null; // an escape that decodes to no text (a lone surrogate): rejected for that where the id is read
        }

        return value.Trim() is { Length: 0 } ? $"'{attribute}' is blank: it must name the {(attribute == "userid" ? "user" : "account")}"
            : char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
                ? $"'{attribute}' begins or ends with white space ('{value}'): ids are compared exactly, so it would name {(attribute == "userid" ? "a user" : "an account")} of its own"
                : null;
    }

    /// <summary>Whether a string token holds only white space (<c>"  "</c>, <c>"\t"</c>); one that does not decode is no blank.</summary>
    private static bool Blank(ReadOnlySpan<byte> token)
    {
        try
        {
            return string.IsNullOrWhiteSpace(Text(token));
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>What kind of JSON value a token is, for a message.</summary>
    private static string Kind(ReadOnlySpan<byte> token) => token[0] switch
    {
        (byte)'{' => "an object",
        (byte)'[' => "an array",
        (byte)'"' => "a string",
        (byte)'t' or (byte)'f' => "true or false",
        _ => "a number",
    };

    /// <summary>
    /// For a missing attribute, the same name in another case if the event has one (<c>accountId</c>): CloudEvents
    /// attribute names are lower-case, so it was not read. Runs on rejected lines only.
    /// </summary>
    private static string OtherCase(ReadOnlySpan<byte> json, string attribute)
    {
        var reader = new Utf8JsonReader(json, Options);
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (string.Equals(name, attribute, StringComparison.OrdinalIgnoreCase))
                {
                    return $"; the event has '{name}', which is not read as it: attribute names are lower-case ('{attribute}')";
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The rest of the line is not JSON: its own problem, already given.
        }

        return "";
    }

    private static string Missing(string attribute, bool given) =>
        given ? $"'{attribute}' must be a non-empty string{(attribute == "accountid" ? " or a whole number" : "")}" : attribute == "accountid" ? "missing required extension attribute 'accountid'" : $"missing required attribute '{attribute}'";

    private enum Attribute
    {
        Other,
        Type,
        Time,
        SpecVersion,
        Data,
        Id,
        AccountId,
        Source,
        UserId,
        Subject,
    }

    /// <summary>
    /// Which attribute the reader's property name is, by its length and then its bytes: one comparison per member,
    /// where asking the reader about each known name in turn cost up to nine (and a copy of the reader to ask with).
    /// Names given with escapes are unescaped first and read the same.
    /// </summary>
    private static Attribute Name(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            // An escape is at most six bytes for one: anything longer cannot unescape to one of ours.
            Span<byte> unescaped = stackalloc byte[MaxNameLength * 6];
            var escapedLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            return escapedLength > unescaped.Length ? Attribute.Other : Known(unescaped[..reader.CopyString(unescaped)]);
        }

        return Known(reader.ValueSpan);
    }

    private static Attribute Known(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => Attribute.Id,
        4 when name.SequenceEqual("type"u8) => Attribute.Type,
        4 when name.SequenceEqual("time"u8) => Attribute.Time,
        4 when name.SequenceEqual("data"u8) => Attribute.Data,
        6 when name.SequenceEqual("source"u8) => Attribute.Source,
        6 when name.SequenceEqual("userid"u8) => Attribute.UserId,
        7 when name.SequenceEqual("subject"u8) => Attribute.Subject,
        9 when name.SequenceEqual("accountid"u8) => Attribute.AccountId,
        11 when name.SequenceEqual("specversion"u8) => Attribute.SpecVersion,
        _ => Attribute.Other,
    };

    /// <summary>
    /// An event's type and time, and where its other attributes lie in its bytes (string tokens, quotes included).
    /// </summary>
    internal readonly record struct Envelope(
        string Type, long TimeTicks, Range Id, Range Account, Range Source, Range User, Range Subject, Range Data);
}
