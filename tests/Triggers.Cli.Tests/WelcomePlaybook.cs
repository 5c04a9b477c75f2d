namespace Triggers.Cli.Tests;

/// <summary>The smallest playbook that fires: a task for every invited user. For command tests about input, not rules.</summary>
internal static class WelcomePlaybook
{
    public const string Yaml = """
        playbook: welcome
        rules:
          - id: greet
            when: { event: user.invited }
            do:
              - task: { title: "welcome {{ event.userid }}" }
        """;
}
