using System.Text.Json;
using Governance.Aws.SageMaker;
using Governance.Core.Registry;
using Governance.Local.Lambda;
using Governance.Testing;
using Governance.Testing.Registry;
using ModelPackage = Governance.Core.Registry.ModelPackage;

namespace Governance.Aws.Tests.SageMaker;

public class ModelPackageReaderTests
{
    [Fact]
    public void Read_FullDescription_ShouldExposeIdentityAccountAndRegion()
    {
        var package = PackageFixtures.Compliant();

        Assert.Equal("credit-risk-scoring", package.GroupName);
        Assert.Equal(3, package.Version);
        Assert.Equal("111122223333", package.Account);
        Assert.Equal("eu-west-1", package.Region);
        Assert.Equal(ModelPackage.Approved, package.ApprovalStatus);
        Assert.Equal("Validated by team lead", package.ApprovalDescription);
        Assert.Equal("credit-risk-scoring v3", package.DisplayName);
        Assert.Equal(new DateTimeOffset(2024, 6, 10, 9, 39, 5, 123, TimeSpan.Zero), package.CreationTime);
        Assert.Equal(new DateTimeOffset(2024, 6, 10, 9, 41, 12, TimeSpan.Zero).AddTicks(8938547), package.LastModifiedTime);
    }

    [Fact]
    public void Read_FullDescription_ShouldExposeImageWithEcrRegistryAndDigest()
    {
        var image = Assert.Single(PackageFixtures.Compliant().Images);

        Assert.Equal("111122223333.dkr.ecr.eu-west-1.amazonaws.com", image.Registry);
        Assert.Equal("ml/credit-risk-xgboost", image.Repository);
        Assert.Equal("1.7-1", image.Tag);
        Assert.Equal("sha256:4dc8a7e4a010a19bb9e0a6b063f355393f6e623603361bd8b105f554d4f0c004", image.Digest);
        Assert.Equal("111122223333", image.EcrAccount);
        Assert.Equal("eu-west-1", image.EcrRegion);
        Assert.Equal("$.InferenceSpecification.Containers[0].Image", image.JsonPath);
        Assert.Equal(
            "111122223333.dkr.ecr.eu-west-1.amazonaws.com/ml/credit-risk-xgboost@sha256:4dc8a7e4a010a19bb9e0a6b063f355393f6e623603361bd8b105f554d4f0c004",
            image.PinnedUri);
    }

    [Fact]
    public void Read_FullDescription_ShouldListEveryArtifactWithItsRoleAndPath()
    {
        var artifacts = PackageFixtures.Compliant().Artifacts;

        Assert.Equal(
            [
                "ModelData $.InferenceSpecification.Containers[0].ModelDataUrl",
                "ModelMetrics $.ModelMetrics.ModelQuality.Statistics.S3Uri",
                "ModelMetrics $.ModelMetrics.Bias.PreTrainingReport.S3Uri",
                "ModelMetrics $.ModelMetrics.Bias.PostTrainingReport.S3Uri",
                "ModelMetrics $.ModelMetrics.Explainability.Report.S3Uri",
                "DriftCheckBaseline $.DriftCheckBaselines.ModelDataQuality.Statistics.S3Uri",
                "DriftCheckBaseline $.DriftCheckBaselines.ModelDataQuality.Constraints.S3Uri",
            ],
            artifacts.Select(artifact => artifact.Role + " " + artifact.JsonPath));
        Assert.All(artifacts, artifact => Assert.Equal("acme-ml-artifacts-111122223333", artifact.Location?.Bucket));
        var quality = artifacts[1];
        Assert.Equal(MetricSection.ModelQuality, quality.Section);
        Assert.Equal("Statistics", quality.ReportName);
        Assert.Equal("application/json", quality.ContentType);
        Assert.Equal("sha256:1111111111111111111111111111111111111111111111111111111111111111", quality.ContentDigest);
        Assert.Equal("model quality statistics", quality.Description);
        Assert.Equal("credit-risk-scoring/train-2024-06/evaluation/evaluation.json", quality.Location?.Key);
    }

