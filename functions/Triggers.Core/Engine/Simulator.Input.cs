namespace Triggers.Core.Engine;

// The input side: each line, in arrival order, is rejected, after the end, another part's, or kept for the replay (marked
// when it arrived late: its account's replay tells a late event from a late copy of one it has seen).
public sealed partial class Simulator
{
    /// <summary>
    /// Adds one event (CloudEvents JSON) in arrival order; the simulator keeps a copy of accepted events until
    /// <see cref="Finish"/>. <paramref name="source"/> and <paramref name="line"/> name it in a rejection
    /// (<c>events.jsonl:12</c>); the name is only built when needed.
    /// </summary>
    public void Add(ReadOnlySpan<byte> json, string source, long line = 0)
    {
        if (Check(json, source, line, out var behind, out var number) is { } e && Replayed(json, e, number, behind) is { } account)
        {
            Accept(account, json.Length, e, _log.Append(json), behind, source, line);
        }
    }

    /// <summary>
    /// Adds one event as <see cref="Add(ReadOnlySpan{byte}, string, long)"/> does, but keeps the caller's bytes
    /// rather than a copy: for callers that hold the whole history in large arrays anyway (a file read in blocks, or mapped)
    /// and will not change them until <see cref="Finish"/> has returned. A replay of some accounts only
    /// (<see cref="SimulationOptions.Part"/>, <see cref="SimulationOptions.OnlyAccount"/>) copies the events it keeps.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddShared(ReadOnlyMemory<byte> json, string source, long line = 0) =>
        AddShared(json, EventParser.ReadAhead(json.Span), source, line);

    /// <summary>
    /// Adds one event as <see cref="AddShared(ReadOnlyMemory{byte}, string, long)"/> does, with its envelope already
    /// read (<see cref="EventParser.ReadAhead"/>, by the thread that reads the file): the same outcome, without
    /// parsing on the replay's thread.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void AddShared(ReadOnlyMemory<byte> json, in EventParser.ReadEnvelope read, string source, long line)
    {
        if (Check(json.Span, read, source, line, out var behind, out var number) is { } e && Replayed(json.Span, e, number, behind) is { } account)
        {
            // A replay of some accounts copies their events, so the caller's blocks, mostly other accounts' events, can go.
            var at = _replayed is null ? _log.Adopt(json) : _log.Append(json.Span);
            Accept(account, json.Length, e, at, behind, source, line);
        }
    }

    private EventParser.Envelope? Check(ReadOnlySpan<byte> json, string source, long line, out long behind, out int account) =>
        Check(json, EventParser.ReadAhead(json), source, line, out behind, out account);

    /// <summary>
    /// Decides, from the envelope and in arrival order, whether the event goes to its account's replay at all (then
    /// <paramref name="account"/> is its account's number), and whether it arrived late: then <paramref name="behind"/>
    /// is how far behind its account's newest event it was (else 0), and the account's replay decides whether it is late
    /// or a copy of an event the account has seen.
    /// </summary>
    /// <remarks>
    /// Lateness is measured against the newest event of the same account, as the cloud measures it (one Service Bus
    /// session per account, each with its own clock): one line with a clock far ahead makes only its own account's
    /// later lines late, and a history exported account by account replays whole.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private EventParser.Envelope? Check(ReadOnlySpan<byte> json, in EventParser.ReadEnvelope read, string source, long line, out long behind, out int account)
    {
        behind = 0;
        account = -1;
        if (_finished)
        {
            throw new InvalidOperationException("the replay has finished; start a new simulator");
        }

        Stats.Events++;
        if (read.Error is { } error)
        {
            var time = read.Envelope.TimeTicks;
            var named = read.Envelope.Account.End.Value == 0 ? null : EventParser.Text(json[read.Envelope.Account]);
            // A line that names its account is reported by that account's part; one with no account to go by, by part 1.
            if (_options.Part is { } part && (named is null ? part.Index > 1 : !part.Holds(named)))
            {
                // Another part reports it; its time still counts as read, as in the full run, where an untimed line
                // after it is reported at it.
                if (time > 0)
                {
                    TimeRead(time);
                }

                Stats.OtherAccounts++;
                return null;
            }

            if (time > 0)
            {
                TimeRead(time);
                Rejected(source, line, error, time, named);
            }
            else if (NewestRead == long.MinValue)
            {
                (_untimed ??= []).Add((source, line, error, named)); // no time read yet: reported at the first one read
            }
            else
            {
                Rejected(source, line, error, NewestRead, named);
            }

            return null;
        }

        var e = read.Envelope;

        if (e.TimeTicks > Until)
        {
            // Not replayed, but it moves the watermark as it does in the full run (where, if late, it is behind it anyway):
            // ending the replay early must not make an earlier event that arrives after this one on time.
            Stats.AfterUntil++;
            _newest = Math.Max(_newest, e.TimeTicks);
            LaterThanUntil(json[e.Account], e.TimeTicks);
            if (_untimed is not null)
            {
                ReportUntimed();
            }

            return null;
        }

        account = IndexOf(json[e.Account]);
        var watermark = _watermarks[account];
        if (watermark != long.MinValue && e.TimeTicks < watermark - Lateness)
        {
            // Only its account knows whether it has seen the id (a redelivered copy, however late, is a duplicate).
            behind = watermark - e.TimeTicks;
            return e;
        }

        _watermarks[account] = Math.Max(watermark, e.TimeTicks);
        _newest = Math.Max(_newest, e.TimeTicks);
        if (_untimed is not null)
        {
            ReportUntimed();
        }

        return e;
    }

