using System.Security.Cryptography;
using System.Text;

namespace Triggers.Cli.Report;

/// <summary>
/// The journey map's only style sheet and script, inlined. The page's Content-Security-Policy admits exactly these
/// two by hash and forbids every fetch, so even a value that slipped past escaping could neither run nor phone home.
/// </summary>
internal static class PageAssets
{
    /// <summary>Shows the segment chosen in the select; without JavaScript the select stays hidden and the first segment shows.</summary>
    public const string Script = """
        (function () {
          var select = document.getElementById('segment');
          var sections = document.querySelectorAll('section.segment');
          function show() {
            for (var i = 0; i < sections.length; i++) {
              sections[i].hidden = sections[i].getAttribute('data-segment') !== select.value;
            }
          }
          select.addEventListener('change', show);
          document.getElementById('switch').hidden = false;
          show();
        })();
        """;

    public const string Css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        [hidden] { display: none !important; }
        body { font-family: system-ui, "DejaVu Sans", "Segoe UI", sans-serif; color: #1f2328; background: #ffffff; margin: 0 auto;
               max-width: 1040px; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
        header { border-bottom: 3px solid #0072B2; padding-bottom: .8rem; }
        h1 { margin: .2rem 0; font-size: 1.7rem; }
        h2 { margin: 1.6rem 0 .2rem; font-size: 1.45rem; }
        h3 { margin: 2rem 0 .5rem; font-size: 1.15rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
        h4 { margin: 0 0 .3rem; font-size: 1.05rem; }
        h5 { margin: .8rem 0 .3rem; font-size: .95rem; }
        p { margin: .4rem 0; }
        .meta, .note, caption { color: #57606a; font-size: .88rem; }
        .switch { margin-top: .8rem; display: flex; gap: .6rem; align-items: center; }
        .switch label { font-weight: 600; }
        select { font: inherit; padding: .3rem .5rem; border: 1px solid #57606a; border-radius: 4px; background: #ffffff; color: #1f2328; }
        select:focus { outline: 3px solid #0072B2; outline-offset: 1px; }
        figure { margin: .6rem 0; }
        svg { display: block; width: 100%; height: auto; }
        svg text { font-family: inherit; font-size: 13px; fill: #1f2328; }
        svg text.value { fill: #1f2328; }
        svg text.small { font-size: 11px; fill: #57606a; }
        svg text.strong { font-weight: 700; }
        svg text.alert { fill: #a63d00; font-weight: 600; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .88rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; padding: .2rem 0; }
        th, td { border-bottom: 1px solid #d0d7de; padding: .3rem .5rem; text-align: right; vertical-align: top; }
        th[scope=row], thead th:first-child, td.text { text-align: left; }
        th[scope=row] { font-weight: 600; overflow-wrap: break-word; }
        thead th { background: #f6f8fa; font-weight: 600; }
        th.group { text-align: center; border-bottom: 1px solid #57606a; }
        td.total { font-weight: 600; }
        .badge { display: inline-block; margin-left: .5rem; padding: 0 .35rem; border: 1px solid #a63d00; border-radius: 3px; color: #a63d00;
                 font-size: .72rem; font-weight: 700; vertical-align: middle; text-transform: uppercase; letter-spacing: .03em; }
        .stage { border: 1px solid #d0d7de; border-radius: 6px; padding: .8rem 1rem; margin: 1rem 0; }
        .stage.bottleneck { border-left: 6px solid #D55E00; }
        .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: .5rem; margin: .5rem 0; }
        .kpis div { background: #f6f8fa; border-radius: 4px; padding: .3rem .6rem; }
        .kpis dt { font-size: .75rem; color: #57606a; }
        .kpis dd { margin: 0; font-size: 1.15rem; font-weight: 600; font-variant-numeric: tabular-nums; }
        .cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
        .cols > div { min-width: 0; }
        .flags { margin: .3rem 0; padding-left: 1.2rem; font-size: .85rem; }
        .flags li { overflow-wrap: anywhere; }
        .flags .account { font-weight: 600; color: #a63d00; }
        .nowrap { white-space: nowrap; }
        .flags .more { list-style: none; color: #57606a; }
        footer { margin-top: 2.5rem; border-top: 1px solid #d0d7de; padding-top: .6rem; }
        @media (max-width: 720px) { .cols { grid-template-columns: 1fr; } body { padding: .6rem; } }
        @media print {
          @page { margin: 12mm; }
          body { max-width: none; padding: 0; background: #ffffff; color: #000000; font-size: 10.5pt; }
          .switch, noscript { display: none !important; }
          section.segment[hidden] { display: none !important; }
          .scroll { overflow: visible; }
          h2, h3, h4, h5, caption { break-after: avoid; page-break-after: avoid; }
          figure, tr, .stage, .kpis { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          .stage, .kpis div { background: #ffffff; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;

    /// <summary>Nothing may load: no default source, no images, no connections; only the inline style and script above.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{Hash(Css)}'; script-src '{Hash(Script)}'; base-uri 'none'; form-action 'none'";

    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
