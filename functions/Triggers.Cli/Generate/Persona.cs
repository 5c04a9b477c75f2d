namespace Triggers.Cli.Generate;

/// <summary>
/// How one kind of customer behaves, after the three example personas of the CS literature (DESIGN.md). The
/// numbers are chosen so the sample journey map tells their stories: tech founders adopt early and expand,
/// service businesses stall in onboarding and leave seats unused, manufacturers fight support and churn.
/// Rates are per week (usage) or per month (tickets) at intensity 1.
/// </summary>
internal sealed record Persona(
    string Id,
    string[] Plans,
    string[] CompanySizes,
    string[] Industries,
    string[] Zones,
    (int Min, int Max) Seats,
    (int Min, int Max) Invites,
    int InviteWithinDays,
    double InviteeLogsIn,
    (int Min, int Max) LoginDelayHours,
    double KeyFeatureOnTime,
    (int Min, int Max) KeyFeatureDays,
    double KeyFeatureLate,
    double AssignedShare,
    double SeatsRecover,
    double LoginsPerUserWeek,
    double FeaturePerLogin,
    double KeyShare,
    double KbPerWeek,
    double PricingPerWeek,
    double TicketsPerMonth,
    double SpikePerMonth,
    double Escalation,
    (int Min, int Max) EscalationAnsweredHours,
    double CsatAnswered,
    int[] Csat,
    int[] Nps,
    (int Min, int Max) Health,
    double HealthDrift,
    double ChurnAtRenewal,
    double ChurnEarly,
    string ChurnReason,
    double Expand,
    double Demo,
    double Trial,
    string[] Subjects)
{
    public static readonly Persona TechFounder = new(
        "tech-founder", Plans: ["team"], CompanySizes: ["1-10"], Industries: ["software", "analytics"],
        Zones: ["Europe/Berlin", "America/New_York", "Europe/London", "America/Los_Angeles"],
        Seats: (3, 10), Invites: (2, 6), InviteWithinDays: 3, InviteeLogsIn: 0.9, LoginDelayHours: (1, 30),
        KeyFeatureOnTime: 0.95, KeyFeatureDays: (0, 4), KeyFeatureLate: 0.5, AssignedShare: 0.9, SeatsRecover: 0,
        LoginsPerUserWeek: 0.8, FeaturePerLogin: 0.6, KeyShare: 0.6, KbPerWeek: 0.1, PricingPerWeek: 0.02,
        TicketsPerMonth: 0.3, SpikePerMonth: 0.01, Escalation: 0.05, EscalationAnsweredHours: (2, 12),
        CsatAnswered: 0.5, Csat: [4, 5, 5], Nps: [7, 8, 9, 9, 10, 10, 10], Health: (80, 92), HealthDrift: 1,
        ChurnAtRenewal: 0.03, ChurnEarly: 0, ChurnReason: "moved to another tool", Expand: 0.65, Demo: 0.1, Trial: 0.7,
        Subjects: ["API rate limit", "Webhook retries", "SSO setup", "Integration token expired"]);

    public static readonly Persona ServiceSmb = new(
        "service-smb", Plans: ["starter", "team", "team"], CompanySizes: ["1-10", "11-50"], Industries: ["cleaning", "accounting", "hospitality"],
        Zones: ["Europe/London", "America/Chicago", "Europe/Paris", "Australia/Sydney"],
        Seats: (8, 15), Invites: (1, 3), InviteWithinDays: 20, InviteeLogsIn: 0.3, LoginDelayHours: (50, 200),
        KeyFeatureOnTime: 0.12, KeyFeatureDays: (3, 13), KeyFeatureLate: 0.45, AssignedShare: 0, SeatsRecover: 0.3,
        LoginsPerUserWeek: 0.6, FeaturePerLogin: 0.3, KeyShare: 0.1, KbPerWeek: 0.3, PricingPerWeek: 0.15,
        TicketsPerMonth: 0.5, SpikePerMonth: 0.03, Escalation: 0.05, EscalationAnsweredHours: (6, 40),
        CsatAnswered: 0.4, Csat: [3, 4, 4, 5], Nps: [4, 5, 6, 7, 7, 8], Health: (58, 72), HealthDrift: -1.5,
        ChurnAtRenewal: 0.25, ChurnEarly: 0.03, ChurnReason: "too expensive", Expand: 0.02, Demo: 0.3, Trial: 0.3,
        Subjects: ["How do I invite my staff?", "Invoice question", "Forgot password", "Where is the calendar?"]);

    public static readonly Persona Manufacturer = new(
        "manufacturer", Plans: ["business"], CompanySizes: ["51-200", "201-500"], Industries: ["manufacturing", "automotive"],
        Zones: ["Europe/Berlin", "America/Chicago", "Europe/Paris", "America/New_York"],
        Seats: (20, 60), Invites: (3, 8), InviteWithinDays: 10, InviteeLogsIn: 0.75, LoginDelayHours: (4, 60),
        KeyFeatureOnTime: 0.85, KeyFeatureDays: (2, 10), KeyFeatureLate: 0.6, AssignedShare: 0.6, SeatsRecover: 0,
        LoginsPerUserWeek: 0.6, FeaturePerLogin: 0.4, KeyShare: 0.4, KbPerWeek: 0.1, PricingPerWeek: 0.01,
        TicketsPerMonth: 1.2, SpikePerMonth: 0.35, Escalation: 0.4, EscalationAnsweredHours: (24, 110),
        CsatAnswered: 0.6, Csat: [1, 1, 2, 2, 3], Nps: [0, 2, 3, 4, 5, 6, 6, 7], Health: (66, 76), HealthDrift: -1,
        ChurnAtRenewal: 0.6, ChurnEarly: 0.12, ChurnReason: "support experience", Expand: 0.08, Demo: 0.8, Trial: 0.1,
        Subjects: ["Export to ERP fails", "Shop-floor team cannot log in", "Report shows wrong totals", "Data import stuck"]);

    /// <summary>Accounts take the personas in turn, so each gets a third of them.</summary>
    public static readonly Persona[] All = [TechFounder, ServiceSmb, Manufacturer];
}
