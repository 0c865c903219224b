namespace Governance.Core.Policy;

/// <summary>The outcome of one rule for one model package, explained for a model risk manager.</summary>
public sealed record RuleResult(string RuleId, RuleMode Mode, bool Passed, string Explanation);
