using System.Text;
using static Triggers.Cli.Report.Html;

namespace Triggers.Cli.Report;

/// <summary>
/// A small writer of inline SVG: an accessible image (role, title, description) whose coordinates are written
/// invariant and whose text is escaped. The charts draw with it; nothing else knows SVG syntax.
/// </summary>
internal sealed class Svg
{
    private readonly StringBuilder _b = new();

    public Svg(int width, int height, string title, string description)
    {
        _b.Append(Inv, $"""<svg role="img" aria-label="{E(title)}" viewBox="0 0 {width} {height}" preserveAspectRatio="xMinYMin meet">""");
        _b.Append(Inv, $"<title>{E(title)}</title><desc>{E(description)}</desc>");
    }

    /// <summary>Text at a point; a <paramref name="tooltip"/> shows on hover (the whole figure behind a short one).</summary>
    public Svg Text(double x, double y, string text, string? cls = null, string anchor = "start", string? tooltip = null) =>
        Write(x, y, text, cls, anchor, tooltip, upright: false);

    /// <summary>
    /// A label that must fit <paramref name="width"/> units (a stage name beside a bar): a longer one is cut with an
    /// ellipsis and carries the whole name as its tooltip. Drawn uncut, it ran off the picture's edge and showed only
    /// its end ("ry single working week"); the tables beneath give every name in full. An <paramref name="upright"/>
    /// label is turned to read upwards, ending at the point, so labels only a line's height apart stay clear of
    /// each other; its width is then how far down it reaches.
    /// </summary>
    public Svg Label(double x, double y, string text, double width, string? cls = null, string anchor = "start", bool upright = false)
    {
        var shown = TextMetrics.Fit(text, width, FontSize(cls), Bold(cls));
        return Write(x, y, shown, cls, anchor, shown == text ? null : text, upright);
    }

    /// <summary>The font size a class of text is drawn at (the page's style sheet: 13 units, small 11).</summary>
    public static double FontSize(string? cls) => cls?.Contains("small", StringComparison.Ordinal) == true ? 11 : 13;

    public static bool Bold(string? cls) => cls?.Contains("strong", StringComparison.Ordinal) == true;

    public Svg Rect(double x, double y, double width, double height, string fill, string? tooltip = null, string? stroke = null)
    {
        _b.Append(Inv, $"""<rect x="{N(x)}" y="{N(y)}" width="{N(Math.Max(width, 0))}" height="{N(height)}" fill="{fill}" """);
        if (stroke is not null)
        {
            _b.Append(Inv, $"""stroke="{stroke}" stroke-width="2" """);
        }

        return Close("rect", tooltip);
    }

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, bool dashed = false)
    {
        _b.Append(Inv, $"""<line x1="{N(x1)}" y1="{N(y1)}" x2="{N(x2)}" y2="{N(y2)}" stroke="{stroke}" stroke-width="{N(width)}"{(dashed ? " stroke-dasharray=\"4 3\"" : "")}/>""");
        return this;
    }

    public Svg Circle(double cx, double cy, double r, string fill, string? tooltip = null, double opacity = 1)
    {
        _b.Append(Inv, $"""<circle cx="{N(cx)}" cy="{N(cy)}" r="{N(r)}" fill="{fill}"{(opacity < 1 ? $" fill-opacity=\"{N(opacity, "0.##")}\"" : "")} """);
        return Close("circle", tooltip);
    }

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width)
    {
        _b.Append(Inv, $"""<polyline points="{string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"))}" fill="none" stroke="{stroke}" stroke-width="{N(width)}" stroke-linejoin="round"/>""");
        return this;
    }

    public override string ToString() => _b.ToString() + "</svg>";

    private Svg Write(double x, double y, string text, string? cls, string anchor, string? tooltip, bool upright)
    {
        var turn = upright ? $" transform=\"rotate(-90 {N(x)} {N(y)})\"" : "";
        _b.Append(Inv, $"""<text x="{N(x)}" y="{N(y)}" text-anchor="{anchor}"{turn}{Class(cls)}>""");
        if (tooltip is not null)
        {
            _b.Append(Inv, $"<title>{E(tooltip)}</title>");
        }

        _b.Append(E(text)).Append("</text>");
        return this;
    }

    private Svg Close(string element, string? tooltip)
    {
        _b.Append(tooltip is null ? "/>" : $"><title>{E(tooltip)}</title></{element}>");
        return this;
    }

    private static string Class(string? cls) => cls is null ? "" : $" class=\"{cls}\"";
}
