using Governance.Core.Policy;
using Governance.Testing.Registry;
using static Governance.Core.Tests.Policy.PolicyRules;

namespace Governance.Core.Tests.Policy;

/// <summary>The rules on where a package's artifacts come from: images, repositories, digests, buckets, group names.</summary>
public class ArtifactPolicyRuleTests
{
    // imageRegistries

    [Fact]
    public void ImageRegistries_EcrHostMatchingAPattern_ShouldPass()
    {
        var result = Single("""{"imageRegistries": {"mode": "block", "registries": ["*.dkr.ecr.*.amazonaws.com"]}}""", PackageFixtures.Compliant());

        Assert.True(result.Passed);
        Assert.Equal("Every image comes from an allowed registry (111122223333.dkr.ecr.eu-west-1.amazonaws.com).", result.Explanation);
    }

    [Fact]
    public void ImageRegistries_PublicRegistry_ShouldFailNamingImageAndRegistry()
    {
        var result = Single("""{"imageRegistries": {"mode": "block", "registries": ["*.dkr.ecr.*.amazonaws.com"]}}""", PackageFixtures.Minimal());

        Assert.False(result.Passed);
        Assert.Equal(
            "Image 'docker.io/someone/churn@sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789' comes from registry 'docker.io', which is not allowed; "
            + "image 'python:3.11' comes from registry 'docker.io', which is not allowed; allowed registries: *.dkr.ecr.*.amazonaws.com.",
            result.Explanation);
    }

    [Fact]
    public void ImageRegistries_OtherAccount_ShouldFailWhenOnlyOneAccountIsAllowed()
    {
        var result = Single("""{"imageRegistries": {"mode": "block", "registries": ["999988887777.dkr.ecr.*.amazonaws.com"]}}""", PackageFixtures.Compliant());

        Assert.False(result.Passed);
    }

    [Fact]
    public void ImageRegistries_WarnMode_ShouldAllowWithWarnings()
    {
        var decision = Decide("""{"imageRegistries": {"mode": "warn", "registries": ["registry.internal"]}}""", PackageFixtures.Compliant());

        Assert.Equal(PolicyOutcome.AllowedWithWarnings, decision.Outcome);
    }

    [Fact]
    public void ImageRegistries_NoImages_ShouldPassWithNothingToCheck()
    {
        var result = Single("""{"imageRegistries": {"mode": "block", "registries": ["registry.internal"]}}""", PackageFixtures.CompliantWith("InferenceSpecification", null));

        Assert.True(result.Passed);
        Assert.Equal("The package references no container images, so there is nothing to check.", result.Explanation);
    }

    [Fact]
    public void ImageRegistries_Disabled_ShouldNotJudgeRegistries()
    {
        var decision = Decide("""{"groupNaming": {"mode": "block", "pattern": "^churn"}}""", PackageFixtures.Minimal());

        Assert.Equal(PolicyOutcome.Allowed, decision.Outcome);
    }

    // imageRepositories

    [Fact]
    public void ImageRepositories_MatchingPattern_ShouldPassAcrossSlashes()
    {
        var result = Single("""{"imageRepositories": {"mode": "block", "repositories": ["ml/*"]}}""", PackageFixtures.Compliant());

        Assert.True(result.Passed);
        Assert.Equal("Every image comes from an allowed repository (ml/credit-risk-xgboost).", result.Explanation);
    }

    [Fact]
    public void ImageRepositories_OtherRepository_ShouldFail()
    {
        var result = Single("""{"imageRepositories": {"mode": "block", "repositories": ["sagemaker-*"]}}""", PackageFixtures.Compliant());

        Assert.Equal(
            "Image '111122223333.dkr.ecr.eu-west-1.amazonaws.com/ml/credit-risk-xgboost:1.7-1' comes from repository 'ml/credit-risk-xgboost', which is not allowed; "
            + "allowed repositories: sagemaker-*.",
            result.Explanation);
    }

    [Fact]
    public void ImageRepositories_WarnMode_ShouldAllowWithWarnings()
    {
        var decision = Decide("""{"imageRepositories": {"mode": "warn", "repositories": ["sagemaker-*"]}}""", PackageFixtures.Compliant());

        Assert.Equal(PolicyOutcome.AllowedWithWarnings, decision.Outcome);
    }

    // imageDigest

    [Fact]
    public void ImageDigest_PinnedByImageDigestOrUri_ShouldPass()
    {
        var fromMember = Single("""{"imageDigest": {"mode": "block"}}""", PackageFixtures.Compliant());
        var fromUri = Single("""{"imageDigest": {"mode": "block"}}""", PackageFixtures.CompliantWith(
            "InferenceSpecification",
            """{"Containers": [{"Image": "111122223333.dkr.ecr.eu-west-1.amazonaws.com/ml/m@sha256:4dc8a7e4a010a19bb9e0a6b063f355393f6e623603361bd8b105f554d4f0c004"}]}"""));

        Assert.True(fromMember.Passed);
        Assert.True(fromUri.Passed);
        Assert.Equal("Every image is pinned by digest (1 image).", fromUri.Explanation);
    }