    /// <summary>The newest time read on any line so far (a well-formed event's, or a rejected one's), or MinValue.</summary>
    private long NewestRead => Math.Max(_newest, _newestElsewhere);

    /// <summary>Notes the time of a rejected line, and reports the malformed lines that waited for a time.</summary>
    private void TimeRead(long time)
    {
        _newestElsewhere = Math.Max(_newestElsewhere, time);
        if (_untimed is not null)
        {
            ReportUntimed();
        }
    }

    /// <summary>
    /// Reports the malformed lines read before any line had a time, at the first time read after them; when no line of
    /// the history has one, with no time (<see cref="Outcome.TimeUnknown"/>), placed at 0001-01-01T00:00:00Z, the
    /// earliest time there is, so they lead the timeline.
    /// </summary>
    private void ReportUntimed()
    {
        var untimed = _untimed!;
        _untimed = null;
        var unknown = NewestRead == long.MinValue;
        foreach (var (source, line, error, account) in untimed)
        {
            Rejected(source, line, error, unknown ? 0 : NewestRead, account, unknown);
        }
    }

    private void Accept(int account, int length, in EventParser.Envelope e, (int Chunk, int Offset) at, long behind, string source, long line)
    {
        var type = TypeNumber(e.Type);
        if (behind > 0)
        {
            (_late ??= [])[_entries.Count] = new LateArrival(line > 0 ? $"{source}:{line}" : source, behind);
            type = ~type;
        }

        _entries.Add(new Entry(account, _entries.Count, at.Chunk, at.Offset, length, type, e.TimeTicks, e.Id, e.Account, e.Source, e.User, e.Subject, e.Data));
    }

    /// <summary>
    /// The event type's number in this replay. Types come from the parser's interner, one string per type, so they are
    /// found by reference (a type read some other way, or past the interner's cap, by text and not remembered so).
    /// </summary>
    private int TypeNumber(string type)
    {
        if (_typesByReference.TryGetValue(type, out var number))
        {
            return number;
        }

        if (!_typesByText.TryGetValue(type, out number))
        {
            _typesByText[type] = number = _types.Count;
            _types.Add(type);
        }

        if (ReferenceEquals(string.IsInterned(type), type) && _typesByReference.Count < 1024)
        {
            _typesByReference[type] = number;
        }

        return number;
    }

    /// <summary>
    /// The event's account number, or null when this replay leaves the account to another (then nothing of the event is
    /// kept but an unsubscribe or bounce, which may concern every account: see <see cref="RecipientRead"/>).
    /// </summary>
    private int? Replayed(ReadOnlySpan<byte> json, in EventParser.Envelope e, int account, long behind)
    {
        var kept = _replayed is null || _replayed[account];
        // Shared with every account, by its time, when it is on time for its own account: as lateness is per account,
        // so is "on time", and an account's events in order give the outcomes of time order however the accounts
        // interleave, unsubscribes included.
        if (behind == 0 && e.Type is "email.unsubscribed" or "email.bounced")
        {
            RecipientRead(json, e, account, kept ? _entries.Count : -1);
        }
        else if (behind > 0 && e.Type is "email.unsubscribed" or "email.bounced")
        {
            LateRecipientRead(json, e, e.TimeTicks + behind);
        }

        if (kept)
        {
            return account;
        }

        Stats.OtherAccounts++;
        return null;
    }

