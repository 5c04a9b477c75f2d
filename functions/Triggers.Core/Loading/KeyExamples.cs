namespace Triggers.Core.Loading;

/// <summary>
/// How each key is written, for the hint under a "missing required key" or "wrong type" error: a CS ops person
/// fixing a playbook wants the line to type, not the rule restated.
/// </summary>
internal static class KeyExamples
{
    // By key, with a few keys whose form depends on where they stand (what: the mapping's description).
    private static readonly Dictionary<string, string> ByKey = new(StringComparer.Ordinal)
    {
        ["accountid"] = "accountid: acme",
        ["assignee"] = "assignee: \"{{ account.csm_email }}\"",
        ["at_least"] = "at_least: 3",
        ["at_most"] = "at_most: 0",
        ["channel"] = $"channel: email   (one of {string.Join(", ", Keys.Channels)})",
        ["count"] = "count: { event: ticket.opened, at_least: 3, within: 7d }",
        ["data"] = "data: { plan: team }",
        ["date"] = "date: account.renewal_date",
        ["do"] = "do: [ { email: { to: \"{{ account.admin_email }}\", template: welcome } } ]",
        ["due"] = "due: 2d",
        ["entered_when"] = "entered_when: { event: subscription.started }   (or { milestone: playbook/milestone, is: reached })",
        ["event"] = "event: user.invited",
        ["expect"] = "expect: [ { time: 2026-01-08T10:00:00Z, rule: playbook/rule, action: email } ]",
        ["expect_only"] = "expect_only: true",
        ["for"] = "for: 7d",
        ["from"] = "from: \"20:00\"",
        ["id"] = "id: invitee-never-logged-in   (lower-case letters, digits and dashes)",
        ["is"] = "is: reached   (reached, succeeded or failed for a milestone; entered for a stage)",
        ["journey"] = "journey: cs-lifecycle",
        ["limit"] = "limit: { max: 1, per: 14d }",
        ["max"] = "max: 1",
        ["milestone"] = "milestone: colleague-activated",
        ["milestones"] = "milestones: [ { id: activated, reached_when: { event: user.invited } } ]",
        ["name"] = "name: slack-cs",
        ["offset"] = "offset: -90d",
        ["per"] = "per: 14d",
        ["playbook"] = "playbook: invite-colleague",
        ["playbooks"] = "playbooks: [invite-colleague]",
        ["priority"] = "priority: normal   (low, normal, high or urgent)",
        ["quiet_hours"] = "quiet_hours: { from: \"20:00\", to: \"08:00\", timezone: account.timezone }",
        ["reached_when"] = "reached_when: { event: user.invited }",
        ["rules"] = "rules: [ { id: my-rule, when: { event: user.invited }, do: [ ... ] } ]",
        ["run_until"] = "run_until: 2026-01-20T00:00:00Z",
        ["schedule"] = "schedule: { date: account.renewal_date, offset: -90d }",
        ["stage"] = "stage: onboarding",
        ["stages"] = "stages: [ { id: onboarding, entered_when: { event: subscription.started } } ]",
        ["stuck_for"] = "stuck_for: 14d",
        ["success"] = "success: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 7d }",
        ["target"] = "target: slack-cs   (a target named in webhooks.yaml)",
        ["targets"] = "targets: [ { name: slack-cs } ]",
        ["template"] = "template: invite-reminder",
        ["test"] = "test: invitee who never logs in gets one reminder",
        ["threshold"] = "threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.5, for: 7d }",
        ["time"] = "time: 2026-01-05T10:00:00Z",
        ["timezone"] = "timezone: account.timezone   (or an IANA zone such as Europe/Berlin)",
        ["title"] = "title: \"Call {{ account.name }}\"",
        ["touchpoints"] = "touchpoints: [ { id: pricing-page, stage: consideration, channel: web, events: [pricing.viewed] } ]",
        ["type"] = "type: user.invited",
        ["unless"] = "unless: { event: user.logged_in, within: 3d }",
        ["value"] = "value: account.seats_assigned / account.seats_purchased",
        ["when"] = "when: { event: user.invited }",
        ["where"] = "where: event.data.plan == \"team\"",
        ["within"] = "within: 3d",
    };

    /// <summary>The hint for <paramref name="key"/> in a mapping described as <paramref name="what"/>; null when there is nothing useful to show.</summary>
    public static string? For(string what, string key) => (what, key) switch
    {
        ("test", "events") => "write the events as a list, e.g. events: [ { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme } ]",
        ("touchpoint", "events") => "write the event types as a list, e.g. events: [pricing.viewed, demo.requested]",
        (_, "to") when what.StartsWith("quiet_hours", StringComparison.Ordinal) => "write it like this: to: \"08:00\"",
        (_, "to") => "write it like this: to: \"{{ account.admin_email }}\"",
        _ => ByKey.TryGetValue(key, out var example) ? $"write it like this: {example}" : null,
    };
}
