using Triggers.Core.Diagnostics;
using Triggers.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>Reads the <c>do</c> list of a rule: each item has exactly one action kind.</summary>
internal static class ActionReader
{
    private static readonly string[] Priorities = ["low", "normal", "high", "urgent"];

    /// <summary>Reads every action; <paramref name="roots"/> are what their templates may read (no event for a rule a timer fires).</summary>
    public static List<ActionSpec> ReadAll(YamlSource source, YamlSequenceNode list, Expressions.ExpressionRoots roots = Roots.Everything)
    {
        var actions = new List<ActionSpec>();
        if (list.Children.Count == 0)
        {
            source.Diagnostics.Error(source.At(list), ErrorCodes.MissingKey, "'do' needs at least one action",
                $"actions are: {string.Join(", ", Keys.ActionKinds)}");
        }

        foreach (var item in list.Children)
        {
            if (Read(source, item, roots) is { } action)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    private static ActionSpec? Read(YamlSource source, YamlNode item, Expressions.ExpressionRoots roots)
    {
        if (item is not YamlMappingNode map || map.Children.Count != 1 || map.Children.Keys.Single() is not YamlScalarNode { Value: { } kind } keyNode)
        {
            var count = (item as YamlMappingNode)?.Children.Count ?? 0;
            source.Diagnostics.Error(source.At(item), ErrorCodes.KindCount,
                count > 1 ? $"an action has exactly one kind, this one names {count} keys" : "an action must be a mapping with one action kind",
                "write each action as its own list item, e.g. - email: { to: ..., template: ... }");
            return null;
        }

        if (!Keys.ActionKinds.Contains(kind))
        {
            var closest = Suggest.Closest(kind, Keys.ActionKinds);
            source.Diagnostics.Error(source.At(keyNode), ErrorCodes.UnknownKey,
                $"unknown action '{kind}'{(closest is null ? "" : $"; did you mean '{closest}'?")}",
                $"actions are: {string.Join(", ", Keys.ActionKinds)}");
            return null;
        }

        var body = map.Children[keyNode];
        if (body is not YamlMappingNode bodyMap)
        {
            source.Diagnostics.Error(source.At(body), ErrorCodes.WrongType, $"{kind} action must be a mapping of its fields, not {YamlSource.Describe(body)}");
            return null;
        }

        var at = source.At(keyNode);
        return kind switch
        {
            "email" => Email(new MapReader(source, bodyMap, "email action", Keys.Email), at, roots),
            "task" => Task(new MapReader(source, bodyMap, "task action", Keys.Task), at, roots),
            "webhook" => Webhook(new MapReader(source, bodyMap, "webhook action", Keys.Webhook), at, roots),
            _ => Emit(new MapReader(source, bodyMap, "emit action", Keys.Emit), at, roots),
        };
    }

    private static EmailAction? Email(MapReader reader, SourceLocation at, Expressions.ExpressionRoots roots)
    {
        var to = reader.Template("to", roots, required: true);
        var template = TemplateName(reader);
        var data = JsonTemplateReader.ReadObject(reader, "data", roots);
        return to is null || template is null ? null : new EmailAction(to, template, data, at);
    }

    /// <summary>
    /// An email's <c>template</c>: the name (or SendGrid id) of a template the mail service holds. It is sent as written,
    /// so a <c>{{ }}</c> in it would reach SendGrid unfilled, and an empty one names nothing.
    /// </summary>
    private static string? TemplateName(MapReader reader)
    {
        var node = reader.Scalar("template", required: true, "a template name");
        if (node?.Value is not { } name)
        {
            return null;
        }

        var source = reader.Source;
        if (string.IsNullOrWhiteSpace(name))
        {
            source.Diagnostics.Error(source.ContentAt(node), ErrorCodes.BadId, "'template' is empty: it names the email template to send",
                "write the template's name or SendGrid id, e.g. template: invite-reminder");
            return null;
        }

        if (name.Contains("{{", StringComparison.Ordinal))
        {
            source.Diagnostics.Error(source.ContentAt(node), ErrorCodes.BadId, $"'{name}' is not a template name: 'template' is sent as written, so '{{{{ }}}}' in it is never filled",
                "name one template, and pass what varies in 'data' (the template chooses by it), or write one rule per template with a 'where'");
            return null;
        }

        return name;
    }

    private static TaskAction? Task(MapReader reader, SourceLocation at, Expressions.ExpressionRoots roots)
    {
        var title = reader.Template("title", roots, required: true);
        var assignee = reader.Template("assignee", roots);
        var due = reader.Duration("due");
        var priority = reader.Enum<TaskPriority>("priority", Priorities) ?? TaskPriority.Normal;
        return title is null ? null : new TaskAction(title, assignee, due, priority, at);
    }

    private static WebhookAction? Webhook(MapReader reader, SourceLocation at, Expressions.ExpressionRoots roots)
    {
        var target = reader.Id("target", required: true, "webhook target name");
        var body = reader.Get("body") is { } node ? JsonTemplateReader.Read(reader.Source, node, roots) : null;
        return target is null ? null : new WebhookAction(target, body, reader.KeyAt("target"));
    }

    private static EmitAction? Emit(MapReader reader, SourceLocation at, Expressions.ExpressionRoots roots)
    {
        var type = reader.EventType("type", required: true);
        var data = JsonTemplateReader.ReadObject(reader, "data", roots);
        return type is null ? null : new EmitAction(type, data, at);
    }
}
