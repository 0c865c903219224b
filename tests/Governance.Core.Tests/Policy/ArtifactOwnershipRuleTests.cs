using Governance.Core.Policy;
using Governance.Core.Registry;
using Governance.Testing.Registry;

namespace Governance.Core.Tests.Policy;

public class ArtifactOwnershipRuleTests
{
    private const string TeamBucket = "acme-ml-artifacts-111122223333";
    private const string Rule = """{"artifactOwnership": {"mode": "block"}}""";

    private static RuleResult Judge(string rulesJson, ModelPackage package, IReadOnlyDictionary<string, string> owners) =>
        Assert.Single(new PolicyEvaluator(PolicyLoader.Load("{\"version\": 1, \"rules\": " + rulesJson + "}")).Evaluate(package, owners).Results);

    private static ModelPackage WithModelData(string modelDataUrl, string image = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/ml/credit:1") =>
        PackageFixtures.CompliantWith("InferenceSpecification", $$"""{"Containers": [{"Image": "{{image}}", "ModelDataUrl": "{{modelDataUrl}}"}]}""");

    [Fact]
    public void ArtifactOwnership_WhenEverythingIsInThePackagesAccount_ShouldPass()
    {
        var package = PackageFixtures.Compliant();

        var result = Judge(Rule, package, PackageFixtures.OwnBuckets(package));

        Assert.True(result.Passed);
        Assert.Equal("Every artifact and image is in the package's account 111122223333 or in an allowed bucket or registry.", result.Explanation);
    }

    [Fact]
    public void ArtifactOwnership_WhenModelDataIsInAnotherAccountsBucket_ShouldBlockNamingTheBucketAndItsOwner()
    {
        var package = WithModelData("s3://sagemaker-eu-west-1-999988887777/central/model.tar.gz");
        var owners = new Dictionary<string, string>(PackageFixtures.OwnBuckets(package)) { ["sagemaker-eu-west-1-999988887777"] = "999988887777" };

        var result = Judge(Rule, package, owners);

        Assert.False(result.Passed);
        Assert.Equal(RuleMode.Block, result.Mode);
        Assert.StartsWith(
            "Model data 's3://sagemaker-eu-west-1-999988887777/central/model.tar.gz' is in bucket 'sagemaker-eu-west-1-999988887777', owned by account 999988887777, not the package's account 111122223333;",
            result.Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ArtifactOwnership_WhenAMetricsReportsBucketOwnerCannotBeNamed_ShouldBlockSayingItIsNotThePackagesAccount()
    {
        var package = PackageFixtures.CompliantWith(
            "ModelMetrics", """{"Bias": {"Report": {"ContentType": "application/json", "S3Uri": "s3://other-team-bucket/bias.json"}}}""");
        var owners = PackageFixtures.OwnBuckets(package).Where(pair => pair.Key != "other-team-bucket").ToDictionary(StringComparer.Ordinal);

        var result = Judge(Rule, package, owners);

        Assert.False(result.Passed);
        Assert.Contains(
            "Bias report 's3://other-team-bucket/bias.json' is in bucket 'other-team-bucket', owned by an account other than the package's (111122223333)",
            result.Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ArtifactOwnership_WhenTheBucketIsAllowedByName_ShouldPass()
    {
        var package = WithModelData("s3://shared-base-models/llm/model.tar.gz");
        var owners = PackageFixtures.OwnBuckets(package).Where(pair => pair.Key != "shared-base-models").ToDictionary(StringComparer.Ordinal);

        var result = Judge("""{"artifactOwnership": {"mode": "block", "allowedBuckets": ["shared-base-*"]}}""", package, owners);

        Assert.True(result.Passed, result.Explanation);
    }

    [Fact]
    public void ArtifactOwnership_WhenTheImageIsInAnotherAccountsRegistry_ShouldBlockUnlessThatRegistryIsAllowed()
    {
        var package = WithModelData($"s3://{TeamBucket}/m.tar.gz", "763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1-cpu");
        var owners = PackageFixtures.OwnBuckets(package);

        var blocked = Judge(Rule, package, owners);
        var allowed = Judge("""{"artifactOwnership": {"mode": "block", "allowedRegistries": ["763104351884.dkr.ecr.*.amazonaws.com"]}}""", package, owners);

        Assert.False(blocked.Passed);
        Assert.StartsWith(
            "Image '763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference:2.1-cpu' is in registry '763104351884.dkr.ecr.eu-west-1.amazonaws.com', owned by account 763104351884, not the package's account 111122223333;",
            blocked.Explanation,
            StringComparison.Ordinal);
        Assert.True(allowed.Passed, allowed.Explanation);
    }

    [Fact]
    public void ArtifactOwnership_WhenTheImageIsOutsideEcr_ShouldBlockAsOutsideTheAccount()
    {
        var package = WithModelData($"s3://{TeamBucket}/m.tar.gz", "docker.io/someone/model:latest");

        var result = Judge(Rule, package, PackageFixtures.OwnBuckets(package));

        Assert.False(result.Passed);
        Assert.Contains("Image 'docker.io/someone/model:latest' is in registry 'docker.io', which is outside the package's account 111122223333", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenArtifactOwnershipHasAMalformedPattern_ShouldNameTheOption()
    {
        var error = Assert.Throws<PolicyValidationException>(
            () => PolicyLoader.Load("""{"version": 1, "rules": {"artifactOwnership": {"mode": "block", "allowedBuckets": ["Bad Bucket"], "allowedRegstries": []}}}"""));

        Assert.Contains(error.Errors, problem => problem.Path.StartsWith("$.rules.artifactOwnership.allowedBuckets", StringComparison.Ordinal));
        Assert.Contains(error.Errors, problem => problem.Path == "$.rules.artifactOwnership.allowedRegstries");
    }
}
