using Governance.Aws.Endpoints;

namespace Governance.Aws.Tests.Endpoints;

public sealed class EndpointResolverTests
{
    private static EndpointResolver With(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new EndpointResolver(name => map.GetValueOrDefault(name));
    }

    [Theory]
    [InlineData("us-east-1", "https://api.sagemaker.us-east-1.amazonaws.com/")]
    [InlineData("eu-west-2", "https://api.sagemaker.eu-west-2.amazonaws.com/")]
    [InlineData("cn-north-1", "https://api.sagemaker.cn-north-1.amazonaws.com.cn/")]
    [InlineData("us-gov-west-1", "https://api.sagemaker.us-gov-west-1.amazonaws.com/")]
    public void Resolve_WithoutOverrides_ShouldUseRegionalEndpointOfPartition(string region, string expected) =>
        Assert.Equal(expected, With().Resolve(AwsService.SageMaker, region).ToString());

    [Theory]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    [InlineData("ap-southeast-2", "aws")]
    public void Partition_ShouldFollowRegionPrefix(string region, string partition) =>
        Assert.Equal(partition, EndpointResolver.Partition(region));

    [Fact]
    public void Resolve_WhenServiceVariableSet_ShouldPreferItOverGlobal()
    {
        var resolver = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), ("AWS_ENDPOINT_URL_CODEPIPELINE", "http://127.0.0.1:6000"));

        Assert.Equal("http://127.0.0.1:6000/", resolver.Resolve(AwsService.CodePipeline, "us-east-1").ToString());
        Assert.Equal("http://127.0.0.1:5000/", resolver.Resolve(AwsService.Sns, "us-east-1").ToString());
    }

    [Fact]
    public void Resolve_WhenConfiguredEndpointsIgnored_ShouldUseRegional()
    {
        var resolver = With(("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        Assert.Equal("https://sns.us-west-2.amazonaws.com/", resolver.Resolve(AwsService.Sns, "us-west-2").ToString());
    }

    [Fact]
    public void EnvironmentKey_ShouldUpperCaseServiceIdAndReplaceSpaces() =>
        Assert.Equal("SAGEMAKER", AwsService.SageMaker.EnvironmentKey);

    [Theory]
    [InlineData("US-EAST-1")]
    [InlineData("us-east-1.evil.com/")]
    [InlineData("")]
    public void Regional_WhenRegionMalformed_ShouldThrow(string region) =>
        Assert.ThrowsAny<ArgumentException>(() => EndpointResolver.Regional("sns", region));
}
