namespace Triggers.Core.Diagnostics;

/// <summary>How serious a diagnostic is: errors block a playbook from loading, warnings do not.</summary>
public enum Severity
{
    Warning,
    Error,
}
