using Triggers.Core.Engine;

namespace Triggers.Core.Analytics;

/// <summary>Milestone instances: each reaching, paired with its success or failure by their shared cause.</summary>
public sealed partial class JourneyAnalyzer
{
    private void RecordMilestone(Outcome o)
    {
        var id = Qualified(o.Playbook ?? "", o.Milestone ?? "");
        var track = Track(o.AccountId!);
        // Paired by their cause, which a reaching and its success or failure share: the event that reached it, or for a
        // milestone reached by the clock (a schedule, at_most), that occurrence (by trigger event alone, every reaching
        // by the clock was one instance, and all but the last red flag were lost).
        var key = (id, o.Key.Cause ?? o.TriggerEventId ?? "");
        if (o.Status == "reached")
        {
            // Its playbook's stage, else where the account is; reached before the account's first stage (a pricing page's
            // milestone, say), with the first stage, rather than on no stage at all, where its red flag was lost.
            var stage = _milestoneStage.GetValueOrDefault(id) ?? _journey.Stages[Math.Max(track.Current, 0)].Id;
            if (track.Milestones.TryGetValue(key, out var earlier))
            {
                // Reached again by an event whose id the account had forgotten and a producer reused: a second
                // instance, as simulate counts it; the first keeps its place under the next free key.
                var n = 1;
                while (track.Milestones.ContainsKey((id, Again(key.Item2, n))))
                {
                    n++;
                }

                track.Milestones[(id, Again(key.Item2, n))] = earlier;
            }

            track.Milestones[key] = new MilestoneInstance(o.AccountId!, id, o.Time.UtcTicks) { Stage = stage };
        }
        else if (Open(track, key) is { } instance)
        {
            if (o.Status == "succeeded")
            {
                instance.Succeeded = o.Time.UtcTicks;
            }
            else
            {
                instance.Failed = o.Time.UtcTicks;
            }
        }
    }

    private static string Again(string cause, int n) => $"{cause}\u0000{n}";

    /// <summary>The earliest instance of the milestone reached by this cause that is still open (windows end in order).</summary>
    private static MilestoneInstance? Open(AccountTrack track, (string, string) key)
    {
        for (var n = 1; track.Milestones.TryGetValue((key.Item1, Again(key.Item2, n)), out var earlier); n++)
        {
            if (earlier.Succeeded is null && earlier.Failed is null)
            {
                return earlier;
            }
        }

        return track.Milestones.GetValueOrDefault(key);
    }
}