    [Fact]
    public void ImageDigest_TagOnly_ShouldFailExplainingWhy()
    {
        var result = Single("""{"imageDigest": {"mode": "block"}}""", PackageFixtures.Minimal());

        Assert.False(result.Passed);
        Assert.Equal(
            "Image 'python:3.11' is not pinned by digest (no ImageDigest and no @sha256: in its URI); "
            + "every image must be pinned by digest so that the image deployed is exactly the one reviewed.",
            result.Explanation);
    }

    [Fact]
    public void ImageDigest_WarnMode_ShouldAllowWithWarnings()
    {
        var decision = Decide("""{"imageDigest": {"mode": "warn"}}""", PackageFixtures.Minimal());

        Assert.Equal(PolicyOutcome.AllowedWithWarnings, decision.Outcome);
    }

    [Fact]
    public void ImageDigest_Disabled_ShouldNotJudgeDigests()
    {
        var decision = Decide("""{"requiredTags": {"mode": "block", "keys": ["team"]}}""", PackageFixtures.Minimal());

        Assert.Equal(PolicyOutcome.Allowed, decision.Outcome);
    }

    // artifactBuckets

    [Fact]
    public void ArtifactBuckets_EveryArtifactInAnAllowedBucket_ShouldPass()
    {
        var result = Single("""{"artifactBuckets": {"mode": "block", "buckets": ["acme-ml-artifacts-*"]}}""", PackageFixtures.Compliant());

        Assert.True(result.Passed);
        Assert.Equal("Every referenced artifact (7 artifacts) is in an allowed bucket (acme-ml-artifacts-111122223333).", result.Explanation);
    }

    [Fact]
    public void ArtifactBuckets_MetricsInAnotherBucket_ShouldFailNamingTheArtifact()
    {
        var package = PackageFixtures.CompliantWith(
            "ModelMetrics",
            """{"Bias": {"Report": {"ContentType": "application/json", "S3Uri": "s3://personal-scratch/bias.json"}}}""");

        var result = Single("""{"artifactBuckets": {"mode": "block", "buckets": ["acme-ml-artifacts-*"]}}""", package);

        Assert.Equal(
            "Bias report 's3://personal-scratch/bias.json' is in bucket 'personal-scratch', which is not allowed; allowed buckets: acme-ml-artifacts-*.",
            result.Explanation);
    }

    [Fact]
    public void ArtifactBuckets_NonS3Location_ShouldFailAsUncheckable()
    {
        var package = PackageFixtures.CompliantWith(
            "InferenceSpecification",
            """{"Containers": [{"Image": "a.dkr.ecr.x.amazonaws.com/m", "ModelDataUrl": "https://models.example.com/m.tar.gz"}]}""");

        var result = Single("""{"artifactBuckets": {"mode": "block", "buckets": ["*"]}}""", package);

        Assert.False(result.Passed);
        Assert.StartsWith(
            "Model data 'https://models.example.com/m.tar.gz' is not an S3 location, so its bucket cannot be checked;",
            result.Explanation,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ArtifactBuckets_WarnMode_ShouldAllowWithWarnings()
    {
        var decision = Decide("""{"artifactBuckets": {"mode": "warn", "buckets": ["acme-*"]}}""", PackageFixtures.Minimal());

        Assert.Equal(PolicyOutcome.AllowedWithWarnings, decision.Outcome);
        Assert.Contains("'scratch-bucket'", Assert.Single(decision.Warnings).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void ArtifactBuckets_Disabled_ShouldNotJudgeBuckets()
    {
        var decision = Decide("""{"imageRegistries": {"mode": "block", "registries": ["docker.io"]}}""", PackageFixtures.Minimal());

        Assert.Equal(PolicyOutcome.Allowed, decision.Outcome);
    }

    // groupNaming

    [Fact]
    public void GroupNaming_Matching_ShouldPassQuotingTheConvention()
    {
        var result = Single("""{"groupNaming": {"mode": "block", "pattern": "^[a-z]+(-[a-z]+)*$", "description": "lower-case words"}}""", PackageFixtures.Compliant());

        Assert.True(result.Passed);
        Assert.Equal("Model package group name 'credit-risk-scoring' follows the naming convention (lower-case words; pattern ^[a-z]+(-[a-z]+)*$).", result.Explanation);
    }

    [Fact]
    public void GroupNaming_NotMatching_ShouldFail()
    {
        var package = PackageFixtures.CompliantWith("ModelPackageGroupName", "\"Credit_Risk\"");

        var result = Single("""{"groupNaming": {"mode": "block", "pattern": "^[a-z]+(-[a-z]+)*$"}}""", package);

        Assert.False(result.Passed);
        Assert.Equal("Model package group name 'Credit_Risk' does not follow the naming convention (pattern ^[a-z]+(-[a-z]+)*$).", result.Explanation);
    }

    [Fact]
    public void GroupNaming_WarnMode_ShouldAllowWithWarnings()
    {
        var decision = Decide("""{"groupNaming": {"mode": "warn", "pattern": "^team-"}}""", PackageFixtures.Compliant());

        Assert.Equal(PolicyOutcome.AllowedWithWarnings, decision.Outcome);
    }

    [Fact]
    public void GroupNaming_Disabled_ShouldNotJudgeNames()
    {
        var decision = Decide("""{"imageDigest": {"mode": "block"}}""", PackageFixtures.CompliantWith("ModelPackageGroupName", "\"Credit_Risk\""));

        Assert.Equal(PolicyOutcome.Allowed, decision.Outcome);
    }
}
