namespace Governance.Core.Policy.Rules;

/// <summary>One enabled policy rule, ready to judge model packages.</summary>
public interface IPolicyRule
{
    string Id { get; }

    RuleMode Mode { get; }

    RuleResult Evaluate(PolicySubject subject);
}
