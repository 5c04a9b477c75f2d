using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Core.Testing;

/// <summary>The result of one playbook test: pass or fail, and the expected-against-actual report when it failed.</summary>
public sealed record TestResult(PlaybookTest Test, bool Passed, IReadOnlyList<string> Report, IReadOnlyList<Outcome> Outcomes)
{
    /// <summary>
    /// Something the test does not see, whether it passed or not: a test with no <c>run_until</c> ends at its last
    /// event, and windows and timers still open then never fall due (a test that nothing fires passes untested).
    /// </summary>
    public string? Warning { get; init; }
}
