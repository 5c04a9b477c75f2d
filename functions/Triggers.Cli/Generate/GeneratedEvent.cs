namespace Triggers.Cli.Generate;

/// <summary>One generated event before it gets its id; <paramref name="Time"/> is UTC ticks, whole seconds.</summary>
internal sealed record GeneratedEvent(long Time, int Account, string Type, string? User, (string Key, object Value)[] Data);
