using System.Text.RegularExpressions;

namespace Triggers.Core.Validation;

/// <summary>
/// The files that could not be read at all (a YAML syntax error, another encoding) and what their text shows they
/// define. Such a file adds nothing to the set, so every name it defines would be unknown wherever another file uses
/// it: errors that are only its consequence. <see cref="References"/> asks here before reporting one, and reports it
/// only when no unreadable file seems to define the name (a name it cannot place is still reported).
/// </summary>
internal sealed partial class UnreadFiles
{
    private readonly List<UnreadFile> _files = [];

    public static readonly UnreadFiles None = new();

    public bool IsEmpty => _files.Count == 0;

    /// <summary>Notes a file that could not be read, from its text as far as it could be decoded.</summary>
    public void Add(string path, string text) => _files.Add(UnreadFile.Scan(path, text));

    /// <summary>Whether an unreadable file seems to be playbook <paramref name="id"/>: then nothing in it can be checked.</summary>
    public bool Playbook(string id) => _files.Exists(f => f.Is("playbook") && f.Id == id);

    /// <summary>A rule or milestone named <c>playbook-id/id</c> of an unreadable playbook, or a bare milestone id one shows.</summary>
    public bool InPlaybook(string name) =>
        name.Split('/') is [var playbook, _] ? Playbook(playbook) : _files.Exists(f => f.Is("playbook") && f.Ids.Contains(name));

    public bool Stage(string id) => _files.Exists(f => f.Is("journey") && f.Ids.Contains(id));

    public bool Target(string name) => _files.Exists(f => f.Is("targets") && f.Names.Contains(name));

    /// <summary>An event type an unreadable playbook may emit or an unreadable journey may map.</summary>
    public bool EventType(string type) => _files.Exists(f => (f.Is("playbook") || f.Is("journey")) && f.EventTypes.Contains(type));

    /// <summary>What a hint about an unknown name adds while files could not be read: those files may define it. Null when none.</summary>
    public string? Note => _files.Count == 0 ? null
        : $"{string.Join(", ", _files.Select(f => f.File))} could not be read, so what {(_files.Count == 1 ? "it defines" : "they define")} is not known yet: fix {(_files.Count == 1 ? "it" : "them")} first";

    private sealed record UnreadFile(string File, string? Kind, string? Id, HashSet<string> Ids, HashSet<string> Names, HashSet<string> EventTypes)
    {
        /// <summary>Whether the file is (or, its kind unknown, may be) of <paramref name="kind"/>.</summary>
        public bool Is(string kind) => Kind is null || Kind == kind;

        /// <summary>
        /// What the text shows, line by line, without YAML (which gave up on it) and without its comments: the top-level kind and id, every
        /// <c>id:</c> and <c>name:</c> value and every word shaped like an event type. A guess, used only to leave out
        /// errors, so it errs towards finding names.
        /// </summary>
        public static UnreadFile Scan(string path, string text)
        {
            // Comments define nothing: a name mentioned only in one ("# was colleague-activated") is not the file's.
            text = Comment().Replace(text, "");
            var top = TopLevel().Match(text);
            var file = System.IO.Path.GetFileName(path);
            var kind = top.Success ? top.Groups["kind"].Value
                : file.EndsWith(".test.yaml", StringComparison.Ordinal) || file.EndsWith(".test.yml", StringComparison.Ordinal) ? "test"
                : path.Contains("journeys/", StringComparison.Ordinal) ? "journey"
                : file is "webhooks.yaml" or "webhooks.yml" ? "targets"
                : null;
            // The id as written, or else the file's name, which is how playbooks are usually named (invite-colleague.yaml).
            var id = top.Success && top.Groups["id"].Success ? top.Groups["id"].Value : System.IO.Path.GetFileNameWithoutExtension(file);
            return new UnreadFile(file, kind, id, Values(IdValue(), text), Values(NameValue(), text),
                [.. EventTypeWord().Matches(text).Select(m => m.Value)]);
        }

        private static HashSet<string> Values(Regex regex, string text) => [.. regex.Matches(text).Select(m => m.Groups["value"].Value)];
    }

    /// <summary>A YAML comment: '#' at the start of a line or after white space, to the end of the line.</summary>
    [GeneratedRegex(@"(?:^|(?<=[ \t]))#.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<kind>playbook|journey|targets|test)[ \t]*:(?:[ \t]*[""']?(?<id>[a-z0-9][a-z0-9-]*)[""']?[ \t]*(?:#.*)?$)?", RegexOptions.Multiline)]
    private static partial Regex TopLevel();

    [GeneratedRegex(@"(?:^|[\s{,-])id[ \t]*:[ \t]*[""']?(?<value>[a-z0-9][a-z0-9-]*)", RegexOptions.Multiline)]
    private static partial Regex IdValue();

    [GeneratedRegex(@"(?:^|[\s{,-])name[ \t]*:[ \t]*[""']?(?<value>[a-z0-9][a-z0-9-]*)", RegexOptions.Multiline)]
    private static partial Regex NameValue();

    [GeneratedRegex(@"(?<![\w.])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?![\w.])")]
    private static partial Regex EventTypeWord();
}
