namespace Triggers.Cli.Generate;

/// <summary>
/// Finds the intensity (activity per account) that lands a history near a wanted number of events: a pilot of the
/// first few hundred accounts (the same accounts a full run starts with) is counted at a few intensities, and
/// secant steps close in, since the count grows with intensity but not quite linearly (invites and surveys only
/// thin out, sign-up events stay).
/// </summary>
internal static class EventTarget
{
    private const int PilotAccounts = 300;
    private const double MaxIntensity = 50;

    public static double Intensity(GenerateOptions options, long events)
    {
        var pilot = options with { Accounts = Math.Min(options.Accounts, PilotAccounts) };
        double PerAccount(double intensity) => new HistoryGenerator(pilot, intensity).Run(_ => { }) / (double)pilot.Accounts;
        var wanted = events / (double)options.Accounts;
        double low = 0, lowCount = PerAccount(0), high = 1, highCount = PerAccount(1);
        for (var step = 0; step < 5 && Math.Abs(highCount - lowCount) > 1e-9 && Math.Abs(highCount - wanted) > wanted * 0.01; step++)
        {
            var next = Math.Clamp(high + (wanted - highCount) * (high - low) / (highCount - lowCount), 0, MaxIntensity);
            (low, lowCount, high, highCount) = (high, highCount, next, PerAccount(next));
        }

        return high;
    }
}
