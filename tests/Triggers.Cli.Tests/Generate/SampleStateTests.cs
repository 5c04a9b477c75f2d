using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Cli.Tests.Generate;

/// <summary>The cloud keeps each account's state in one Table Storage entity: the shipped playbooks must keep it small.</summary>
public sealed class SampleStateTests
{
    [Fact]
    public void SampleHistory_EveryAccountsState_FitsInTwoKilobytesAndReadsBack()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Playbooks, "*.yaml", SearchOption.AllDirectories)
            .Select(p => new SourceFile(Path.GetRelativePath(RepoPaths.Playbooks, p), File.ReadAllText(p))).ToList();
        var program = new CompiledPlaybooks(PlaybookLoader.Load(files).Set);
        var simulator = new Simulator(program, new SimulationOptions { KeepStates = true }, _ => { });
        foreach (var line in File.ReadLines(RepoPaths.SampleEvents))
        {
            simulator.Add(Encoding.UTF8.GetBytes(line), "events.jsonl");
        }

        simulator.Finish();

        Assert.Equal(300, simulator.Accounts.Count);
        foreach (var state in simulator.Accounts.Values)
        {
            var bytes = AccountStateSerializer.Serialize(state, program);
            Assert.True(bytes.Length <= 2048, $"{state.AccountId}: {bytes.Length} bytes of state");
            Assert.Equal(bytes, AccountStateSerializer.Serialize(AccountStateSerializer.Deserialize(bytes, program), program));
        }
    }
}
