using System.Text.Json;
using Governance.Core.Policy;
using Governance.Local.Lambda;
using Governance.Testing;
using Governance.Testing.Registry;

namespace Governance.Core.Tests.Policy;

public class PolicyEvaluatorTests
{
    private static GovernancePolicy DefaultPolicy() =>
        PolicyLoader.Load(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json")), "config/policy.json");

    [Fact]
    public void Evaluate_DefaultPolicyAndCompliantPackage_ShouldAllowWithEveryRulePassed()
    {
        var policy = DefaultPolicy();

        var decision = new PolicyEvaluator(policy).Evaluate(PackageFixtures.Compliant());

        Assert.Equal(PolicyOutcome.Allowed, decision.Outcome);
        Assert.All(decision.Results, result => Assert.True(result.Passed, result.Explanation));
        Assert.Equal(7, decision.Results.Count);
        Assert.Equal(policy.Digest, decision.PolicyDigest);
        Assert.Equal("Allowed: all 7 rules passed.", decision.Summary);
    }

    [Fact]
    public void Evaluate_DefaultPolicyAndSparsePackage_ShouldBlockListingEveryFailureInPolicyOrder()
    {
        var decision = new PolicyEvaluator(DefaultPolicy()).Evaluate(PackageFixtures.Minimal());

        Assert.Equal(PolicyOutcome.Blocked, decision.Outcome);
        Assert.True(decision.IsBlocked);
        Assert.Equal(
            ["requiredTags", "requiredCustomerMetadata", "requiredMetrics", "imageRegistries", "imageDigest", "artifactBuckets"],
            decision.Violations.Select(result => result.RuleId));
        Assert.Empty(decision.Warnings);
        Assert.Equal(
            "Blocked: 6 of 7 rules failed (requiredTags, requiredCustomerMetadata, requiredMetrics, imageRegistries, imageDigest, artifactBuckets).",
            decision.Summary);
        Assert.True(decision.Results[^1].Passed);
    }

    [Fact]
    public void Evaluate_BlockAndWarnFailures_ShouldBlockAndStillReportTheWarnings()
    {
        var policy = PolicyLoader.Load("""
            {"version": 1, "rules": {
              "imageDigest": {"mode": "block"},
              "groupNaming": {"mode": "warn", "pattern": "^team-"}}}
            """);

        var decision = new PolicyEvaluator(policy).Evaluate(PackageFixtures.Minimal());

        Assert.Equal(PolicyOutcome.Blocked, decision.Outcome);
        Assert.Equal("Blocked: 1 of 2 rules failed (imageDigest). Warnings: groupNaming.", decision.Summary);
    }

    [Fact]
    public void Evaluate_OnlyWarnFailures_ShouldSummariseAsAllowedWithWarnings()
    {
        var policy = PolicyLoader.Load("""{"version": 1, "rules": {"groupNaming": {"mode": "warn", "pattern": "^team-"}, "imageDigest": {"mode": "block"}}}""");

        var decision = new PolicyEvaluator(policy).Evaluate(PackageFixtures.Compliant());

        Assert.Equal("Allowed with warnings: 1 of 2 rules raised warnings (groupNaming).", decision.Summary);
        Assert.Equal(["imageDigest", "groupNaming"], decision.Results.Select(result => result.RuleId));
    }

    [Fact]
    public void Decision_Serialised_ShouldUseCamelCaseNamesAndLowerCaseEnums()
    {
        var policy = PolicyLoader.Load("""{"version": 1, "rules": {"imageDigest": {"mode": "block"}}}""");
        var decision = new PolicyEvaluator(policy).Evaluate(PackageFixtures.Minimal());

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(decision, PolicyJsonContext.Default.PolicyDecision));

        Assert.Equal("blocked", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(policy.Digest, json.RootElement.GetProperty("policyDigest").GetString());
        Assert.Equal(decision.Summary, json.RootElement.GetProperty("summary").GetString());
        var result = json.RootElement.GetProperty("results")[0];
        Assert.Equal("imageDigest", result.GetProperty("ruleId").GetString());
        Assert.Equal("block", result.GetProperty("mode").GetString());
        Assert.False(result.GetProperty("passed").GetBoolean());
        Assert.False(json.RootElement.TryGetProperty("violations", out _));
    }
}
