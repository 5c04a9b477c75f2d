using System.Security.Cryptography;
using System.Text;
using Triggers.Core.Model;
using Triggers.Core.Writing;

namespace Triggers.Core.Engine;

/// <summary>
/// A loaded playbook set turned into indexes the engine walks per input: reactions by event type, by milestone
/// change and by stage, so an event touches only the reactions that listen to it. Built once per load.
/// </summary>
public sealed class CompiledPlaybooks
{
    private static readonly List<Reaction> None = [];
    private static readonly List<Milestone> NoMilestones = [];
    private readonly Dictionary<string, List<Reaction>> _byEvent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Reaction>> _byUnless = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Milestone>> _bySuccess = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, MilestoneStatus), List<Reaction>> _byMilestone = [];
    private readonly Dictionary<string, List<Reaction>> _byStage = new(StringComparer.Ordinal);
    private readonly List<Reaction> _reactions = [];
    private readonly Dictionary<string, Stage> _stages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stageOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventRoute> _routes = new(StringComparer.Ordinal);

    public CompiledPlaybooks(PlaybookSet set, IReadOnlyCollection<string>? onlyPlaybooks = null)
    {
        Set = set;
        foreach (var playbook in set.Playbooks.Where(p => onlyPlaybooks is null || onlyPlaybooks.Contains(p.Id)))
        {
            var version = Version(playbook);
            foreach (var milestone in playbook.Milestones)
            {
                Add(new Reaction
                {
                    Index = _reactions.Count, Kind = ReactionKind.ReachMilestone, Trigger = milestone.ReachedWhen,
                    AppliesTo = playbook.AppliesTo, Milestone = milestone, Version = version, Name = milestone.QualifiedId,
                });
                Index(_bySuccess, milestone.Success.EventType, milestone);
            }

            foreach (var rule in playbook.Rules)
            {
                Add(new Reaction
                {
                    Index = _reactions.Count, Kind = ReactionKind.Rule, Trigger = rule.When, Where = rule.Where, Unless = rule.Unless,
                    AppliesTo = playbook.AppliesTo, Rule = rule, Version = version, Name = rule.QualifiedId,
                });
            }
        }

        foreach (var journey in set.Journeys)
        {
            foreach (var stage in journey.Stages)
            {
                _stages[stage.Id] = stage;
                _stageOrder[stage.Id] = _stageOrder.Count;
                Add(new Reaction
                {
                    Index = _reactions.Count, Kind = ReactionKind.EnterStage, Trigger = stage.EnteredWhen, Stage = stage,
                    Version = journey.Id, Name = $"{journey.Id}/{stage.Id}", StageOrder = _stageOrder[stage.Id],
                });
            }
        }

        foreach (var reaction in _reactions)
        {
            reaction.Listeners = reaction.Kind switch
            {
                ReactionKind.ReachMilestone => [.. Enum.GetValues<MilestoneStatus>().Select(status => OnMilestone(reaction.Name, status))],
                ReactionKind.EnterStage => [OnStage(reaction.Stage!.Id)],
                _ => [],
            };
        }

        foreach (var type in _byEvent.Keys.Concat(_byUnless.Keys).Concat(_bySuccess.Keys))
        {
            _routes[type] = new EventRoute(OnEvent(type), OnUnless(type).Count > 0 || OnSuccess(type).Count > 0);
        }
    }

    public PlaybookSet Set { get; }

    internal List<Reaction> Reactions => _reactions;

    internal List<Reaction> TraitReactions { get; } = [];

    internal List<Reaction> AtMostReactions { get; } = [];

    /// <summary>Everything an event of this type sets off, found with one lookup.</summary>
    internal EventRoute Route(string type) => _routes.TryGetValue(type, out var route) ? route : EventRoute.Nothing;

    /// <summary>
    /// The type some playbook listens for that <paramref name="type"/>, heard by none, differs from only in case, white
    /// space or '-' for '_' (<c>User.Logged_In</c>, <c>user.logged-in</c>): types are compared exactly, as CloudEvents
    /// says, so such events pass unheard, which a replay should say. Null when there is none.
    /// </summary>
    internal string? Lookalike(string type)
    {
        var plain = Plain(type);
        return _routes.Keys.FirstOrDefault(listened => listened != type && Plain(listened) == plain);

        static string Plain(string text) => text.Trim().Replace('-', '_').ToLowerInvariant();
    }

    internal List<Reaction> OnEvent(string type) => _byEvent.TryGetValue(type, out var list) ? list : None;

    internal List<Reaction> OnUnless(string type) => _byUnless.TryGetValue(type, out var list) ? list : None;

    internal List<Milestone> OnSuccess(string type) => _bySuccess.TryGetValue(type, out var list) ? list : NoMilestones;

    internal List<Reaction> OnMilestone(string id, MilestoneStatus status) =>
        _byMilestone.TryGetValue((id, status), out var list) ? list : None;

    internal List<Reaction> OnStage(string stage) => _byStage.TryGetValue(stage, out var list) ? list : None;

    /// <summary>Finds a reaction by its stable name; serialised state refers to reactions by name, not position.</summary>
    internal int? ReactionIndex(string name) => _reactionByName.TryGetValue(name, out var index) ? index : null;

    internal Stage? StageById(string id) => _stages.GetValueOrDefault(id);

    /// <summary>Position of a stage in its journey (journeys are numbered one after another).</summary>
    internal int StageOrder(string stageId) => _stageOrder.GetValueOrDefault(stageId, -1);


    private readonly Dictionary<string, int> _reactionByName = new(StringComparer.Ordinal);

    private void Add(Reaction reaction)
    {
        _reactions.Add(reaction);
        _reactionByName[reaction.Name] = reaction.Index;
        switch (reaction.Trigger)
        {
            case EventTrigger e:
                Index(_byEvent, e.EventType, reaction);
                break;
            case CountTrigger c:
                Index(_byEvent, c.EventType, reaction);
                if (c.AtMost is not null)
                {
                    AtMostReactions.Add(reaction);
                }

                break;
            case MilestoneTrigger m:
                Index(_byMilestone, (m.MilestoneId, m.Is), reaction);
                break;
            case StageTrigger s:
                Index(_byStage, s.StageId, reaction);
                break;
            case ThresholdTrigger or ScheduleTrigger:
                TraitReactions.Add(reaction);
                break;
        }

        if (reaction.Unless is { } unless)
        {
            Index(_byUnless, unless.EventType, reaction);
        }
    }

    private static void Index<TKey, T>(Dictionary<TKey, List<T>> index, TKey key, T item)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(item);
    }

    private static string Version(Playbook playbook) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PlaybookWriter.Write(playbook))).AsSpan(0, 6));
}

/// <summary>What an event type sets off: the reactions it triggers, and whether it can close a pending window.</summary>
internal sealed record EventRoute(List<Reaction> Reactions, bool ClosesWindows)
{
    public static readonly EventRoute Nothing = new([], false);
}
