namespace Triggers.Cli.Generate;

/// <summary>One generated event before ids are assigned; ordered by time, account and creation order.</summary>
internal sealed record GeneratedEvent(long Time, int Account, int Seq, string Type, string? User, (string Key, object Value)[] Data);
