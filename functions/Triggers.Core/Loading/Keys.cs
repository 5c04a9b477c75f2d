namespace Triggers.Core.Loading;

/// <summary>
/// Every key the loader accepts, per YAML object. The JSON Schemas in <c>schemas/</c> are tested against these
/// lists, so editors and the loader never disagree about what a playbook may say.
/// </summary>
public static class Keys
{
    public static readonly string[] Playbook = ["playbook", "description", "stage", "applies_to", "milestones", "rules"];
    public static readonly string[] Milestone = ["id", "description", "reached_when", "success"];
    public static readonly string[] Rule = ["id", "description", "when", "where", "unless", "do", "limit", "quiet_hours"];
    public static readonly string[] EventMatch = ["event", "where", "within"];
    public static readonly string[] Limit = ["max", "per"];
    public static readonly string[] QuietHours = ["from", "to", "timezone"];

    public static readonly string[] TriggerKinds = ["event", "count", "threshold", "milestone", "stage", "schedule"];
    public static readonly string[] EventTrigger = ["event", "where"];
    public static readonly string[] CountTrigger = ["event", "where", "at_least", "at_most", "within"];
    public static readonly string[] ThresholdTrigger = ["value", "below", "above", "for"];
    public static readonly string[] MilestoneTrigger = ["milestone", "is"];
    public static readonly string[] StageTrigger = ["stage", "is", "stuck_for"];
    public static readonly string[] ScheduleTrigger = ["date", "offset"];

    public static readonly string[] ActionKinds = ["email", "task", "webhook", "emit"];
    public static readonly string[] Email = ["to", "template", "data"];
    public static readonly string[] Task = ["title", "assignee", "due", "priority"];
    public static readonly string[] Webhook = ["target", "body"];
    public static readonly string[] Emit = ["type", "data"];

    public static readonly string[] Journey = ["journey", "description", "stages", "touchpoints"];
    public static readonly string[] Stage = ["id", "name", "description", "entered_when", "expected_within"];
    public static readonly string[] Touchpoint = ["id", "name", "channel", "stage", "events"];

    public static readonly string[] Targets = ["targets"];
    public static readonly string[] Target = ["name", "description", "allow_private_network"];

    public static readonly string[] Test = ["test", "playbooks", "allowed_lateness", "events", "run_until", "expect", "expect_only"];
    public static readonly string[] TestEvent = ["id", "time", "type", "source", "subject", "accountid", "userid", "data", "specversion", "datacontenttype", "dataschema"];
    public static readonly string[] Expectation =
        ["kind", "time", "rule", "action", "to", "template", "title", "assignee", "target", "type", "priority", "due", "body", "data", "milestone", "status", "stage", "reason",
         "trigger_event", "accountid"];

    public static readonly string[] Channels = ["email", "in-app", "web", "phone", "meeting", "support", "community", "other"];
    public static readonly string[] ExpectationKinds = ["action", "milestone", "stage", "suppressed", "late", "rejected"];

    /// <summary>
    /// Why the engine suppresses an action: the only values a <c>kind: suppressed</c> expectation's <c>reason</c> may
    /// take. A late or rejected event's reason is text made from the event (<c>arrived 2h behind the newest event of its account ...</c>).
    /// </summary>
    public static readonly string[] SuppressionReasons = ["limit", "unsubscribed", "bounced", "invalid-recipient", "emit-depth", "capacity"];

    /// <summary>Expectation fields whose values the engine draws from a fixed set: anything else could never match.</summary>
    public static IReadOnlyDictionary<string, string[]> ExpectationValues { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["kind"] = ExpectationKinds,
        ["action"] = ["email", "task", "webhook", "emit"],
        ["status"] = ["reached", "succeeded", "failed"],
        ["priority"] = ["low", "normal", "high", "urgent"],
    };

    /// <summary>All key lists by the name of the object they describe, for the schema consistency test.</summary>
    public static IReadOnlyDictionary<string, string[]> All { get; } = new Dictionary<string, string[]>
    {
        ["playbook"] = Playbook, ["milestone"] = Milestone, ["rule"] = Rule, ["event-match"] = EventMatch,
        ["limit"] = Limit, ["quiet-hours"] = QuietHours, ["event-trigger"] = EventTrigger, ["count-trigger"] = CountTrigger,
        ["threshold-trigger"] = ThresholdTrigger, ["milestone-trigger"] = MilestoneTrigger, ["stage-trigger"] = StageTrigger,
        ["schedule-trigger"] = ScheduleTrigger, ["email"] = Email, ["task"] = Task, ["webhook"] = Webhook, ["emit"] = Emit,
        ["journey"] = Journey, ["stage"] = Stage, ["touchpoint"] = Touchpoint, ["targets"] = Targets, ["target"] = Target,
        ["test"] = Test, ["test-event"] = TestEvent, ["expectation"] = Expectation,
    };
}
