using System.CommandLine;
using Triggers.Cli.Commands;
using Triggers.Cli.Generate;

var root = new RootCommand("Triggers: journey-trigger automation for customer-success teams. " +
                           "Validate, test, simulate and explain playbooks written in YAML.")
{
    ValidateCommand.Create(),
    TestCommand.Create(),
    SimulateCommand.Create(),
    ExplainCommand.Create(),
    GenerateCommand.Create(),
    ReportCommand.Create(),
};

return root.Parse(args).Invoke();
