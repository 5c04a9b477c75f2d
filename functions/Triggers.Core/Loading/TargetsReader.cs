using Triggers.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>Reads <c>webhooks.yaml</c>: the names of webhook targets. URLs and secrets are settings.</summary>
internal static class TargetsReader
{
    public static List<WebhookTarget> Read(YamlSource source, YamlMappingNode root)
    {
        var reader = new MapReader(source, root, "webhook targets file", Keys.Targets);
        return PlaybookReader.ReadList(reader, "targets", "target", ReadTarget, required: true);
    }

    private static WebhookTarget? ReadTarget(YamlSource source, YamlMappingNode map)
    {
        var reader = new MapReader(source, map, "webhook target", Keys.Target);
        var name = reader.Id("name", required: true, "target name");
        var description = reader.String("description");
        var allowPrivate = reader.Bool("allow_private_network") ?? false;
        return name is null ? null : new WebhookTarget(name, description, allowPrivate, reader.ValueAt("name"));
    }
}
