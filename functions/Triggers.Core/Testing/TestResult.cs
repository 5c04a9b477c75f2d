using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Core.Testing;

/// <summary>The result of one playbook test: pass or fail, and the expected-against-actual report when it failed.</summary>
public sealed record TestResult(PlaybookTest Test, bool Passed, IReadOnlyList<string> Report, IReadOnlyList<Outcome> Outcomes);
