using System.IO.Compression;
using System.Text;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>
/// A compact binary form of <see cref="AccountState"/>, small enough to live in one Table Storage entity: a version
/// byte, the length of the body, and the body compressed with Brotli (trait names, e-mail addresses and stored
/// trigger events repeat a lot of text, so it roughly halves the size).
/// Reactions are stored by name (<c>playbook/rule</c>), so state survives playbooks being added, reordered or
/// removed: entries of reactions that no longer exist are dropped on read.
/// </summary>
public static class AccountStateSerializer
{
    private const byte Version = 3; // 3: suppressed recipients as keys, not addresses

    // A pending item's kind byte carries PendingItem.Standby in its top bit: no kind comes near it, and a state written
    // before the flag existed reads the same (version 3 still).
    private const int StandbyBit = 0x80;

    public static byte[] Serialize(AccountState state, CompiledPlaybooks program)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(state.AccountId);
            w.Write(state.Clock);
            w.Write7BitEncodedInt64(state.NextSeq);
            WriteTraits(w, state.Account);
            w.Write7BitEncodedInt(state.UserOrder.Count);
            foreach (var user in state.UserOrder)
            {
                w.Write(user);
                WriteTraits(w, state.Users[user]);
            }

            var seen = state.Seen.Items().ToList();
            w.Write7BitEncodedInt(seen.Count);
            seen.ForEach(w.Write);
            w.Write7BitEncodedInt(state.Pending.Count);
            foreach (var p in state.Pending)
            {
                w.Write((byte)((byte)p.Kind | (p.Standby ? StandbyBit : 0))); // the bit is never set in states written before it
                w.Write(program.Reactions[p.Reaction].Name);
                w.Write(p.Due);
                w.Write7BitEncodedInt64(p.Seq);
                w.Write7BitEncodedInt(p.Trigger?.Length ?? -1);
                w.Write(p.Trigger is { } trigger ? trigger.Span : []);
                w.Write(p.Cause);
                w.Write(p.Since);
                w.Write7BitEncodedInt(p.Action);
            }

