using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>A webhook destination by name. Its URL and signing secret live in settings, never in YAML.</summary>
public sealed record WebhookTarget(string Name, string? Description, bool AllowPrivateNetwork, SourceLocation Location);