    [Fact]
    public void Read_FullDescription_ShouldExposeMetricSectionsMetadataAndPeople()
    {
        var package = PackageFixtures.Compliant();

        Assert.Equal([MetricSection.ModelQuality, MetricSection.Bias, MetricSection.Explainability], package.MetricSections);
        Assert.Equal("high", package.CustomerMetadata["risk-tier"]);
        Assert.Equal(3, package.CustomerMetadata.Count);
        Assert.Equal("9f2c1e7", package.Metadata.CommitId);
        Assert.Equal("p-idy6c3e1fiqj", package.Metadata.ProjectId);
        Assert.Equal("arn:aws:sagemaker:eu-west-1:111122223333:model/credit-risk-scoring-3", package.SourceUri);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/ml-pipeline-role/SageMaker", package.CreatedBy?.DisplayName);
        Assert.Equal("jane-doe", package.LastModifiedBy?.UserProfileName);
        Assert.Equal("credit-risk", package.Tag("team"));
        Assert.Null(package.Tag("Team"));
    }

    [Fact]
    public void Read_FullDescription_ShouldTypeTheInferenceSpecification()
    {
        var inference = PackageFixtures.Compliant().Specification.Inference;

        Assert.NotNull(inference);
        Assert.Equal(["text/csv"], inference.SupportedContentTypes);
        var container = Assert.Single(inference.Containers);
        Assert.Equal("sha256:4dc8a7e4a010a19bb9e0a6b063f355393f6e623603361bd8b105f554d4f0c004", container.ImageDigest);
    }

    [Fact]
    public void Read_SparseDescription_ShouldFallBackToArnAndTolerateAbsentMembers()
    {
        var package = PackageFixtures.Minimal();

        Assert.Equal("churn-model", package.GroupName);
        Assert.Equal(7, package.Version);
        Assert.Null(package.ApprovalStatus);
        Assert.Null(package.CreatedBy);
        Assert.Null(package.CreationTime);
        Assert.Empty(package.MetricSections);
        Assert.Equal(PackageMetadata.None, package.Metadata);
        Assert.Equal("retention", package.Tag("team"));
        Assert.Equal(string.Empty, package.CustomerMetadata["owner"]);
    }

    [Fact]
    public void Read_ImageWithoutImageDigest_ShouldTakeTheDigestFromTheUriOrHaveNone()
    {
        var images = PackageFixtures.Minimal().Images;

        Assert.Equal("docker.io", images[0].Registry);
        Assert.Equal("someone/churn", images[0].Repository);
        Assert.Null(images[0].Tag);
        Assert.Equal("sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", images[0].Digest);
        Assert.Null(images[0].EcrAccount);
        Assert.Equal("docker.io", images[1].Registry);
        Assert.Equal("python", images[1].Repository);
        Assert.Equal("3.11", images[1].Tag);
        Assert.Null(images[1].Digest);
        Assert.Null(images[1].PinnedUri);
    }

    [Fact]
    public void Read_HttpsAndModelDataSourceUris_ShouldResolveTheirBuckets()
    {
        var artifacts = PackageFixtures.Minimal().Artifacts;

        Assert.Equal(2, artifacts.Count);
        Assert.Equal(new S3Location("scratch-bucket", "churn/model.tar.gz"), artifacts[0].Location);
        Assert.Equal(new S3Location("other-bucket", "churn/weights/"), artifacts[1].Location);
        Assert.Equal("$.InferenceSpecification.Containers[1].ModelDataSource.S3DataSource.S3Uri", artifacts[1].JsonPath);
    }

