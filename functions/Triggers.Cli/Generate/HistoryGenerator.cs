using System.Globalization;

namespace Triggers.Cli.Generate;

/// <summary>
/// A seeded generator of realistic CS histories: per account, traits, the subscription, invites, logins, feature
/// use, seats, support tickets and surveys, health, renewal, churn and expansion, following its persona. The same
/// options give byte-identical output.
/// </summary>
internal sealed class HistoryGenerator(GenerateOptions options)
{
    private static readonly (string Zone, int Offset)[] Zones =
        [("Europe/Berlin", 1), ("America/New_York", -5), ("Europe/London", 0), ("America/Chicago", -6), ("Asia/Singapore", 8)];

    private static readonly string[] KeyFeatures = ["dashboards", "integrations", "automations"];
    private static readonly string[] OtherFeatures = ["reports", "exports", "api"];
    private static readonly string[] Names = ["Ann", "Bob", "Cem", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lea"];

    private readonly Random _random = new(options.Seed);
    private readonly List<GeneratedEvent> _events = [];
    private long _end;
    private int _seq;

    public List<GeneratedEvent> Generate(double intensity)
    {
        var start = options.Start.UtcTicks;
        _end = options.Start.AddMonths(options.Months).UtcTicks;
        for (var account = 0; account < options.Accounts; account++)
        {
            var persona = Persona.All[account % Persona.All.Length];
            Account(account, persona, start + Days(_random.Next(0, Math.Min(60, options.Months * 30))), intensity);
        }

        _events.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Account != b.Account ? a.Account.CompareTo(b.Account) : a.Seq.CompareTo(b.Seq));
        return _events;
    }

