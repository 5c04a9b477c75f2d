namespace Triggers.Cli.Generate;

/// <summary>Week by week after the start: usage, snapshots, the monthly billing sync, surveys and the account's fate.</summary>
internal sealed partial class AccountLife
{
    private static readonly string[] Articles = ["getting-started", "invite-your-team", "connect-an-integration", "build-a-dashboard"];

    /// <summary>One week from <paramref name="from"/>; returns the next wake-up, or <see cref="long.MaxValue"/> after churn.</summary>
    private long Week(long from, long to)
    {
        var churns = _stop < to;
        Usage(from, churns ? _stop : to);
        if (_week % 2 == 0 && Chance(Thinning))
        {
            Emit(from + Hours(1, 6), "usage.snapshot", null,
                ("active_users", ActiveUsers(from)), ("seats_purchased", _seatsPurchased), ("seats_assigned", _seatsAssigned));
        }

        if (_week % 4 == 0)
        {
            Monthly(from);
            Support(from, from + 28 * Day);
        }

        if (_nextSurvey < to)
        {
            Survey(Working(_nextSurvey));
            _nextSurvey += 90 * Day;
        }

        Milestones(from, to);
        _week++;
        if (churns)
        {
            Emit(_stop, "subscription.cancelled", Owner.Id,
                ("plan", _firm.Plan), ("seats_from", _seatsPurchased), ("seats_to", 0), ("reason", _p.ChurnReason));
            return long.MaxValue;
        }

        return to;
    }

    /// <summary>Logins by the users active by then, feature use (key features only once adopted), help articles, pricing.</summary>
    private void Usage(long from, long to)
    {
        var share = (double)(to - from) / (7 * Day);
        var logins = Poisson(_p.LoginsPerUserWeek * ActiveUsers(to) * _intensity * share);
        for (var i = 0; i < logins; i++)
        {
            var at = Working(Between(from, to));
            var user = ActiveUser(at);
            Emit(at, "user.logged_in", user.Id);
            if (Chance(_p.FeaturePerLogin))
            {
                var key = at >= _keyAdopted && Chance(_p.KeyShare);
                Emit(at + Hours(0, 1) + Minute, "feature.used", user.Id, ("feature", Pick(key ? KeyFeatures : OtherFeatures)), ("key", key));
            }
        }

        for (var i = Poisson(_p.KbPerWeek * _intensity * share); i > 0; i--)
        {
            var at = Working(Between(from, to));
            Emit(at, "kb.article_viewed", ActiveUser(at).Id, ("article", Pick(Articles)));
        }

        for (var i = Poisson(_p.PricingPerWeek * _intensity * share); i > 0; i--)
        {
            var at = Working(Between(from, to));
            Emit(at, "page.viewed", ActiveUser(at).Id, ("page", "pricing"));
        }
    }

    /// <summary>The billing and health sync: health follows the persona's drift, support trouble and a doomed account's slide.</summary>
    private void Monthly(long at)
    {
        var drift = _p.HealthDrift - _trouble - (_doomed ? 4 : 0) + Between(-2, 2);
        _health = Math.Clamp((int)Math.Round(_health + drift), 5, 99);
        _trouble = 0;
        if (_p.AssignedShare > 0.8)
        {
            _seatsAssigned = Math.Min(_seatsPurchased, Math.Max(_seatsAssigned, ActiveUsers(at)));
        }

        if (Chance(Thinning))
        {
            Emit(at + Hours(1, 6), "account.updated", null,
                ("health_score", _health), ("active_users", ActiveUsers(at)), ("seats_assigned", _seatsAssigned));
        }
    }

    private void Survey(long at)
    {
        if (Chance(Thinning))
        {
            var score = Pick(_p.Nps);
            var comment = score >= 9 ? "Saves us hours every week" : score >= 7 ? "Good, but the setup took long" : "Support takes too long to answer";
            Emit(at, "nps.answered", ActiveUser(at).Id, ("score", score), ("comment", comment));
        }
    }

    /// <summary>The fate drawn at the start, when its moment falls in this week: seats, expansion, renewal, unsubscribe.</summary>
    private void Milestones(long from, long to)
    {
        if (_recoverAt >= from && _recoverAt < to)
        {
            // The CSM's help worked: the admin rolls the product out to most of the team.
            _seatsAssigned = Math.Max(_seatsAssigned, (int)Math.Round(_seatsPurchased * (0.5 + 0.2 * _random.NextDouble())));
            Emit(_recoverAt, "account.updated", null, ("seats_assigned", _seatsAssigned));
            Invite(Working(_recoverAt + Hours(1, 48)));
        }

        if (_expandAt >= from && _expandAt < to)
        {
            var seats = Math.Max(_seatsPurchased + 2, (int)Math.Round(_seatsPurchased * (1.3 + 0.7 * _random.NextDouble())));
            Emit(_expandAt, "subscription.expanded", Owner.Id, ("plan", _firm.Plan), ("seats_from", _seatsPurchased), ("seats_to", seats), ("reason", "more seats"));
            _seatsAssigned += seats - _seatsPurchased - 1;
            _seatsPurchased = seats;
            _health = Math.Min(99, _health + 3);
            Emit(_expandAt + Minute, "account.updated", null, ("seats_purchased", _seatsPurchased), ("seats_assigned", _seatsAssigned));
            for (var i = Between(1, 2); i > 0; i--)
            {
                Invite(Working(_expandAt + Hours(1, 72)));
            }
        }

        if (_renewal >= from && _renewal < to && _renewal < _stop)
        {
            var at = Working(_renewal);
            Emit(at, "subscription.renewed", Owner.Id, ("plan", _firm.Plan), ("seats_from", _seatsPurchased), ("seats_to", _seatsPurchased), ("reason", "renewal"));
            _renewal += 365 * Day;
            Emit(at + Minute, "account.updated", null, ("renewal_date", Date(_renewal)));
        }

        if (_unsubscribeAt >= from && _unsubscribeAt < to)
        {
            Emit(_unsubscribeAt, "email.unsubscribed", null, ("email", ActiveUser(_unsubscribeAt).Email));
        }
    }

    private int ActiveUsers(long at)
    {
        var count = 0;
        foreach (var user in _users)
        {
            count += user.ActiveFrom <= at ? 1 : 0;
        }

        return count;
    }

    /// <summary>A random user who has logged in by <paramref name="at"/> (the owner when the pick has not yet).</summary>
    private Member ActiveUser(long at)
    {
        var user = Pick(_users);
        return user.ActiveFrom <= at ? user : Owner;
    }
}
