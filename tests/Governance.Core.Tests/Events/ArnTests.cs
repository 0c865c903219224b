using Governance.Core.Events;

namespace Governance.Core.Tests.Events;

public class ArnTests
{
    [Fact]
    public void TryParse_WhenArnIsWellFormed_ShouldSplitItsParts()
    {
        Assert.True(Arn.TryParse("arn:aws:sagemaker:us-east-2:123456789012:model-package/group/2", out var arn));

        Assert.Equal(new Arn("aws", "sagemaker", "us-east-2", "123456789012", "model-package/group/2"), arn);
        Assert.Equal("model-package", arn.ResourceType);
        Assert.True(arn.HasAccountId);
        Assert.Equal("arn:aws:sagemaker:us-east-2:123456789012:model-package/group/2", arn.ToString());
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket/key", "s3", "", "")]
    [InlineData("arn:aws:iam::aws:policy/ReadOnlyAccess", "iam", "", "aws")]
    [InlineData("arn:aws-us-gov:codepipeline:us-gov-west-1:123456789012:pipeline:myPipeline", "codepipeline", "us-gov-west-1", "123456789012")]
    public void TryParse_WhenRegionOrAccountIsEmptyOrResourceHasColons_ShouldAccept(string text, string service, string region, string account)
    {
        Assert.True(Arn.TryParse(text, out var arn));
        Assert.Equal(service, arn.Service);
        Assert.Equal(region, arn.Region);
        Assert.Equal(account, arn.Account);
        Assert.Equal(text, arn.ToString());
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("arn:aws:sagemaker", "six parts")]
    [InlineData("urn:aws:s3:::b", "does not start with \"arn:\"")]
    [InlineData("arn:gcp:s3:::b", "partition")]
    [InlineData("arn:aws:S3:::b", "service")]
    [InlineData("arn:aws:s3:US-EAST-1::b", "region")]
    [InlineData("arn:aws:s3::12345:b", "account")]
    [InlineData("arn:aws:s3:::", "resource")]
    [InlineData("arn:aws:s3:::a b", "resource")]
    public void TryParse_WhenArnIsMalformed_ShouldSayWhichPart(string text, string expected)
    {
        Assert.False(Arn.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
