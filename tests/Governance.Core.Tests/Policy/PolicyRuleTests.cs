using Governance.Core.Policy;
using Governance.Testing.Registry;
using static Governance.Core.Tests.Policy.PolicyRules;

namespace Governance.Core.Tests.Policy;

/// <summary>The rules on what a package declares: tags, customer metadata and metrics.</summary>
public class PolicyRuleTests
{
    // requiredTags

    [Fact]
    public void RequiredTags_AllPresent_ShouldPass()
    {
        var result = Single("""{"requiredTags": {"mode": "block", "keys": ["team", "cost-center"]}}""", PackageFixtures.Compliant());

        Assert.True(result.Passed);
        Assert.Equal("requiredTags", result.RuleId);
        Assert.Equal("All required tags are present: team, cost-center.", result.Explanation);
    }

    [Fact]
    public void RequiredTags_OneMissing_ShouldFailNamingTheTagAndTheRequirement()
    {
        var package = PackageFixtures.CompliantWith("ModelPackageDescription", "\"x\"", TagsWithout("cost-center"));

        var result = Single("""{"requiredTags": {"mode": "block", "keys": ["team", "cost-center"]}}""", package);

        Assert.False(result.Passed);
        Assert.Equal(RuleMode.Block, result.Mode);
        Assert.Equal("Tag 'cost-center' is missing; the policy requires tags: team, cost-center.", result.Explanation);
    }

    [Fact]
    public void RequiredTags_SeveralMissingAndOneInTheWrongCase_ShouldSayAllOfIt()
    {
        var package = PackageFixtures.CompliantWith("ModelPackageDescription", "\"x\"", TagsWithout("team", ("Team", "risk")));

        var result = Single("""{"requiredTags": {"mode": "block", "keys": ["team", "owner"]}}""", package);

        Assert.Equal(
            "Tags 'team', 'owner' are missing; tag 'Team' is present, but keys are case-sensitive and the policy requires 'team'; "
            + "the policy requires tags: team, owner.",
            result.Explanation);
    }

