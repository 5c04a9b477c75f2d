using Triggers.Core.Expressions;

namespace Triggers.Core.Loading;

/// <summary>Which roots each place in a playbook may read: an event filter cannot see a trigger that does not exist yet.</summary>
internal static class Roots
{
    public const ExpressionRoots EventFilter = ExpressionRoots.Event | ExpressionRoots.Account | ExpressionRoots.User;
    public const ExpressionRoots Segment = ExpressionRoots.Account | ExpressionRoots.User;
    public const ExpressionRoots Traits = ExpressionRoots.Account;
    public const ExpressionRoots Everything = ExpressionRoots.All;
}
