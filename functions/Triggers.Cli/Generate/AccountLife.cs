using System.Globalization;

namespace Triggers.Cli.Generate;

/// <summary>
/// One account's life, told a week at a time so the whole history never sits in memory: before the purchase
/// (pricing page, demo, trial), the start (traits, subscription, invites, first value), then weekly usage and
/// monthly health, support, surveys, seats, expansion, renewal or churn. Each call to <see cref="Wake"/> emits
/// events no earlier than its own time (some later: a ticket's resolution days after it was opened) and says
/// when the account wakes next. Its fate (renewal date, churn, expansion) is drawn at the start, so the events
/// on the way tell the same story.
/// </summary>
internal sealed partial class AccountLife
{
    private const long Day = TimeSpan.TicksPerDay;
    private const long Hour = TimeSpan.TicksPerHour;
    private const long Minute = TimeSpan.TicksPerMinute;

    private readonly Persona _p;
    private readonly Firm _firm;
    private readonly Random _random;
    private readonly double _intensity;
    private readonly long _end;
    private readonly Action<GeneratedEvent> _sink;
    private readonly List<Member> _users = [];
    private readonly long _start;
    private readonly int _firstName;
    private long _now;
    private Step _step = Step.Prospect;

    // The account's fate, drawn at its start; long.MaxValue for "not in this story".
    private long _renewal;
    private long _stop = long.MaxValue;
    private long _expandAt = long.MaxValue;
    private long _recoverAt = long.MaxValue;
    private long _unsubscribeAt = long.MaxValue;
    private long _keyAdopted = long.MaxValue;
    private long _nextSurvey;
    private bool _doomed;

    // What the billing sync and the health score know.
    private int _seatsPurchased;
    private int _seatsAssigned;
    private int _health;
    private int _trouble;
    private int _tickets;
    private int _people;
    private int _week;

    public AccountLife(int index, Persona persona, int rank, GenerateOptions options, double intensity, Action<GeneratedEvent> sink)
    {
        Index = index;
        _p = persona;
        // One generator per account, seeded from the run's seed and the account's number: account 7 is the same
        // account in a run of 300 and in one of 100,000.
        _random = new Random(unchecked((options.Seed * 1_000_003) ^ (index * 7_919)));
        _firm = Firm.For(persona, rank, _random);
        _firstName = _random.Next(64);
        _intensity = intensity;
        _sink = sink;
        var first = options.Start.UtcTicks;
        _end = options.Start.AddMonths(options.Months).UtcTicks;
        // Sign-ups spread over the first two months (over the first half of a shorter history).
        var spread = Math.Max(1, Math.Min(60 * Day, (_end - first) / 2));
        _start = Seconds(Working(first + (long)(_random.NextDouble() * spread)));
        NextWake = Math.Max(first, _start - 21 * Day);
    }

    private enum Step
    {
        Prospect,
        Start,
        Week,
    }

    public int Index { get; }

    /// <summary>When <see cref="Wake"/> should next be called; <see cref="long.MaxValue"/> once the account's story is told.</summary>
    public long NextWake { get; private set; }

    /// <summary>Activity that only thins out (never grows) with a lower intensity: invites, surveys, snapshots.</summary>
    private double Thinning => Math.Min(1, _intensity);

    public void Wake()
    {
        _now = NextWake;
        switch (_step)
        {
            case Step.Prospect:
                Prospect();
                (_step, NextWake) = (Step.Start, _start);
                break;
            case Step.Start:
                Start();
                (_step, NextWake) = (Step.Week, _start + 7 * Day);
                break;
            default:
                NextWake = Week(_now, _now + 7 * Day);
                break;
        }

        if (NextWake >= _end)
        {
            NextWake = long.MaxValue;
        }
    }

    /// <summary>
    /// Before the purchase, in the order buyers go: documentation (research), a trial, the pricing page (compare), a
    /// demo (decide). Only what falls inside the history is told.
    /// </summary>
    private void Prospect()
    {
        if (!Chance(Thinning))
        {
            return;
        }

        if (Chance(_p.Trial))
        {
            Emit(Working(_start - Between(15 * Day, 20 * Day)), "page.viewed", null, ("page", "docs"));
            Emit(Working(_start - Between(11 * Day, 14 * Day)), "trial.started", null);
        }

        Emit(Working(_start - Between(5 * Day, 10 * Day)), "page.viewed", null, ("page", "pricing"));
        if (Chance(_p.Demo))
        {
            Emit(Working(_start - Between(2 * Day, 4 * Day)), "demo.requested", null);
        }
    }

    private void Emit(long time, string type, string? user, params (string Key, object Value)[] data)
    {
        time = Seconds(time);
        // Nothing before this wake-up (it would break the time order); nothing after the history or the churn.
        if (time >= _now && time < _end && (time <= _stop || type == "subscription.cancelled"))
        {
            _sink(new GeneratedEvent(time, Index, type, user, data));
        }
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private int Between(int min, int max) => _random.Next(min, max + 1);

    private long Between(long min, long max) => min + (long)(_random.NextDouble() * (max - min));

    private long Hours(int min, int max) => Between(min * Hour, max * Hour);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>
    /// People work office hours on weekdays in their own time zone: an instant outside them moves on to the next
    /// working morning, except now and then (evening and weekend activity is real, and quiet hours need some).
    /// </summary>
    private long Working(long utc)
    {
        var offset = _firm.OffsetHours * Hour;
        var local = utc + offset;
        var midnight = local - local % Day;
        var hour = local - midnight;
        if ((hour is >= 8 * Hour and < 19 * Hour && !Weekend(midnight)) || Chance(0.12))
        {
            return utc;
        }

        var morning = hour < 8 * Hour ? midnight : midnight + Day;
        while (Weekend(morning))
        {
            morning += Day;
        }

        return morning + 8 * Hour + Between(0, 4 * Hour) - offset;
    }

    // 0001-01-01, tick zero, was a Monday.
    private static bool Weekend(long midnight) => midnight / Day % 7 >= 5;

    private static long Seconds(long ticks) => ticks - ticks % TimeSpan.TicksPerSecond;

    private static string Date(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private int Poisson(double mean)
    {
        if (mean > 30)
        {
            // Normal approximation: Knuth's product below underflows for large means.
            var gauss = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * gauss));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        for (var product = _random.NextDouble(); product > limit; product *= _random.NextDouble())
        {
            k++;
        }

        return k;
    }
}
