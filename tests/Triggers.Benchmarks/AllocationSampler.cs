using System.Diagnostics.Tracing;

namespace Triggers.Benchmarks;

/// <summary>
/// What a run allocates, by type: the runtime samples one allocation about every 100 KB (its GC allocation-tick
/// event) and names the type it landed on, so the sums are estimates proportional to the bytes each type takes.
/// In-process, so no tracing tool is needed on the machine (`measure` turns it on with MEASURE_ALLOCATIONS=1).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTick = 10;
    private readonly Dictionary<string, long> _bytes = [];
    private bool _enabled;

    public void Start() => _enabled = true;

    public void Stop() => _enabled = false;

    /// <summary>The types that took the most bytes, largest first, with their share of all sampled bytes.</summary>
    public IEnumerable<(string Type, long Bytes, double Share)> Top(int count)
    {
        lock (_bytes)
        {
            var total = Math.Max(1, _bytes.Values.Sum());
            return [.. _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value, p.Value / (double)total))];
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: allocation ticks at verbose level
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_enabled || e.EventId != AllocationTick || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
