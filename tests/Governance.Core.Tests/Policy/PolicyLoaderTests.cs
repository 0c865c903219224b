using Governance.Core.Policy;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Core.Tests.Policy;

public class PolicyLoaderTests
{
    private static string Document(string folder, string name) =>
        File.ReadAllText(PolicyFixtures.Path("documents", folder, name + ".json"));

    [Fact]
    public void Load_DefaultPolicy_ShouldEnableEveryRuleButRepositoriesWithTheirModes()
    {
        var policy = PolicyLoader.Load(File.ReadAllText(RepositoryRoot.Combine("config", "policy.json")), "config/policy.json");
        var rules = new PolicyEvaluator(policy).Rules;

        Assert.Equal(
            [
                "requiredTags:Block", "requiredCustomerMetadata:Block", "requiredMetrics:Block", "imageRegistries:Block",
                "imageDigest:Block", "artifactBuckets:Block", "groupNaming:Warn",
            ],
            rules.Select(rule => rule.Id + ":" + rule.Mode));
        Assert.Equal(["owner", "risk-tier", "intended-use"], policy.Document.Rules.RequiredCustomerMetadata!.Keys);
        Assert.StartsWith("sha256:", policy.Digest, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AllRulesAllOptions_ShouldBindEveryOption()
    {
        var rules = PolicyLoader.Load(Document("valid", "all-rules-all-options")).Document.Rules;

        Assert.Equal(["team", "cost-center"], rules.RequiredTags!.Keys);
        Assert.Equal(["dev", "prod"], rules.RequiredTags.AllowedValues!["environment"]);
        Assert.Equal(RuleMode.Warn, rules.RequiredCustomerMetadata!.Mode);
        Assert.Equal(4, rules.RequiredMetrics!.Sections.Count);
        Assert.Equal("registry.internal:5000", rules.ImageRegistries!.Registries[1]);
        Assert.Equal(["ml/*", "sagemaker-xgboost"], rules.ImageRepositories!.Repositories);
        Assert.Equal(RuleMode.Block, rules.ImageDigest!.Mode);
        Assert.Equal(["acme-ml-artifacts-*", "sagemaker-*"], rules.ArtifactBuckets!.Buckets);
        Assert.Equal("lower-case words separated by hyphens", rules.GroupNaming!.Description);
    }

    [Fact]
    public void Load_SameText_ShouldGiveTheSameDigestAndDifferentTextADifferentOne()
    {
        var text = Document("valid", "minimal-one-rule");

        Assert.Equal(PolicyLoader.Load(text).Digest, PolicyLoader.Load(text).Digest);
        Assert.NotEqual(PolicyLoader.Load(text).Digest, PolicyLoader.Load(text.Replace("warn", "block", StringComparison.Ordinal)).Digest);
    }

    [Theory]
    [InlineData("root-not-an-object", "$", "the policy must be a JSON object, not a list")]
    [InlineData("missing-version", "$", "\"version\" is required")]
    [InlineData("unsupported-version", "$.version", "2 is not a supported version")]
    [InlineData("version-as-string", "$.version", "\"1\" is not a supported version")]
    [InlineData("missing-rules", "$", "\"rules\" is required")]
    [InlineData("unknown-top-level-property", "$.rule", "unknown property")]
    [InlineData("empty-schema-reference", "$['$schema']", "must not be empty")]
    [InlineData("description-not-a-string", "$.description", "must be a string, not a number")]
    [InlineData("rules-not-an-object", "$.rules", "must be a JSON object")]
    [InlineData("no-rules-enabled", "$.rules", "no rule is enabled")]
    [InlineData("unknown-rule", "$.rules.requiredTag", "unknown rule \"requiredTag\" (did you mean \"requiredTags\"?)")]
    [InlineData("rule-not-an-object", "$.rules.imageDigest", "a rule must be a JSON object, not a string")]
    [InlineData("missing-mode", "$.rules.imageDigest", "\"mode\" is required")]
    [InlineData("bad-mode", "$.rules.imageDigest.mode", "\"blok\" is not a mode; use \"block\" or \"warn\"")]
    [InlineData("mode-wrong-case", "$.rules.imageDigest.mode", "\"Block\" is not a mode")]
    [InlineData("unknown-option", "$.rules.requiredTags.key", "unknown option; this rule takes \"mode\", \"keys\", \"allowedValues\"")]
    [InlineData("image-digest-extra-option", "$.rules.imageDigest.required", "unknown option; this rule takes \"mode\"")]
    [InlineData("missing-keys", "$.rules.requiredTags", "\"keys\" is required")]
    [InlineData("keys-not-a-list", "$.rules.requiredTags.keys", "must be a list of keys, not a string")]
    [InlineData("empty-keys", "$.rules.requiredCustomerMetadata.keys", "the list is empty")]
    [InlineData("duplicate-key", "$.rules.requiredTags.keys[1]", "\"team\" appears more than once")]
    [InlineData("key-not-a-string", "$.rules.requiredTags.keys[0]", "must be a key (a string), not a number")]
    [InlineData("empty-key", "$.rules.requiredTags.keys[0]", "\"\" is empty")]
    [InlineData("key-with-bad-characters", "$.rules.requiredTags.keys[0]", "\"cost#center\" has characters AWS does not allow")]
    [InlineData("key-too-long", "$.rules.requiredTags.keys[0]", "is longer than 128 characters")]
    [InlineData("allowed-values-not-an-object", "$.rules.requiredCustomerMetadata.allowedValues", "must be a JSON object")]
    [InlineData("allowed-values-empty", "$.rules.requiredCustomerMetadata.allowedValues", "is empty")]
    [InlineData("allowed-values-empty-list", "$.rules.requiredCustomerMetadata.allowedValues['risk-tier']", "the list is empty")]
    [InlineData("allowed-value-empty", "$.rules.requiredCustomerMetadata.allowedValues['risk-tier'][0]", "is empty")]
    [InlineData("allowed-value-duplicate", "$.rules.requiredCustomerMetadata.allowedValues['risk-tier'][1]", "appears more than once")]
    [InlineData("allowed-value-too-long", "$.rules.requiredCustomerMetadata.allowedValues['risk-tier'][0]", "is longer than 256 characters")]
    [InlineData("allowed-values-bad-key", "$.rules.requiredTags.allowedValues['te{am}']", "key \"te{am}\" has characters AWS does not allow")]
    [InlineData("missing-sections", "$.rules.requiredMetrics", "\"sections\" is required")]
    [InlineData("empty-sections", "$.rules.requiredMetrics.sections", "the list is empty")]
    [InlineData("unknown-section", "$.rules.requiredMetrics.sections[0]", "\"Fairness\" is not a ModelMetrics section; use one of ModelQuality, ModelDataQuality, Bias, Explainability")]
    [InlineData("section-wrong-case", "$.rules.requiredMetrics.sections[0]", "\"modelQuality\" is not a ModelMetrics section")]
    [InlineData("duplicate-section", "$.rules.requiredMetrics.sections[1]", "appears more than once")]
    [InlineData("empty-registries", "$.rules.imageRegistries.registries", "the list is empty")]
    [InlineData("registry-upper-case", "$.rules.imageRegistries.registries[0]", "is not a valid pattern")]
    [InlineData("registry-with-path", "$.rules.imageRegistries.registries[0]", "is not a valid pattern")]
    [InlineData("missing-repositories", "$.rules.imageRepositories", "\"repositories\" is required")]
    [InlineData("repository-upper-case", "$.rules.imageRepositories.repositories[0]", "is not a valid pattern")]
    [InlineData("repository-empty", "$.rules.imageRepositories.repositories[0]", "is empty")]
    [InlineData("bucket-as-uri", "$.rules.artifactBuckets.buckets[0]", "\"s3://acme-ml-artifacts\" is not a valid pattern")]
    [InlineData("bucket-too-long", "$.rules.artifactBuckets.buckets[0]", "is longer than 63 characters")]
    [InlineData("duplicate-bucket", "$.rules.artifactBuckets.buckets[1]", "appears more than once")]
    [InlineData("missing-pattern", "$.rules.groupNaming", "\"pattern\" is required")]
    [InlineData("empty-pattern", "$.rules.groupNaming.pattern", "must not be empty")]
    [InlineData("invalid-regex", "$.rules.groupNaming.pattern", "\"^[a-z\" is not a valid regular expression")]
    [InlineData("empty-naming-description", "$.rules.groupNaming.description", "must not be empty")]
    public void Load_InvalidDocument_ShouldNameThePathAndTheProblem(string fixture, string path, string message)
    {
        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(Document("invalid", fixture), "config/policy.json"));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Contains("The governance policy config/policy.json is invalid (1 problem):", error.Message, StringComparison.Ordinal);
        Assert.Contains(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("duplicate-property", "not valid JSON: Duplicate property 'mode'")]
    [InlineData("trailing-comma", "not valid JSON (line 5")]
    [InlineData("comment", "not valid JSON (line 2")]
    public void Load_MalformedJson_ShouldReportWhatAndWhereTheTextIsWrong(string fixture, string location)
    {
        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(Document("malformed", fixture)));

        var problem = Assert.Single(error.Errors);
        Assert.Equal("$", problem.Path);
        Assert.Contains(location, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ShouldReportThemAllAtOnce()
    {
        const string json = """
            {"version": 1, "rules": {
              "requiredTags": {"mode": "sometimes", "keys": []},
              "groupNaming": {"mode": "warn", "pattern": "("},
              "requiredModelCard": {"mode": "block"}}}
            """;

        var error = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Load(json));

        Assert.Equal(
            ["$.rules.requiredTags.mode", "$.rules.requiredTags.keys", "$.rules.groupNaming.pattern", "$.rules.requiredModelCard"],
            error.Errors.Select(problem => problem.Path));
        Assert.Contains("(4 problems)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_ShouldReturnProblemsInsteadOfThrowing()
    {
        Assert.False(PolicyLoader.TryLoad(Document("invalid", "bad-mode"), out var policy, out var errors));
        Assert.Null(policy);
        Assert.Equal("$.rules.imageDigest.mode", Assert.Single(errors).Path);

        Assert.True(PolicyLoader.TryLoad(Document("valid", "minimal-one-rule"), out policy, out errors));
        Assert.Empty(errors);
        Assert.Equal(RuleMode.Warn, policy!.Document.Rules.ImageDigest!.Mode);
    }
}
