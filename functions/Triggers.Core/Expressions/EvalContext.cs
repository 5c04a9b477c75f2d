namespace Triggers.Core.Expressions;

/// <summary>
/// The only data an expression can see. The engine reuses one instance and overwrites its roots per
/// evaluation, so evaluating a condition allocates nothing.
/// </summary>
public sealed class EvalContext
{
    /// <summary>The event being evaluated (in <c>unless</c>: the candidate event).</summary>
    public Value Event { get; set; }

    /// <summary>The event that started a rule or window (in <c>unless</c> and in actions).</summary>
    public Value Trigger { get; set; }

    /// <summary>The account's traits, merged from <c>account.updated</c> events.</summary>
    public Value Account { get; set; }

    private Value _user;
    private Func<Value>? _findUser;

    /// <summary>The traits of the event's user, merged from <c>user.updated</c> events.</summary>
    public Value User
    {
        get
        {
            if (_findUser is { } find)
            {
                (_user, _findUser) = (find(), null);
            }

            return _user;
        }

        set => (_user, _findUser) = (value, null);
    }

    /// <summary>
    /// Sets the user to whatever <paramref name="find"/> gives, asked only if an expression reads <c>user</c>: few
    /// rules do, and finding the user means decoding the event's user id and looking it up among the account's.
    /// </summary>
    public void FindUserWhenRead(Func<Value> find) => (_user, _findUser) = (Value.Null, find);
}
