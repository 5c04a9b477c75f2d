using System.Collections.Concurrent;
using Triggers.Core.Engine;

namespace Triggers.Cli;

/// <summary>
/// Hands outcomes to a second thread in batches, so formatting output (effect ids, JSON) runs beside the replay
/// instead of after it: the engine stays single-threaded, the machine's other core does the printing. Outcomes are
/// immutable once emitted, so nothing is shared but the queue. At most <see cref="MaxQueued"/> batches wait: a
/// slow consumer slows the replay rather than letting memory grow. <see cref="Complete"/> drains the queue and
/// rethrows anything the consumer threw.
/// </summary>
internal sealed class BackgroundSink : IDisposable
{
    private const int BatchSize = 1024;
    private const int MaxQueued = 8;
    private readonly BlockingCollection<Outcome[]> _queue = new(MaxQueued);
    private readonly Thread _consumer;
    private Outcome[] _batch = new Outcome[BatchSize];
    private int _count;
    private volatile Exception? _failure;

    public BackgroundSink(Action<Outcome> consume)
    {
        _consumer = new Thread(() => Consume(consume)) { IsBackground = true, Name = "outcome output" };
        _consumer.Start();
    }

    /// <summary>Queues one outcome (the simulator's sink).</summary>
    public void Post(Outcome outcome)
    {
        _batch[_count++] = outcome;
        if (_count == BatchSize)
        {
            Flush();
        }
    }

    /// <summary>Waits until every queued outcome has been consumed; rethrows the consumer's failure.</summary>
    public void Complete()
    {
        if (!_queue.IsAddingCompleted)
        {
            Flush();
            _queue.CompleteAdding();
        }

        ThrowIfFailed();
    }

    public void Dispose()
    {
        if (!_queue.IsAddingCompleted)
        {
            _queue.CompleteAdding();
            _consumer.Join();
        }

        _queue.Dispose();
    }

    private void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        if (_failure is not null)
        {
            // The consumer has stopped: fail now rather than queue forever.
            _queue.CompleteAdding();
            ThrowIfFailed();
        }

        _queue.Add(_count == BatchSize ? _batch : _batch[.._count]);
        _batch = new Outcome[BatchSize];
        _count = 0;
    }

    private void ThrowIfFailed()
    {
        _consumer.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException("writing the outcomes failed: " + _failure.Message, _failure);
        }
    }

    private void Consume(Action<Outcome> consume)
    {
        try
        {
            foreach (var batch in _queue.GetConsumingEnumerable())
            {
                foreach (var outcome in batch)
                {
                    consume(outcome);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _failure = e;
            // Keep draining, so a producer blocked on a full queue is released and learns of the failure.
            foreach (var _ in _queue.GetConsumingEnumerable())
            {
            }
        }
    }
}