            WriteByReaction(w, program, state.Counts, WriteTimes);
            WriteByReaction(w, program, state.ThresholdSince, (w2, v) => w2.Write(v));
            WriteByReaction(w, program, state.ThresholdFired.ToDictionary(i => i, _ => true), (_, _) => { });
            WriteByReaction(w, program, state.ScheduleArmed, (w2, v) => w2.Write(v));
            WriteByReaction(w, program, state.Fires, WriteTimes);
            WriteStrings(w, state.Stages, (w2, v) => w2.Write(v));
            WriteStrings(w, state.CurrentStage, (w2, v) => w2.Write(v));
            w.Write7BitEncodedInt(state.Suppressed.Count);
            foreach (var entry in state.Suppressed.Entries)
            {
                w.Write(entry);
            }
        }

        return Compress(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static byte[] Compress(ReadOnlySpan<byte> body)
    {
        var output = new byte[1 + 5 + BrotliEncoder.GetMaxCompressedLength(body.Length)];
        output[0] = Version;
        var header = 1 + Write7BitLength(output.AsSpan(1), body.Length);
        // Quality 5 with a small window: most of the gain at a fraction of the cost of the maximum settings.
        if (!BrotliEncoder.TryCompress(body, output.AsSpan(header), out var written, quality: 5, window: 16))
        {
            throw new InvalidOperationException("account state did not compress into its maximum compressed length");
        }

        return output[..(header + written)];
    }

    private static byte[] Decompress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty || bytes[0] != Version)
        {
            throw new InvalidDataException("unknown account state version");
        }

        var (length, header) = Read7BitLength(bytes[1..]);
        var body = new byte[length];
        if (!BrotliDecoder.TryDecompress(bytes[(1 + header)..], body, out var written) || written != length)
        {
            throw new InvalidDataException("account state is corrupt: its body does not decompress");
        }

        return body;
    }

    private static int Write7BitLength(Span<byte> into, int value)
    {
        var i = 0;
        for (var v = (uint)value; ; v >>= 7)
        {
            into[i++] = (byte)(v < 0x80 ? v : (v & 0x7F) | 0x80);
            if (v < 0x80)
            {
                return i;
            }
        }
    }

    private static (int Value, int Length) Read7BitLength(ReadOnlySpan<byte> from)
    {
        var value = 0;
        for (var i = 0; i < 5 && i < from.Length; i++)
        {
            value |= (from[i] & 0x7F) << (7 * i);
            if ((from[i] & 0x80) == 0)
            {
                return (value, i + 1);
            }
        }

        throw new InvalidDataException("account state is corrupt: bad length");
    }

    public static AccountState Deserialize(ReadOnlySpan<byte> bytes, CompiledPlaybooks program)
    {
        using var r = new BinaryReader(new MemoryStream(Decompress(bytes)), Encoding.UTF8);
        var state = new AccountState(r.ReadString()) { Clock = r.ReadInt64(), NextSeq = r.Read7BitEncodedInt64() };
        ReadTraits(r, state.Account);
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var user = state.UserTraits(r.ReadString());
            var before = user.Size;
            ReadTraits(r, user);
            state.UserTraitsResized(user.Size - before);
        }

        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            state.Seen.Put(r.ReadUInt64());
        }

        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var written = r.ReadByte();
            var kind = (PendingKind)(written & ~StandbyBit);
            var index = program.ReactionIndex(r.ReadString());
            var due = r.ReadInt64();
            var seq = r.Read7BitEncodedInt64();
            var length = r.Read7BitEncodedInt();
            var trigger = length < 0 ? (ReadOnlyMemory<byte>?)null : r.ReadBytes(length);
            var item = new PendingItem
            {
                Kind = kind, Reaction = index ?? -1, Due = due, Seq = seq, Trigger = trigger, Cause = r.ReadString(),
                Since = r.ReadInt64(), Action = r.Read7BitEncodedInt(), Standby = (written & StandbyBit) != 0,
            };
            if (index is not null)
            {
                state.AddPending(item);
            }
        }

        ReadByReaction(r, program, state.Counts, ReadTimes);
        ReadByReaction(r, program, state.ThresholdSince, r2 => r2.ReadInt64());
        var fired = new Dictionary<int, bool>();
        ReadByReaction(r, program, fired, _ => true);
        state.ThresholdFired.UnionWith(fired.Keys);
        ReadByReaction(r, program, state.ScheduleArmed, r2 => r2.ReadInt64());
        ReadByReaction(r, program, state.Fires, ReadTimes);
        ReadStrings(r, state.Stages, r2 => r2.ReadInt64());
        ReadStrings(r, state.CurrentStage, r2 => r2.ReadString());
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            state.Suppressed.Restore(r.ReadUInt64());
        }
        return state;
    }

    private static void WriteTimes(BinaryWriter w, List<long> times)
    {
        w.Write7BitEncodedInt(times.Count);
        times.ForEach(w.Write);
    }

    private static List<long> ReadTimes(BinaryReader r)
    {
        var times = new List<long>();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            times.Add(r.ReadInt64());
        }

        return times;
    }

    private static void WriteByReaction<T>(BinaryWriter w, CompiledPlaybooks program, Dictionary<int, T> map, Action<BinaryWriter, T> write)
    {
        w.Write7BitEncodedInt(map.Count);
        foreach (var (index, value) in map.OrderBy(e => e.Key))
        {
            w.Write(program.Reactions[index].Name);
            write(w, value);
        }
    }

    private static void ReadByReaction<T>(BinaryReader r, CompiledPlaybooks program, Dictionary<int, T> map, Func<BinaryReader, T> read)
    {
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var index = program.ReactionIndex(r.ReadString());
            var value = read(r);
            if (index is { } i)
            {
                map[i] = value;
            }
        }
    }

    private static void WriteStrings<T>(BinaryWriter w, Dictionary<string, T> map, Action<BinaryWriter, T> write)
    {
        w.Write7BitEncodedInt(map.Count);
        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            w.Write(key);
            write(w, value);
        }
    }

    private static void ReadStrings<T>(BinaryReader r, Dictionary<string, T> map, Func<BinaryReader, T> read)
    {
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var key = r.ReadString();
            map[key] = read(r);
        }
    }

    private static void WriteTraits(BinaryWriter w, TraitMap traits)
    {
        w.Write7BitEncodedInt(traits.Count);
        foreach (var (key, value) in traits.Entries)
        {
            w.Write(key);
            WriteValue(w, value);
        }
    }

    private static void ReadTraits(BinaryReader r, TraitMap traits)
    {
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var key = r.ReadString();
            traits[key] = ReadValue(r);
        }
    }

    /// <summary>
    /// The kind byte of a number kept with its text (<see cref="Value.NumberText"/>): the double, then the text. A tag
    /// of its own rather than a new version, so state written before reads as it did.
    /// </summary>
    private const byte NumberWithText = 0x80 | (byte)ValueKind.Number;

    private static void WriteValue(BinaryWriter w, Value value)
    {
        if (value.NumberText is { } text)
        {
            w.Write(NumberWithText);
            w.Write(value.AsNumber);
            w.Write(text);
            return;
        }

        w.Write((byte)value.Kind);
        switch (value.Kind)
        {
            case ValueKind.Bool:
                w.Write(value.AsBool);
                break;
            case ValueKind.Number:
                w.Write(value.AsNumber);
                break;
            case ValueKind.String:
                w.Write(value.AsString);
                break;
            case ValueKind.Time:
            case ValueKind.Duration:
                w.Write(value.TimeTicks);
                break;
            case ValueKind.List:
                w.Write7BitEncodedInt(value.AsList.Count);
                foreach (var item in value.AsList)
                {
                    WriteValue(w, item);
                }

                break;
            case ValueKind.Object:
                var map = new TraitMap();
                foreach (var name in value.AsObject!.MemberNames)
                {
                    value.AsObject.TryGetMember(name, out var member);
                    map[name] = member;
                }

                WriteTraits(w, map);
                break;
        }
    }

    private static Value ReadValue(BinaryReader r)
    {
        var kind = (ValueKind)r.ReadByte();
        switch (kind)
        {
            case (ValueKind)NumberWithText:
                return Value.Number(r.ReadDouble(), r.ReadString());
            case ValueKind.Bool:
                return Value.Bool(r.ReadBoolean());
            case ValueKind.Number:
                return Value.Number(r.ReadDouble());
            case ValueKind.String:
                return Value.String(r.ReadString());
            case ValueKind.Time:
                return Value.TimeFromTicks(r.ReadInt64());
            case ValueKind.Duration:
                return Value.Duration(new TimeSpan(r.ReadInt64()));
            case ValueKind.List:
                var items = new List<Value>();
                for (var n = r.Read7BitEncodedInt(); n > 0; n--)
                {
                    items.Add(ReadValue(r));
                }

                return Value.List(items);
            case ValueKind.Object:
                var map = new TraitMap();
                ReadTraits(r, map);
                return Value.Object(map);
            default:
                return Value.Null;
        }
    }
}
