using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Triggers.Core.Loading;

/// <summary>
/// Stands between YamlDotNet's parser and the node loader to keep what the loader's errors lack: where the last event
/// ended (some errors come without a position), which '{' or '[' is still open, and every duplicate key. A duplicate
/// key and its value are left out of the events, so the loader reads the first one and the rest of the file is still
/// checked, instead of the whole file failing on the first duplicate.
/// </summary>
internal sealed class TrackingParser(IParser inner) : IParser
{
    private readonly Stack<Frame> _frames = new();
    private ParsingEvent? _current;

    public Mark LastEnd { get; private set; } = Mark.Empty;

    /// <summary>The innermost flow collection still open, or null.</summary>
    public (Mark At, char Opener)? OpenFlow =>
        _frames.FirstOrDefault(f => f.Flow) is { } open ? (open.Start, open.Keys is null ? '[' : '{') : null;

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
            _current = next;
            return true;
        }

        _current = null;
        return false;
    }

    private ParsingEvent? Next() => inner.MoveNext() ? inner.Current : null;

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
        switch (next)
        {
            case MappingStart start:
                _frames.Push(new Frame(new Dictionary<string, Mark>(StringComparer.Ordinal), start.Style == MappingStyle.Flow, start.Start));
                return;
            case SequenceStart start:
                _frames.Push(new Frame(null, start.Style == SequenceStyle.Flow, start.Start));
                return;
            case MappingEnd or SequenceEnd:
                _frames.TryPop(out _);
                break;
            case not (Scalar or AnchorAlias):
                return;
        }

        if (_frames.TryPeek(out var parent))
        {
            parent.ExpectsKey = !parent.ExpectsKey; // a node completed: in a mapping, keys and values alternate
        }
    }

    private sealed class Frame(Dictionary<string, Mark>? keys, bool flow, Mark start)
    {
        public Mark Start { get; } = start;

        /// <summary>The keys seen so far, with where each is; null for a sequence.</summary>
        public Dictionary<string, Mark>? Keys { get; } = keys;

        public bool Flow { get; } = flow;

        public bool ExpectsKey { get; set; } = keys is not null;
    }
}
