namespace Triggers.Core.Model;

/// <summary>Everything loaded from one playbook directory, checked as a whole.</summary>
public sealed record PlaybookSet(
    IReadOnlyList<Playbook> Playbooks,
    IReadOnlyList<Journey> Journeys,
    IReadOnlyList<WebhookTarget> Targets,
    IReadOnlyList<PlaybookTest> Tests)
{
    public static readonly PlaybookSet Empty = new([], [], [], []);
}
