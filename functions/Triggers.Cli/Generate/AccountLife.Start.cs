namespace Triggers.Cli.Generate;

/// <summary>The start of the subscription: traits, the owner, invitations, first value, and the account's fate.</summary>
internal sealed partial class AccountLife
{
    private static readonly string[] KeyFeatures = ["dashboards", "integrations", "automations"];
    private static readonly string[] OtherFeatures = ["reports", "exports", "api"];

    private Member Owner => _users[0];

    private void Start()
    {
        _seatsPurchased = Between(_p.Seats.Min, _p.Seats.Max);
        var invites = Math.Clamp((int)Math.Round(Between(_p.Invites.Min, _p.Invites.Max) * Thinning), 1, _seatsPurchased - 1);
        // Seats are assigned as colleagues are invited; a manufacturer's IT provisions a whole pilot team at once.
        _seatsAssigned = Math.Min(_seatsPurchased, Math.Max(1 + invites, (int)Math.Round(_seatsPurchased * _p.AssignedShare)));
        _health = Between(_p.Health.Min, _p.Health.Max);
        Fate();

        _users.Add(Member.Create(++_people, _firstName, _firm, _start, _random));
        Emit(_start, "account.updated", null,
            ("name", _firm.Name), ("plan", _firm.Plan), ("company_size", _firm.CompanySize), ("industry", _firm.Industry),
            ("region", _firm.Region), ("timezone", _firm.Zone), ("persona", _p.Id), ("csm_email", $"csm{Index % 7 + 1}@vendor.test"),
            ("admin_email", Owner.Email), ("seats_purchased", _seatsPurchased), ("seats_assigned", _seatsAssigned), ("active_users", 1),
            ("renewal_date", Date(_renewal)), ("subscription_start", Date(_start)), ("health_score", _health));
        Emit(_start + Minute, "subscription.started", Owner.Id, ("plan", _firm.Plan), ("seats", _seatsPurchased));
        Emit(_start + 2 * Minute, "user.updated", Owner.Id, ("email", Owner.Email), ("name", Owner.Name), ("role", "owner"), ("timezone", _firm.Zone));
        Emit(_start + 3 * Minute, "user.logged_in", Owner.Id);
        for (var i = 0; i < invites; i++)
        {
            Invite(Working(_start + Hours(1, _p.InviteWithinDays * 24)));
        }

        if (Chance(_p.KeyFeatureOnTime))
        {
            _keyAdopted = Working(_start + Hours(_p.KeyFeatureDays.Min * 24 + 1, _p.KeyFeatureDays.Max * 24 + 8));
        }
        else if (Chance(_p.KeyFeatureLate))
        {
            _keyAdopted = Working(_start + Hours(16 * 24, 60 * 24)); // a late adopter, after the 14-day window
        }

        if (_keyAdopted != long.MaxValue)
        {
            Emit(_keyAdopted, "feature.used", Owner.Id, ("feature", Pick(KeyFeatures)), ("key", true));
        }

        Usage(_start + Hour, _start + 7 * Day);
        _nextSurvey = _start + Hours(25 * 24, 50 * 24);
        _week = 1;
    }

    /// <summary>
    /// Renewal 2 to 12 months out (so the 90-day renewal check falls inside a six-month history for many), churn at
    /// or before it, expansion, a later seat rollout for some service businesses, and the odd unsubscribe.
    /// </summary>
    private void Fate()
    {
        var midnight = _start - _start % Day;
        _renewal = midnight + Between(60, 365) * Day;
        if (Chance(_p.ChurnEarly))
        {
            _doomed = true;
            _stop = Working(_start + Hours(50 * 24, 150 * 24));
        }

        if (_stop > _renewal && Chance(_p.ChurnAtRenewal))
        {
            _doomed = true;
            _stop = Working(Math.Max(_start + 30 * Day, _renewal - Hours(0, 30 * 24)));
        }

        if (Chance(_p.Expand))
        {
            _expandAt = Working(_start + Hours(35 * 24, 120 * 24));
        }

        if (Chance(_p.SeatsRecover))
        {
            _recoverAt = Working(_start + Hours(35 * 24, 80 * 24));
        }

        if (Chance(0.02))
        {
            _unsubscribeAt = Working(_start + Hours(5 * 24, 90 * 24));
        }
    }

    /// <summary>An invitation; most invitees log in after a while, some never do, and one in a hundred addresses bounces.</summary>
    private void Invite(long at)
    {
        var invitee = Member.Create(++_people, _firstName, _firm, long.MaxValue, _random);
        var inviter = ActiveUser(at);
        Emit(at, "user.invited", inviter.Id, ("invitee_id", invitee.Id), ("invitee_email", invitee.Email), ("inviter_name", inviter.Name));
        if (Chance(0.01))
        {
            Emit(at + Hours(0, 1) + Minute, "email.bounced", null, ("email", invitee.Email));
        }
        else if (Chance(_p.InviteeLogsIn))
        {
            var login = Working(at + Hours(_p.LoginDelayHours.Min, _p.LoginDelayHours.Max));
            Emit(login, "user.logged_in", invitee.Id);
            Emit(login + Minute, "user.updated", invitee.Id, ("email", invitee.Email), ("name", invitee.Name), ("role", "member"));
            _users.Add(invitee with { ActiveFrom = login });
        }
    }
}
