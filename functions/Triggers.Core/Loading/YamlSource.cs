using Triggers.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>One YAML file being read: its path for positions, and the bag every reader reports into.</summary>
internal sealed class YamlSource(string file, DiagnosticBag diagnostics)
{
    public string File { get; } = file;

    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public SourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    /// <summary>Where a scalar's text begins: one column past the opening quote of a quoted scalar.</summary>
    public SourceLocation ContentAt(YamlScalarNode node) =>
        node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? At(node).Advance(1) : At(node);

    /// <summary>Parses the text; a syntax error becomes TRG001 at the parser's position and yields null.</summary>
    public static YamlNode? Parse(SourceFile file, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(file.Text));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            var at = new SourceLocation(file.Path, Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column));
            diagnostics.Error(at, ErrorCodes.YamlSyntax, $"YAML syntax error: {Tidy(message)}",
                "check indentation and that every '{' '[' and quote is closed");
            return null;
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static string Tidy(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 40) - (Line: ...): "; we print positions ourselves.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = cut >= 0 ? message[(cut + 3)..] : message;
        return text.TrimEnd('.');
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };
}
