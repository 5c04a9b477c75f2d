using Triggers.Core.Expressions;
using Triggers.Core.Model;

namespace Triggers.Core.Writing;

/// <summary>
/// Prints a playbook back as canonical YAML (block style, every key in contract order). Loading the output
/// gives the same model: the round-trip tests hold the reader and this writer to each other.
/// </summary>
public static class PlaybookWriter
{
    public static string Write(Playbook playbook)
    {
        var y = new YamlEmitter();
        y.Plain("playbook", playbook.Id);
        y.Scalar("description", playbook.Description);
        y.Plain("stage", playbook.Stage);
        y.Scalar("applies_to", playbook.AppliesTo?.Text);
        if (playbook.Milestones.Count > 0)
        {
            y.Nested("milestones", () =>
            {
                foreach (var m in playbook.Milestones)
                {
                    y.Item(() =>
                    {
                        y.Plain("id", m.Id);
                        y.Scalar("description", m.Description);
                        y.Nested("reached_when", () => Trigger(y, m.ReachedWhen, m.PlaybookId));
                        y.Nested("success", () => Match(y, m.Success));
                    });
                }
            });
        }

        y.Nested("rules", () =>
        {
            foreach (var rule in playbook.Rules)
            {
                y.Item(() => Rule(y, rule));
            }
        });
        return y.ToString();
    }

    private static void Rule(YamlEmitter y, Rule rule)
    {
        y.Plain("id", rule.Id);
        y.Scalar("description", rule.Description);
        y.Nested("when", () => Trigger(y, rule.When, rule.PlaybookId));
        y.Scalar("where", rule.Where?.Text);
        if (rule.Unless is { } unless)
        {
            y.Nested("unless", () => Match(y, unless));
        }

        y.Nested("do", () =>
        {
            foreach (var action in rule.Actions)
            {
                y.Item(() => Action(y, action));
            }
        });
        if (rule.Limit is { } limit)
        {
            y.Nested("limit", () =>
            {
                y.Plain("max", limit.Max.ToString(System.Globalization.CultureInfo.InvariantCulture));
                y.Plain("per", DurationParser.Format(limit.Per));
            });
        }

        if (rule.QuietHours is { } quiet)
        {
            y.Nested("quiet_hours", () =>
            {
                y.Scalar("from", quiet.From.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
                y.Scalar("to", quiet.To.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
                y.Scalar("timezone", quiet.Zone ?? quiet.ZoneExpression!.Text);
            });
        }
    }

    private static void Match(YamlEmitter y, EventMatch match)
    {
        y.Plain("event", match.EventType);
        y.Scalar("where", match.Where?.Text);
        y.Plain("within", DurationParser.Format(match.Within));
    }

    private static void Trigger(YamlEmitter y, Trigger trigger, string playbookId)
    {
        switch (trigger)
        {
            case EventTrigger e:
                y.Plain("event", e.EventType);
                y.Scalar("where", e.Where?.Text);
                break;
            case CountTrigger c:
                y.Nested("count", () =>
                {
                    y.Plain("event", c.EventType);
                    y.Scalar("where", c.Where?.Text);
                    y.Number("at_least", c.AtLeast);
                    y.Number("at_most", c.AtMost);
                    y.Plain("within", DurationParser.Format(c.Within));
                });
                break;
            case ThresholdTrigger t:
                y.Nested("threshold", () =>
                {
                    y.Scalar("value", t.Value.Text);
                    y.Number("below", t.Below);
                    y.Number("above", t.Above);
                    y.Plain("for", DurationParser.Format(t.For));
                });
                break;
            case MilestoneTrigger m:
                var local = m.MilestoneId.StartsWith(playbookId + "/", StringComparison.Ordinal) ? m.MilestoneId[(playbookId.Length + 1)..] : m.MilestoneId;
                y.Plain("milestone", local);
                y.Plain("is", m.Is.ToString().ToLowerInvariant());
                break;
            case StageTrigger s:
                y.Plain("stage", s.StageId);
                if (s.StuckFor is { } stuck)
                {
                    y.Plain("stuck_for", DurationParser.Format(stuck));
                }
                else
                {
                    y.Plain("is", "entered");
                }

                break;
            case ScheduleTrigger s:
                y.Nested("schedule", () =>
                {
                    y.Scalar("date", s.Date.Text);
                    y.Plain("offset", DurationParser.Format(s.Offset));
                });
                break;
        }
    }

    private static void Action(YamlEmitter y, ActionSpec action)
    {
        switch (action)
        {
            case EmailAction email:
                y.Nested("email", () =>
                {
                    y.Scalar("to", email.To.Text);
                    y.Scalar("template", email.TemplateName);
                    Json(y, "data", email.Data);
                });
                break;
            case TaskAction task:
                y.Nested("task", () =>
                {
                    y.Scalar("title", task.Title.Text);
                    y.Scalar("assignee", task.Assignee?.Text);
                    y.Plain("due", task.Due is { } due ? DurationParser.Format(due) : null);
                    y.Plain("priority", task.Priority.ToString().ToLowerInvariant());
                });
                break;
            case WebhookAction webhook:
                y.Nested("webhook", () =>
                {
                    y.Plain("target", webhook.Target);
                    Json(y, "body", webhook.Body);
                });
                break;
            case EmitAction emit:
                y.Nested("emit", () =>
                {
                    y.Plain("type", emit.EventType);
                    Json(y, "data", emit.Data);
                });
                break;
        }
    }

    private static string Flow(JsonTemplate node) => node switch
    {
        JsonTemplateObject obj => "{ " + string.Join(", ", obj.Members.Select(m => $"{YamlEmitter.Quote(m.Key)}: {Flow(m.Value)}")) + " }",
        JsonTemplateArray array => "[" + string.Join(", ", array.Items.Select(Flow)) + "]",
        JsonTemplateText text => YamlEmitter.Quote(text.Template.Text),
        JsonTemplateLiteral { Value.Kind: ValueKind.Null } => "null",
        JsonTemplateLiteral literal => literal.Value.ToString(),
        _ => "null",
    };

    private static void Json(YamlEmitter y, string key, JsonTemplate? node)
    {
        switch (node)
        {
            case null:
                return;
            case JsonTemplateObject obj when obj.Members.Count == 0:
                y.Plain(key, "{}");
                return;
            case JsonTemplateObject obj:
                y.Nested(key, () =>
                {
                    foreach (var (name, value) in obj.Members)
                    {
                        Json(y, YamlEmitter.Quote(name), value);
                    }
                });
                return;
            case JsonTemplateArray array when array.Items.Count == 0:
                y.Plain(key, "[]");
                return;
            case JsonTemplateArray array:
                // Lists are rare in bodies; JSON flow syntax is valid YAML and keeps the writer small.
                y.Plain(key, Flow(array));
                return;
            case JsonTemplateText text:
                y.Scalar(key, text.Template.Text);
                return;
            case JsonTemplateLiteral literal:
                y.Plain(key, literal.Value.Kind == ValueKind.Null ? "null" : literal.Value.ToString());
                return;
        }
    }
}