    /// <summary>
    /// Reports a malformed event at <paramref name="time"/>: its own when that could be read, else the newest read so far
    /// (see <see cref="Check(ReadOnlySpan{byte}, in EventParser.ReadEnvelope, string, long, out long, out int)"/>), under its account when
    /// the line had a readable one.
    /// </summary>
    private void Rejected(string source, long line, string error, long time, string? account, bool timeUnknown = false)
    {
        Stats.Rejected++;
        var origin = line > 0 ? $"{source}:{line}" : source;
        _sink(new Outcome
        {
            // The id goes by the file's name, not the path it was given by: ./events.jsonl and /data/events.jsonl are one
            // input. A caller that numbers no lines gets the rejections counted instead, so no two share an id.
            Kind = OutcomeKind.Rejected,
            Key = new EffectIds.Key("input", "rejected", line > 0 ? $"{Path.GetFileName(source)}:{line}" : $"{Path.GetFileName(source)}#{Stats.Rejected}", ""),
            Time = new DateTimeOffset(time, TimeSpan.Zero), TimeUnknown = timeUnknown, AccountId = account, Reason = error, Because = origin,
        });
    }

    /// <summary>
    /// Moves the watermark of an event's account for an event after <c>--until</c>, which is not replayed: an account
    /// with no event before the end is not numbered for it (it would be replayed), and keeps its watermark aside until
    /// it has one.
    /// </summary>
    private void LaterThanUntil(ReadOnlySpan<byte> token, long time)
    {
        var key = AccountKey(token);
        var account = _accountIndex.Find(key);
        if (account >= 0)
        {
            _watermarks[account] = Math.Max(_watermarks[account], time);
            return;
        }

        var later = (_laterAccounts ??= new Utf8Index()).GetOrAdd(key, out var added);
        if (added)
        {
            _laterWatermarks.Add(time);
        }

        _laterWatermarks[later] = Math.Max(_laterWatermarks[later], time);
    }

    /// <summary>Whether the history names <paramref name="account"/> only in events after --until (explain says so, rather than guess another id).</summary>
    internal bool OnlyAfterUntil(string account)
    {
        var key = System.Text.Encoding.UTF8.GetBytes(account);
        return _accountIndex.Find(key) < 0 && _laterAccounts?.Find(key) >= 0;
    }

    /// <summary>The key an account is numbered by: its id's UTF-8, decoded first when the token is escaped or not UTF-8.</summary>
    private static ReadOnlySpan<byte> AccountKey(ReadOnlySpan<byte> token) =>
        token.IndexOf((byte)'\\') >= 0 || !System.Text.Unicode.Utf8.IsValid(token)
            ? System.Text.Encoding.UTF8.GetBytes(EventParser.Text(token)!)
            : Unquoted(token);

    /// <summary>An id token's text as UTF-8: a string's contents, or a whole number's digits.</summary>
    private static ReadOnlySpan<byte> Unquoted(ReadOnlySpan<byte> token) => token[0] == (byte)'"' ? token[1..^1] : token;

    /// <summary>The account's number, looked up from its JSON token: no string for accounts already seen.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private int IndexOf(ReadOnlySpan<byte> token)
    {
        if (token.IndexOf((byte)'\\') >= 0 || !System.Text.Unicode.Utf8.IsValid(token))
        {
            return IndexOf(EventParser.Text(token)!); // escaped or not UTF-8: the key is the decoded id's UTF-8
        }

        var key = Unquoted(token);
        var index = _accountIndex.GetOrAdd(key, out var added);
        if (added)
        {
            Added(System.Text.Encoding.UTF8.GetString(key));
        }

        return index;
    }

    private int IndexOf(string account)
    {
        var index = _accountIndex.GetOrAdd(System.Text.Encoding.UTF8.GetBytes(account), out var added);
        if (added)
        {
            Added(account);
        }

        return index;
    }

    private void Added(string account)
    {
        _accountIds.Add(account);
        var later = _laterAccounts?.Find(System.Text.Encoding.UTF8.GetBytes(account)) ?? -1;
        _watermarks.Add(later < 0 ? long.MinValue : _laterWatermarks[later]);
        _replayed?.Add(_options.OnlyAccount is { } only ? account == only : _options.Part!.Value.Holds(account));
    }
}
