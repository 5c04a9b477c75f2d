namespace Triggers.Core.Model;

/// <summary>Priority of a task created for the CS manager.</summary>
public enum TaskPriority
{
    Low,
    Normal,
    High,
    Urgent,
}
