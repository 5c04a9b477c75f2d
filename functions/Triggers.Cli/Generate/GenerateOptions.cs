namespace Triggers.Cli.Generate;

/// <summary>What to generate: how many accounts, over how long, from which seed.</summary>
internal sealed record GenerateOptions(int Accounts, int Months, DateTimeOffset Start, int Seed, long? Events);
