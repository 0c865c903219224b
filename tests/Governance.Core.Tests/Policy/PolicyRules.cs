using Governance.Core.Policy;
using Governance.Core.Registry;
using Governance.Testing.Registry;

namespace Governance.Core.Tests.Policy;

/// <summary>Evaluates a policy made of the given rules against a package, as the rule tests need it.</summary>
internal static class PolicyRules
{
    public static RuleResult Single(string rulesJson, ModelPackage package)
    {
        var decision = Decide(rulesJson, package);
        return Assert.Single(decision.Results);
    }

    public static PolicyDecision Decide(string rulesJson, ModelPackage package) =>
        new PolicyEvaluator(PolicyLoader.Load("{\"version\": 1, \"rules\": " + rulesJson + "}")).Evaluate(package, PackageFixtures.OwnBuckets(package));

    public static Dictionary<string, string> TagsWithout(string key, params (string Key, string Value)[] extra)
    {
        var tags = new Dictionary<string, string>(PackageFixtures.CompliantTags);
        tags.Remove(key);
        foreach (var (name, value) in extra)
        {
            tags[name] = value;
        }

        return tags;
    }
}