    [Fact]
    public void Read_ExplicitTags_ShouldWinOverTagsInTheDocument()
    {
        using var document = JsonDocument.Parse(
            """{"ModelPackageArn":"arn:aws:sagemaker:us-east-1:123456789012:model-package/g/1","Tags":{"team":"old","env":"dev"}}""");

        var package = ModelPackageReader.Read(document.RootElement, new Dictionary<string, string> { ["team"] = "new" });

        Assert.Equal("new", package.Tag("team"));
        Assert.Equal("dev", package.Tag("env"));
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "has no ModelPackageArn")]
    [InlineData("""{"ModelPackageArn":"arn:aws:s3:::bucket"}""", "'arn:aws:s3:::bucket' is not a SageMaker model package ARN")]
    public void Read_WithoutUsableArn_ShouldFailWithAClearMessage(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<ModelPackageFormatException>(() => ModelPackageReader.Read(document.RootElement));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://bucket/a/b.tar.gz", "bucket", "a/b.tar.gz")]
    [InlineData("s3://bucket", "bucket", "")]
    [InlineData("https://my.bucket.s3.amazonaws.com/k", "my.bucket", "k")]
    [InlineData("https://bucket.s3-eu-west-1.amazonaws.com/k%20x", "bucket", "k x")]
    [InlineData("https://s3.us-east-1.amazonaws.com/bucket/key/part", "bucket", "key/part")]
    public void S3Location_KnownForms_ShouldParse(string uri, string bucket, string key)
    {
        Assert.Equal(new S3Location(bucket, key), S3Location.ParseOrNull(uri));
    }

    [Theory]
    [InlineData("s3:///key")]
    [InlineData("https://example.com/bucket/key")]
    [InlineData("http://bucket.s3.amazonaws.com/key")]
    [InlineData("")]
    public void S3Location_OtherText_ShouldNotParse(string uri)
    {
        Assert.Null(S3Location.ParseOrNull(uri));
    }

    [Theory]
    [InlineData("arn:aws:sagemaker:us-east-2:123456789012:model-package/versionedmp-p-idy6c3e1fiqj/2", "versionedmp-p-idy6c3e1fiqj", 2)]
    [InlineData("arn:aws-cn:sagemaker:cn-north-1:123456789012:model-package/unversioned", "unversioned", null)]
    public void ModelPackageArn_ValidArns_ShouldParse(string value, string name, int? version)
    {
        Assert.True(ModelPackageArn.TryParse(value, out var arn));
        Assert.Equal(name, arn!.Name);
        Assert.Equal(version, arn.Version);
    }

    [Theory]
    [InlineData("arn:aws:sagemaker:us-east-2:123456789012:model-package-group/g")]
    [InlineData("arn:aws:sagemaker:us-east-2:123456789012:model-package/g/x")]
    [InlineData("arn:aws:sagemaker:us-east-2:123456789012:model-package/g/1/2")]
    public void ModelPackageArn_OtherArns_ShouldNotParse(string value)
    {
        Assert.False(ModelPackageArn.TryParse(value, out _));
    }

    [SharedFact]
    public void Read_AwsDocsEventDetail_ShouldReadTheSamePackageShape()
    {
        using var document = JsonDocument.Parse(
            File.ReadAllText(Governance.Local.Lambda.SharedFolder.Combine("events", "sagemaker-model-package-state-change", "docs-rejected-versionedmp.json")));

        var package = ModelPackageReader.Read(document.RootElement.GetProperty("detail"));

        Assert.Equal("versionedmp-p-idy6c3e1fiqj", package.GroupName);
        Assert.Equal(2, package.Version);
        Assert.Equal(ModelPackage.Rejected, package.ApprovalStatus);
        Assert.Equal("257758044811", Assert.Single(package.Images).EcrAccount);
        Assert.Equal([ArtifactRole.ModelData, ArtifactRole.ModelMetrics], package.Artifacts.Select(artifact => artifact.Role));
        Assert.All(package.Artifacts, artifact => Assert.Equal("sagemaker-project-p-idy6c3e1fiqj", artifact.Location?.Bucket));
    }
}
