using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;

namespace Triggers.Core.Model;

/// <summary>
/// A JSON value written in YAML whose strings are templates: webhook bodies and emitted event data.
/// Rendered per action, keeping numbers and booleans typed.
/// </summary>
public abstract record JsonTemplate(SourceLocation Location);

/// <summary>A JSON object: keys in the order they were written.</summary>
public sealed record JsonTemplateObject(IReadOnlyList<KeyValuePair<string, JsonTemplate>> Members, SourceLocation Location)
    : JsonTemplate(Location);

/// <summary>A JSON array.</summary>
public sealed record JsonTemplateArray(IReadOnlyList<JsonTemplate> Items, SourceLocation Location) : JsonTemplate(Location);

/// <summary>A string leaf: a template, rendered to its typed value when it is a single <c>{{ }}</c> hole.</summary>
public sealed record JsonTemplateText(Template Template, SourceLocation Location) : JsonTemplate(Location);

/// <summary>A literal number, boolean or null leaf.</summary>
public sealed record JsonTemplateLiteral(Value Value, SourceLocation Location) : JsonTemplate(Location);
