using System.Globalization;
using System.Text.Json;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// Seeded random histories for the property tests: a handful of accounts with a CS-like mix of usage, support
/// and account events, in time order, with ids unique per event.
/// </summary>
internal static class HistoryGenerator
{
    private static readonly string[] Types =
        ["user.invited", "user.logged_in", "user.logged_in", "feature.used", "ticket.opened", "ticket.escalated", "ticket.responded",
         "ticket.resolved", "csat.answered", "nps.answered", "account.updated", "subscription.started", "user.updated", "email.unsubscribed"];

    public static List<(long Time, string Json)> Generate(int seed, int events, int accounts = 6)
    {
        var random = new Random(seed);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var time = start;
        var list = new List<(long, string)>();
        for (var i = 0; i < events; i++)
        {
            time = time.AddMinutes(random.Next(1, 12 * 60));
            var account = $"acct-{random.Next(accounts)}";
            var user = $"u{random.Next(4)}";
            var type = Types[random.Next(Types.Length)];
            var data = Data(random, type, user);
            var json = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["specversion"] = "1.0", ["id"] = $"e{seed}-{i:D5}", ["source"] = "test", ["type"] = type,
                ["time"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["accountid"] = account,
                ["userid"] = user, ["data"] = data,
            });
            list.Add((time.Ticks, json));
        }

        return list;
    }

    private static Dictionary<string, object?> Data(Random random, string type, string user) => type switch
    {
        "user.invited" => new() { ["invitee_id"] = $"u{random.Next(4)}", ["invitee_email"] = $"u{random.Next(4)}@acme.test" },
        "feature.used" => new() { ["feature"] = "dashboards", ["key"] = random.Next(3) == 0 },
        "ticket.opened" or "ticket.escalated" or "ticket.responded" or "ticket.resolved" => new() { ["ticket_id"] = $"t{random.Next(5)}", ["priority"] = "high" },
        "csat.answered" => new() { ["ticket_id"] = $"t{random.Next(5)}", ["score"] = random.Next(1, 6) },
        "nps.answered" => new() { ["score"] = random.Next(0, 11) },
        "account.updated" => new()
        {
            ["plan"] = random.Next(2) == 0 ? "team" : "business", ["timezone"] = random.Next(2) == 0 ? "Europe/Berlin" : "America/New_York",
            ["seats_purchased"] = 10, ["seats_assigned"] = random.Next(0, 11), ["health_score"] = random.Next(20, 100),
            ["renewal_date"] = new DateTime(2026, random.Next(3, 12), 1, 0, 0, 0, DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["admin_email"] = "admin@acme.test", ["name"] = "Acme",
        },
        "user.updated" => new() { ["email"] = $"{user}@acme.test", ["role"] = random.Next(2) == 0 ? "owner" : "member" },
        "email.unsubscribed" => new() { ["email"] = $"u{random.Next(4)}@acme.test" },
        _ => new(),
    };
}
