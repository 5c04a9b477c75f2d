using System.Globalization;
using Triggers.Core.Expressions;
using Triggers.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>
/// Turns YAML into a JSON template: quoted and non-numeric scalars are text templates, plain numbers,
/// booleans and null stay typed, the way YAML's core schema reads them.
/// </summary>
internal static class JsonTemplateReader
{
    public static JsonTemplate? Read(YamlSource source, YamlNode node, ExpressionRoots roots = Roots.Everything)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var members = new List<KeyValuePair<string, JsonTemplate>>();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode name)
                    {
                        source.Diagnostics.Error(source.At(key), ErrorCodes.WrongType, $"a key in a JSON body or data must be plain text, not {YamlSource.Describe(key)}",
                            "write each key as a name: { seats: \"{{ account.seats }}\" }");
                    }
                    else if (name.Value?.Contains("{{", StringComparison.Ordinal) == true)
                    {
                        // Keys are written as they are: a hole in one would reach the receiver unfilled.
                        source.Diagnostics.Error(source.ContentAt(name), ErrorCodes.WrongType, $"the key '{name.Value}' holds '{{{{ }}}}', but keys of a JSON body or data are not templates: only values are filled",
                            "name the key, and put what varies in its value: { score: \"{{ event.data.score }}\" }");
                    }
                    else if (Read(source, value, roots) is { } item)
                    {
                        members.Add(new(name.Value ?? "", item));
                    }
                }

                return new JsonTemplateObject(members, source.At(map));
            case YamlSequenceNode list:
                return new JsonTemplateArray([.. list.Children.Select(n => Read(source, n, roots)).OfType<JsonTemplate>()], source.At(list));
            case YamlScalarNode scalar when Literal(scalar) is { } literal:
                return new JsonTemplateLiteral(literal, source.At(scalar));
            case YamlScalarNode scalar:
                var template = MapReader.TemplateOf(source, scalar, roots);
                return template is null ? null : new JsonTemplateText(template, source.At(scalar));
            default:
                return null;
        }
    }

    public static JsonTemplateObject? ReadObject(MapReader reader, string key, ExpressionRoots roots = Roots.Everything)
    {
        var map = reader.Mapping(key);
        return map is null ? null : Read(reader.Source, map, roots) as JsonTemplateObject;
    }

    /// <summary>The typed value of a plain scalar that YAML reads as null, a boolean or a number; null for text.</summary>
    public static Value? Literal(YamlScalarNode scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return null;
        }

        return scalar.Value switch
        {
            null or "" or "~" or "null" => Value.Null,
            "true" => Value.True,
            "false" => Value.False,
            { } text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') => Engine.JsonNumber.FromText(text, number),
            _ => null,
        };
    }
}