    private void Account(int index, Persona p, long t0, double intensity)
    {
        var (zone, offset) = Zones[_random.Next(Zones.Length)];
        var name = $"{Pick(["Acme", "Northwind", "Brightwash", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay"])} {Pick(p.Industries)} {index}";
        var domain = $"a{index}.test";
        var seats = _random.Next(p.Seats.Min, p.Seats.Max + 1);
        var renewal = t0 + Days(_random.Next(60, 366));
        var health = p.Health.Start;
        Emit(t0 - Days(_random.Next(3, 20)), index, "page.viewed", null, ("page", "pricing"));
        if (_random.NextDouble() < 0.5)
        {
            Emit(t0 - Days(_random.Next(1, 3)), index, "demo.requested", null);
        }

        Emit(t0, index, "account.updated", null,
            ("name", name), ("plan", Pick(p.Plans)), ("company_size", _random.Next(p.CompanySize.Min, p.CompanySize.Max + 1)),
            ("industry", Pick(p.Industries)), ("region", zone.Split('/')[0]), ("timezone", zone), ("persona", p.Id),
            ("csm_email", $"csm{index % 7}@vendor.test"), ("admin_email", $"admin@{domain}"), ("seats_purchased", seats),
            ("seats_assigned", Math.Max(1, (int)(seats * 0.8))), ("renewal_date", Date(renewal)), ("subscription_start", Date(t0)),
            ("health_score", health));
        Emit(t0 + Minutes(1), index, "subscription.started", null, ("plan", Pick(p.Plans)), ("seats", seats));
        Emit(t0 + Minutes(2), index, "user.updated", "u1", ("email", $"admin@{domain}"), ("name", Pick(Names)), ("role", "owner"));

        var users = new List<string> { "u1" };
        // Invites scale with activity too, so sparse benchmark histories (10 events an account) stay reachable.
        var invites = Math.Min(seats - 1, Math.Max(1, (int)Math.Round(_random.Next(2, 6) * Math.Min(1, intensity))));
        for (var i = 0; i < invites; i++)
        {
            var user = $"u{i + 2}";
            var at = t0 + Hours(_random.Next(2, 14 * 24));
            Emit(at, index, "user.invited", "u1", ("invitee_id", user), ("invitee_email", $"{user}@{domain}"), ("inviter_name", Pick(Names)));
            if (_random.NextDouble() < p.InviteeLogsIn)
            {
                var login = at + Hours(_random.Next(1, p.InviteeLogsIn > 0.5 ? 48 : 120));
                Emit(login, index, "user.logged_in", user);
                Emit(login + Minutes(5), index, "user.updated", user, ("email", $"{user}@{domain}"), ("name", Pick(Names)), ("role", "member"));
                users.Add(user);
            }
        }

        if (_random.NextDouble() < p.KeyFeatureChance)
        {
            Emit(t0 + Days(_random.Next(p.KeyFeatureDay.Min, p.KeyFeatureDay.Max + 1)) + Hours(_random.Next(0, 8)), index, "feature.used",
                Pick(users), ("feature", Pick(KeyFeatures)), ("key", true));
        }

        // Seats drift towards the persona's utilisation after the first fortnight.
        Emit(t0 + Days(14 + _random.Next(0, 7)), index, "account.updated", null, ("seats_assigned", Math.Max(1, (int)Math.Round(seats * p.Utilisation))));

        var churned = _random.NextDouble() < p.ChurnChance;
        var churnAt = churned ? Math.Min(renewal - Days(_random.Next(0, 30)), _end - Days(1)) : long.MaxValue;
        var stop = Math.Min(_end, churnAt);
        for (var week = t0; week < stop; week += Days(7))
        {
            Activity(index, p, users, week, Math.Min(week + Days(7), stop), intensity);
        }

        for (var month = t0 + Days(30); month < stop; month += Days(30))
        {
            var progress = (double)(month - t0) / Math.Max(1, _end - t0);
            health = (int)Math.Round(p.Health.Start + (p.Health.End - p.Health.Start) * progress) + _random.Next(-4, 5);
            Emit(month, index, "account.updated", null, ("health_score", health), ("active_users", users.Count));
            Support(index, p, users, month, intensity);
        }

        for (var survey = t0 + Days(_random.Next(20, 60)); survey < stop; survey += Days(90))
        {
            Emit(survey, index, "nps.answered", Pick(users), ("score", _random.Next(p.Nps.Min, p.Nps.Max + 1)));
        }

        if (_random.NextDouble() < p.ExpandChance && t0 + Days(60) < stop)
        {
            var at = t0 + Days(_random.Next(60, 120));
            if (at < stop)
            {
                Emit(at, index, "subscription.expanded", "u1", ("seats_from", seats), ("seats_to", seats * 2));
                Emit(at + Minutes(1), index, "account.updated", null, ("seats_purchased", seats * 2), ("seats_assigned", (int)(seats * 1.8)));
            }
        }

        if (churned && churnAt < _end)
        {
            Emit(churnAt, index, "subscription.cancelled", "u1", ("reason", p.Id == "manufacturer" ? "support experience" : "price"));
        }
        else if (renewal < _end)
        {
            Emit(renewal, index, "subscription.renewed", "u1", ("plan", Pick(p.Plans)));
        }

        if (_random.NextDouble() < 0.02)
        {
            Emit(t0 + Days(_random.Next(5, 60)), index, "email.unsubscribed", null, ("email", $"{Pick(users)}@{domain}"));
        }
    }

    private void Activity(int index, Persona p, List<string> users, long from, long to, double intensity)
    {
        var logins = Poisson(p.LoginsPerUserWeek * users.Count * intensity);
        for (var i = 0; i < logins; i++)
        {
            var at = Between(from, to);
            var user = Pick(users);
            Emit(at, index, "user.logged_in", user);
            if (_random.NextDouble() < 0.5)
            {
                var key = _random.NextDouble() < p.KeyFeatureChance * 0.5;
                Emit(at + Minutes(_random.Next(1, 60)), index, "feature.used", user, ("feature", key ? Pick(KeyFeatures) : Pick(OtherFeatures)), ("key", key));
            }
        }

        if (_random.NextDouble() < 0.1 * intensity)
        {
            Emit(Between(from, to), index, "kb.article_viewed", Pick(users), ("article", "getting-started"));
        }
    }

    private void Support(int index, Persona p, List<string> users, long month, double intensity)
    {
        var tickets = Poisson(p.TicketsPerMonth * intensity);
        var spike = _random.NextDouble() < p.SpikeChancePerMonth;
        var first = Between(month, month + Days(23));
        for (var i = 0; i < tickets + (spike ? 3 : 0); i++)
        {
            var at = spike && i >= tickets ? first + Hours(_random.Next(1, 6 * 24)) : Between(month, month + Days(30));
            var id = $"T-{index}-{_seq}";
            var user = Pick(users);
            Emit(at, index, "ticket.opened", user, ("ticket_id", id), ("priority", spike ? "high" : "normal"), ("subject", "Question"));
            var respond = Hours(_random.Next(2, 30));
            if (_random.NextDouble() < p.EscalationChance)
            {
                Emit(at + Hours(_random.Next(4, 24)), index, "ticket.escalated", user, ("ticket_id", id));
                respond = Hours(_random.Next(12, p.Id == "manufacturer" ? 120 : 40));
            }

            Emit(at + respond, index, "ticket.responded", null, ("ticket_id", id));
            var resolved = at + respond + Hours(_random.Next(12, 6 * 24));
            Emit(resolved, index, "ticket.resolved", null, ("ticket_id", id));
            if (_random.NextDouble() < 0.6)
            {
                Emit(resolved + Hours(_random.Next(1, 20)), index, "csat.answered", user, ("ticket_id", id), ("score", _random.Next(p.Csat.Min, p.Csat.Max + 1)));
            }
        }
    }

    private void Emit(long time, int account, string type, string? user, params (string, object)[] data)
    {
        if (time < _end)
        {
            _events.Add(new GeneratedEvent(time, account, _seq++, type, user, data));
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private long Between(long from, long to) => from + (long)(_random.NextDouble() * Math.Max(1, to - from)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;

    private int Poisson(double mean)
    {
        // Knuth's method; means here are small.
        var limit = Math.Exp(-Math.Min(mean, 50));
        var k = 0;
        for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble())
        {
            k++;
        }

        return k;
    }

    private static long Days(int n) => TimeSpan.TicksPerDay * n;

    private static long Hours(int n) => TimeSpan.TicksPerHour * n;

    private static long Minutes(int n) => TimeSpan.TicksPerMinute * n;

    private static string Date(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
