namespace Triggers.Cli.Generate;

/// <summary>
/// How one kind of customer behaves, after the three personas of the CS literature. The numbers are chosen so
/// the sample journey map tells their stories: service businesses stall in onboarding, manufacturers churn after
/// support trouble, tech founders adopt early and expand.
/// </summary>
internal sealed record Persona(
    string Id,
    string[] Plans,
    (int Min, int Max) CompanySize,
    string[] Industries,
    (int Min, int Max) Seats,
    double InviteeLogsIn,
    double LoginsPerUserWeek,
    double KeyFeatureChance,
    (int Min, int Max) KeyFeatureDay,
    double Utilisation,
    double TicketsPerMonth,
    double SpikeChancePerMonth,
    double EscalationChance,
    (int Min, int Max) Csat,
    (int Min, int Max) Nps,
    (int Start, int End) Health,
    double ChurnChance,
    double ExpandChance)
{
    public static readonly Persona[] All =
    [
        new("tech-founder", ["team"], (1, 10), ["software", "analytics", "devtools"], (3, 10),
            InviteeLogsIn: 0.9, LoginsPerUserWeek: 4, KeyFeatureChance: 0.95, KeyFeatureDay: (1, 6), Utilisation: 0.9,
            TicketsPerMonth: 0.4, SpikeChancePerMonth: 0.02, EscalationChance: 0.05, Csat: (4, 5), Nps: (8, 10),
            Health: (85, 92), ChurnChance: 0.03, ExpandChance: 0.6),
        new("service-smb", ["starter", "team"], (3, 25), ["cleaning", "accounting", "hospitality"], (5, 15),
            InviteeLogsIn: 0.3, LoginsPerUserWeek: 0.8, KeyFeatureChance: 0.25, KeyFeatureDay: (15, 40), Utilisation: 0.3,
            TicketsPerMonth: 0.8, SpikeChancePerMonth: 0.05, EscalationChance: 0.1, Csat: (3, 4), Nps: (5, 8),
            Health: (62, 55), ChurnChance: 0.2, ExpandChance: 0.02),
        new("manufacturer", ["business"], (50, 500), ["manufacturing", "automotive", "chemicals"], (20, 80),
            InviteeLogsIn: 0.7, LoginsPerUserWeek: 1.5, KeyFeatureChance: 0.8, KeyFeatureDay: (3, 12), Utilisation: 0.6,
            TicketsPerMonth: 1.5, SpikeChancePerMonth: 0.35, EscalationChance: 0.45, Csat: (1, 3), Nps: (1, 6),
            Health: (72, 38), ChurnChance: 0.5, ExpandChance: 0.05),
    ];
}