    [Fact]
    public void RequiredTags_EmptyValue_ShouldFail()
    {
        var package = PackageFixtures.CompliantWith("ModelPackageDescription", "\"x\"", TagsWithout("team", ("team", " ")));

        var result = Single("""{"requiredTags": {"mode": "block", "keys": ["team"]}}""", package);

        Assert.False(result.Passed);
        Assert.StartsWith("Tag 'team' is empty;", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiredTags_ValueNotAllowed_ShouldFailListingTheAllowedValues()
    {
        var package = PackageFixtures.CompliantWith("ModelPackageDescription", "\"x\"", TagsWithout("data-classification", ("data-classification", "secret")));

        var result = Single(
            """{"requiredTags": {"mode": "block", "keys": ["data-classification"], "allowedValues": {"data-classification": ["internal", "confidential"]}}}""",
            package);

        Assert.Equal(
            "Tag 'data-classification' is 'secret', which is not an allowed value (allowed: internal, confidential); "
            + "the policy requires tags: data-classification.",
            result.Explanation);
    }

    [Fact]
    public void RequiredTags_OptionalKeyWithAllowedValues_ShouldOnlyBeCheckedWhenPresent()
    {
        const string rules = """{"requiredTags": {"mode": "block", "keys": ["team"], "allowedValues": {"environment": ["dev", "prod"]}}}""";

        var absent = Single(rules, PackageFixtures.Compliant());
        var wrong = Single(rules, PackageFixtures.CompliantWith("ModelPackageDescription", "\"x\"", TagsWithout("none", ("environment", "qa"))));
        var right = Single(rules, PackageFixtures.CompliantWith("ModelPackageDescription", "\"x\"", TagsWithout("none", ("environment", "prod"))));

        Assert.True(absent.Passed);
        Assert.False(wrong.Passed);
        Assert.True(right.Passed);
        Assert.Equal("All required tags are present: team; allowed values hold for environment.", right.Explanation);
    }

    [Fact]
    public void RequiredTags_WarnMode_ShouldFailButAllowWithWarnings()
    {
        var package = PackageFixtures.CompliantWith("ModelPackageDescription", "\"x\"", TagsWithout("cost-center"));

        var decision = Decide("""{"requiredTags": {"mode": "warn", "keys": ["cost-center"]}}""", package);

        Assert.Equal(PolicyOutcome.AllowedWithWarnings, decision.Outcome);
        var result = Assert.Single(decision.Warnings);
        Assert.Equal(RuleMode.Warn, result.Mode);
        Assert.False(result.Passed);
        Assert.Empty(decision.Violations);
    }

    [Fact]
    public void RequiredTags_Disabled_ShouldNotJudgeTags()
    {
        var package = PackageFixtures.CompliantWith("ModelPackageDescription", "\"x\"", new Dictionary<string, string>());

        var decision = Decide("""{"imageDigest": {"mode": "block"}}""", package);

        Assert.Equal(PolicyOutcome.Allowed, decision.Outcome);
        Assert.DoesNotContain(decision.Results, result => result.RuleId == RuleIds.RequiredTags);
    }

    // requiredCustomerMetadata

    [Fact]
    public void RequiredCustomerMetadata_AllPresentWithAllowedValues_ShouldPass()
    {
        var result = Single(
            """{"requiredCustomerMetadata": {"mode": "block", "keys": ["owner", "risk-tier", "intended-use"], "allowedValues": {"risk-tier": ["low", "medium", "high"]}}}""",
            PackageFixtures.Compliant());

        Assert.True(result.Passed);
        Assert.Equal(
            "All required customer metadata properties are present: owner, risk-tier, intended-use; allowed values hold for risk-tier.",
            result.Explanation);
    }

    [Fact]
    public void RequiredCustomerMetadata_MissingEmptyAndDisallowed_ShouldFailWithEachReason()
    {
        var package = PackageFixtures.CompliantWith("CustomerMetadataProperties", """{"owner": "", "risk-tier": "extreme"}""");

        var result = Single(
            """{"requiredCustomerMetadata": {"mode": "block", "keys": ["owner", "risk-tier", "intended-use"], "allowedValues": {"risk-tier": ["low", "medium", "high"]}}}""",
            package);

        Assert.False(result.Passed);
        Assert.Equal(
            "Customer metadata property 'intended-use' is missing; customer metadata property 'owner' is empty; "
            + "customer metadata property 'risk-tier' is 'extreme', which is not an allowed value (allowed: low, medium, high); "
            + "the policy requires customer metadata properties: owner, risk-tier, intended-use.",
            result.Explanation);
    }

    [Fact]
    public void RequiredCustomerMetadata_WarnMode_ShouldAllowWithWarnings()
    {
        var package = PackageFixtures.CompliantWith("CustomerMetadataProperties", null);

        var decision = Decide("""{"requiredCustomerMetadata": {"mode": "warn", "keys": ["owner"]}}""", package);

        Assert.Equal(PolicyOutcome.AllowedWithWarnings, decision.Outcome);
        Assert.Equal(
            "Customer metadata property 'owner' is missing; the policy requires customer metadata properties: owner.",
            Assert.Single(decision.Warnings).Explanation);
    }

    [Fact]
    public void RequiredCustomerMetadata_Disabled_ShouldNotJudgeMetadata()
    {
        var decision = Decide("""{"requiredTags": {"mode": "block", "keys": ["team"]}}""", PackageFixtures.CompliantWith("CustomerMetadataProperties", null));

        Assert.Equal(PolicyOutcome.Allowed, decision.Outcome);
        Assert.DoesNotContain(decision.Results, result => result.RuleId == RuleIds.RequiredCustomerMetadata);
    }

    // requiredMetrics

    [Fact]
    public void RequiredMetrics_Present_ShouldPass()
    {
        var result = Single("""{"requiredMetrics": {"mode": "block", "sections": ["ModelQuality", "Bias"]}}""", PackageFixtures.Compliant());

        Assert.True(result.Passed);
        Assert.Equal("Required metrics are present: model quality, bias.", result.Explanation);
    }

    [Fact]
    public void RequiredMetrics_OnlyADriftBaseline_ShouldNotCountAsTheMetricsSection()
    {
        var result = Single("""{"requiredMetrics": {"mode": "block", "sections": ["ModelQuality", "ModelDataQuality"]}}""", PackageFixtures.Compliant());

        Assert.False(result.Passed);
        Assert.Equal(
            "The package has no model data quality report (ModelMetrics.ModelDataQuality); the policy requires metrics: "
            + "model quality, model data quality; it has model quality, bias, explainability.",
            result.Explanation);
    }

    [Fact]
    public void RequiredMetrics_NoMetricsAtAll_ShouldSaySo()
    {
        var result = Single("""{"requiredMetrics": {"mode": "block", "sections": ["ModelQuality", "Bias"]}}""", PackageFixtures.Minimal());

        Assert.Equal(
            "The package has no model quality or bias reports (ModelMetrics.ModelQuality, ModelMetrics.Bias); the policy requires metrics: "
            + "model quality, bias; the package has no model metrics at all.",
            result.Explanation);
    }

    [Fact]
    public void RequiredMetrics_WarnMode_ShouldAllowWithWarnings()
    {
        var decision = Decide("""{"requiredMetrics": {"mode": "warn", "sections": ["Explainability"]}}""", PackageFixtures.CompliantWith("ModelMetrics", null));

        Assert.Equal(PolicyOutcome.AllowedWithWarnings, decision.Outcome);
    }

    [Fact]
    public void RequiredMetrics_Disabled_ShouldNotJudgeMetrics()
    {
        var decision = Decide("""{"imageDigest": {"mode": "block"}}""", PackageFixtures.CompliantWith("ModelMetrics", null));

        Assert.Equal(PolicyOutcome.Allowed, decision.Outcome);
    }
}
