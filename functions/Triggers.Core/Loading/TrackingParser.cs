using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Triggers.Core.Loading;

/// <summary>
/// Stands between YamlDotNet's parser and the node loader to keep what the loader's errors lack: where the last event
/// ended (some errors come without a position), which '{' or '[' is still open, and every duplicate key. A duplicate
/// key and its value are left out of the events, so the loader reads the first one and the rest of the file is still
/// checked, instead of the whole file failing on the first duplicate. It also keeps each value written with a YAML
/// tag, and stops the file (a <see cref="YamlLimitException"/>) when it nests too deeply, uses an alias with no
/// anchor before it, or its aliases stand for too many nodes: YamlDotNet shares an anchored node between its aliases,
/// but every reader walks each alias in full, so a few hundred bytes of aliases to aliases would take gigabytes.
/// An alias is replaced by a copy of the events of its anchored value, placed at the alias: the loader then reads a
/// value of its own there, and a problem with it in that place is reported at the alias, not at the anchor, where the
/// same value may be right.
/// </summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    /// <summary>How deep collections may nest: far more than a playbook needs, and deeper than event data may be.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many nodes all the aliases of one file may stand for together.</summary>
    public const int MaxAliasedNodes = 10_000;

    private readonly Stack<Frame> _frames = new();
    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ParsingEvent>> _anchored = new(StringComparer.Ordinal);
    private readonly Queue<ParsingEvent> _copies = new(); // an alias's copy of its anchored value, not yet read
    private bool _copy; // whether the event being tracked comes from _copies
    private ParsingEvent? _current;
    private long _nodes; // nodes read so far, an alias counted as the nodes it stands for
    private long _aliased; // of those, the nodes read through aliases

    public Mark LastEnd { get; private set; } = Mark.Empty;

    /// <summary>The innermost flow collection still open, or null.</summary>
    public (Mark At, char Opener)? OpenFlow =>
        _frames.FirstOrDefault(f => f.Flow) is { } open ? (open.Start, open.Keys is null ? '[' : '{') : null;

    /// <summary>Each value written with a tag (<c>!x</c>, <c>!!str</c>): a playbook has no use for one, and YAML drops it unseen.</summary>
    public List<NodeEvent> Tagged { get; } = [];

    /// <summary>Each key written a second time in one mapping, with where the first one is.</summary>
    public List<(Scalar Key, Mark First)> Duplicates { get; } = [];

    public ParsingEvent? Current => _current;

    public bool MoveNext()
    {
        if (_current is not null)
        {
            LastEnd = _current.End;
        }

        while (Next() is { } next)
        {
            if (_frames.TryPeek(out var frame) && frame.ExpectsKey && next is Scalar { Value: { } key } scalar &&
                frame.Keys is { } keys && !keys.TryAdd(key, scalar.Start))
            {
                Duplicates.Add((scalar, keys[key]));
                SkipNode();
                continue;
            }

            Track(next);
            if (next is AnchorAlias)
            {
                continue; // Track queued its copy
            }

            foreach (var open in _frames)
            {
                open.Recorded?.Add(next);
            }

            if (next is Scalar { Anchor.IsEmpty: false } anchored)
            {
                _anchored[anchored.Anchor.Value] = [anchored];
            }

            _current = next;
            return true;
        }

        _current = null;
        return false;
    }

    private ParsingEvent? Next()
    {
        _copy = _copies.Count > 0;
        return _copy ? _copies.Dequeue() : inner.MoveNext() ? inner.Current : null;
    }

    /// <summary>Leaves out the value after a duplicate key: one scalar or alias, or a whole collection.</summary>
    private void SkipNode()
    {
        var depth = 0;
        while (Next() is { } skipped)
        {
            depth += skipped is MappingStart or SequenceStart ? 1 : skipped is MappingEnd or SequenceEnd ? -1 : 0;
            if (depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>Keeps each open collection's state, so the next scalar is known to be a key or a value.</summary>
    private void Track(ParsingEvent next)
    {
        if (next is NodeEvent { Tag.IsEmpty: false } tagged)
        {
            Tagged.Add(tagged);
        }

        switch (next)
        {
            case MappingStart start:
                Open(new Frame(new Dictionary<string, Mark>(StringComparer.Ordinal), start.Style == MappingStyle.Flow, start.Start, start.Anchor, _nodes));
                return;
            case SequenceStart start:
                Open(new Frame(null, start.Style == SequenceStyle.Flow, start.Start, start.Anchor, _nodes));
                return;
            case MappingEnd or SequenceEnd:
                if (_frames.TryPop(out var closed) && !closed.Anchor.IsEmpty)
                {
                    _anchorSizes[closed.Anchor.Value] = _nodes - closed.NodesBefore;
                    closed.Recorded!.Add(next);
                    _anchored[closed.Anchor.Value] = closed.Recorded;
                }

                break;
            case Scalar scalar:
                _nodes += _copy ? 0 : 1; // an alias's copy was counted when the alias was read
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchorSizes[scalar.Anchor.Value] = 1;
                }

                break;
            case AnchorAlias alias:
                Expand(alias);
                return; // its copy completes the node
            default:
                return;
        }

        if (_frames.TryPeek(out var parent))
        {
            parent.ExpectsKey = !parent.ExpectsKey; // a node completed: in a mapping, keys and values alternate
        }
    }

    private void Open(Frame frame)
    {
        if (_frames.Count >= MaxDepth)
        {
            throw new YamlLimitException(frame.Start, $"this is nested more than {MaxDepth} levels deep, more than a playbook, test or event may be",
                "flatten the data: a webhook body, an email's data and an event's data may each nest a few levels, not dozens");
        }

        _nodes += _copy ? 0 : 1;
        _frames.Push(frame);
    }

    /// <summary>Counts what an alias stands for; an alias with no anchor before it, or one too many, stops the file.</summary>
    private void Expand(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (!_anchorSizes.TryGetValue(name, out var size))
        {
            var inside = _frames.Any(f => !f.Anchor.IsEmpty && f.Anchor.Value == name);
            throw new YamlLimitException(alias.Start, inside
                    ? $"the alias '*{name}' is inside the value anchored as '&{name}', so it would repeat itself without end"
                    : $"the alias '*{name}' has no anchor '&{name}' before it",
                inside ? "an alias may only repeat a value that is complete before it"
                    : $"write '&{name}' on the value to repeat, before this alias, or check the spelling");
        }

        _nodes += size;
        _aliased += size;
        if (_aliased > MaxAliasedNodes)
        {
            throw new YamlLimitException(alias.Start, $"the file's aliases stand for more than {MaxAliasedNodes:N0} values in all, too many to read",
                "aliases of aliases multiply: repeat the value itself, or split the data");
        }

        foreach (var anchored in _anchored[name])
        {
            _copies.Enqueue(At(anchored, alias.Start, alias.End));
        }
    }

    /// <summary>An event of an anchored value, placed at an alias, without the anchor (it is defined once) or a tag (reported once).</summary>
    private static ParsingEvent At(ParsingEvent original, Mark start, Mark end) => original switch
    {
        Scalar s => new Scalar(AnchorName.Empty, TagName.Empty, s.Value, s.Style, s.IsPlainImplicit || !s.Tag.IsEmpty, s.IsQuotedImplicit, start, end, s.IsKey),
        MappingStart m => new MappingStart(AnchorName.Empty, TagName.Empty, true, m.Style, start, end),
        SequenceStart q => new SequenceStart(AnchorName.Empty, TagName.Empty, true, q.Style, start, end),
        MappingEnd => new MappingEnd(start, end),
        SequenceEnd => new SequenceEnd(start, end),
        _ => throw new InvalidOperationException($"an anchored value holds a {original.GetType().Name}"),
    };

    private sealed class Frame(Dictionary<string, Mark>? keys, bool flow, Mark start, AnchorName anchor, long nodesBefore)
    {
        public Mark Start { get; } = start;

        public AnchorName Anchor { get; } = anchor;

        /// <summary>The events of an anchored collection so far, from its start, for its aliases to copy; null when it has no anchor.</summary>
        public List<ParsingEvent>? Recorded { get; } = anchor.IsEmpty ? null : [];

        /// <summary>How many nodes were read before this collection began, to measure it for its anchor.</summary>
        public long NodesBefore { get; } = nodesBefore;

        /// <summary>The keys seen so far, with where each is; null for a sequence.</summary>
        public Dictionary<string, Mark>? Keys { get; } = keys;

        public bool Flow { get; } = flow;

        public bool ExpectsKey { get; set; } = keys is not null;
    }
}

/// <summary>A file the loader will not read, for a reason of ours rather than the parser's, with what to do about it.</summary>
internal sealed class YamlLimitException(Mark at, string message, string hint) : YamlException(at, at, message)
{
    public string Hint { get; } = hint;

    public string Reason { get; } = message;
}
