namespace Triggers.Cli.Generate;

/// <summary>
/// A month of support: tickets now and then, sometimes a spike of several in a few days; escalations answered late
/// (a manufacturer's often after more than two days), resolutions and CSAT answers. Trouble lowers the health score.
/// </summary>
internal sealed partial class AccountLife
{
    private void Support(long from, long to)
    {
        var opened = new List<(long Time, string Priority)>();
        for (var i = Poisson(_p.TicketsPerMonth * _intensity); i > 0; i--)
        {
            opened.Add((Working(Between(from, to)), Chance(0.2) ? "high" : "normal"));
        }

        if (Chance(_p.SpikePerMonth * Thinning))
        {
            // Three or more tickets within a few days: a failed rollout or a broken integration.
            var start = Working(Between(from, to - 7 * Day));
            for (var i = Between(3, 5); i > 0; i--)
            {
                opened.Add((Working(start + Hours(0, 4 * 24)), Chance(0.5) ? "urgent" : "high"));
            }

            _trouble += 4;
        }

        // Ticket numbers go up with time, as a help desk's do.
        opened.Sort((a, b) => a.Time.CompareTo(b.Time));
        foreach (var (time, priority) in opened)
        {
            Ticket(time, priority);
        }
    }

    private void Ticket(long opened, string priority)
    {
        var id = $"T-{Index}-{++_tickets}";
        var user = ActiveUser(opened);
        Emit(opened, "ticket.opened", user.Id, ("ticket_id", id), ("priority", priority), ("subject", Pick(_p.Subjects)));
        long responded;
        if (Chance(_p.Escalation))
        {
            var escalated = opened + Hours(2, 24);
            Emit(escalated, "ticket.escalated", user.Id, ("ticket_id", id));
            responded = escalated + Hours(_p.EscalationAnsweredHours.Min, _p.EscalationAnsweredHours.Max);
            _trouble += responded - escalated > 48 * Hour ? 3 : 1;
        }
        else
        {
            responded = opened + Hours(1, 20);
        }

        Emit(responded, "ticket.responded", null, ("ticket_id", id));
        var resolved = Working(responded + Hours(4, 5 * 24));
        // The support tool sends the requester's user id with the resolution: the feedback request goes to them.
        Emit(resolved, "ticket.resolved", user.Id, ("ticket_id", id));
        if (Chance(_p.CsatAnswered))
        {
            var score = Pick(_p.Csat);
            Emit(resolved + Hours(1, 40), "csat.answered", user.Id, ("ticket_id", id), ("score", score));
            _trouble += score <= 2 ? 2 : 0;
        }
    }
}
