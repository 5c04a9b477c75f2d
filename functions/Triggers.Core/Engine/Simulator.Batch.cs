namespace Triggers.Core.Engine;

// The replay's working copies: a batch of events side by side, and the entry each accepted event leaves in arrival order.
public sealed partial class Simulator
{
    /// <summary>
    /// Copies of a few hundred accounts' events side by side, in replay order. An account's events lie scattered over
    /// the log in arrival order; copying a batch of them together in one tight loop, which waits for many at once, and
    /// replaying from a buffer that stays in the cache costs less than reading each event where it arrived.
    /// </summary>
    private sealed class Batch(EventLog log)
    {
        /// <summary>Events per batch (unless one account has more): about a megabyte of them, well inside the cache.</summary>
        public const int Size = 4096;

        private const int Ahead = 8; // events whose bytes are asked for before they are copied

        /// <summary>The most a batch copies (see <see cref="Gather"/>).</summary>
        internal const int MaxCopied = 64 << 20;

        private Memory<byte> _bytes = HugePages.Block(2 << 20);
        private Entry[] _entries = new Entry[Size];

        /// <summary>
        /// Copies the entries <c>order[from..to]</c> (the next accounts', in replay order) into the batch, asking for
        /// entries a few ahead, and for each one's bytes, as it goes.
        /// </summary>
        public Span<Entry> Collect(ChunkedList<Entry> entries, int[] order, int from, int to)
        {
            if (to - from > _entries.Length)
            {
                _entries = new Entry[to - from];
            }

            for (var i = from; i < to; i++)
            {
                if (i + EntriesAhead < to)
                {
                    entries.Prefetch(order[i + EntriesAhead]);
                }

                ref readonly var entry = ref entries[order[i]];
                log.Prefetch(entry.Chunk, entry.Offset, entry.Length);
                _entries[i - from] = entry;
            }

            return _entries.AsSpan(0, to - from);
        }

        private const int EntriesAhead = 16; // entries asked for before they are copied

        /// <summary>
        /// Copies the entries' bytes side by side; each entry then points at its copy (chunk -1). A batch of more than
        /// <see cref="MaxCopied"/> (one account with an outsized history) is left where it lies and read from the log:
        /// the copy would double the memory that account takes for no gain.
        /// </summary>
        public void Gather(Span<Entry> entries)
        {
            var needed = 0L;
            foreach (ref readonly var entry in entries)
            {
                needed += entry.Length;
            }

            if (needed > MaxCopied)
            {
                return;
            }

            if (needed > _bytes.Length)
            {
                _bytes = HugePages.Block((int)Math.Max(needed, Math.Min(_bytes.Length * 2L, MaxCopied)));
            }

            var bytes = _bytes.Span;
            var used = 0;
            for (var i = 0; i < entries.Length; i++)
            {
                if (i + Ahead < entries.Length)
                {
                    ref readonly var later = ref entries[i + Ahead];
                    log.Prefetch(later.Chunk, later.Offset, later.Length);
                }

                ref var entry = ref entries[i];
                log.Read(entry.Chunk, entry.Offset, entry.Length).CopyTo(bytes[used..]);
                entry = entry with { Chunk = -1, Offset = used };
                used += entry.Length;
            }
        }

        public ReadOnlyMemory<byte> Memory(int offset, int length) => _bytes.Slice(offset, length);
    }

    /// <summary>
    /// Where one accepted event lies in the log, its envelope, and what orders it: account, time, id, and arrival, which
    /// is the entry's own number (entries are numbered as they arrive). The type is a number, so an entry holds no
    /// reference: a million of them lie in uncleared memory on huge pages (<see cref="ChunkedList{T}"/>). An event that
    /// arrived late holds its type's complement (below zero), which marks it without making every entry larger.
    /// </summary>
    private readonly record struct Entry(
        int Account, int Number, int Chunk, int Offset, int Length, int Type, long TimeTicks, Range Id, Range AccountId, Range Source, Range User, Range Subject, Range Data)
    {
        public bool IsLate => Type < 0;

        public EventParser.Envelope Envelope(List<string> types) => new(types[IsLate ? ~Type : Type], TimeTicks, Id, AccountId, Source, User, Subject, Data);
    }
}
