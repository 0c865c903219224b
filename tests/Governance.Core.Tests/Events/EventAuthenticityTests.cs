using System.Text.Json.Nodes;
using Governance.Core.Events;
using static Governance.Core.Tests.Support.EventFixtures;

namespace Governance.Core.Tests.Events;

/// <summary>
/// Events AWS could not have sent are refused: a CloudTrail call whose source is not its service's, or whose
/// accounts disagree where AWS always writes the same one. Every real sample still parses (SampleEventTests).
/// </summary>
public class EventAuthenticityTests
{
    private const string Fixture = "cloudtrail-eventbridge-update-model-package.json";

    [Theory]
    [InlineData("my.app")]
    [InlineData("aws.s3")]
    [InlineData("sagemaker.amazonaws.com")]
    public void Parse_WhenCloudTrailCallHasAnotherSource_ShouldRejectNamingTheExpectedSource(string source)
    {
        var node = Node(Fixture);
        node["source"] = source;

        var reason = Rejection(Parse(node));

        Assert.Contains($"source \"{source}\"", reason, StringComparison.Ordinal);
        Assert.Contains("sagemaker.amazonaws.com", reason, StringComparison.Ordinal);
        Assert.Contains("aws.sagemaker", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenCloudTrailCallSourceIsAnArrayOfTheRightSource_ShouldParse()
    {
        var node = Node(Fixture);
        node["source"] = new JsonArray("aws.sagemaker");

        Assert.IsType<CloudTrailApiCall>(Parsed(Parse(node)).Detail);
    }

    [Fact]
    public void Parse_WhenRecipientAccountDisagreesWithTheEnvelope_ShouldRejectNamingBoth()
    {
        var node = Node(Fixture);
        node["detail"]!["recipientAccountId"] = "999988887777";

        var reason = Rejection(Parse(node));

        Assert.Contains("detail.recipientAccountId 999988887777", reason, StringComparison.Ordinal);
        Assert.Contains("555566667777", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("endpointArn", "arn:aws:sagemaker:us-east-1:999988887777:endpoint/churn-prod")]
    [InlineData("endpointConfigArn", "arn:aws:sagemaker:us-east-1:999988887777:endpoint-config/churn-prod-1")]
    [InlineData("modelArn", "arn:aws:sagemaker:us-east-1:999988887777:model/churn-3")]
    [InlineData("notebookInstanceArn", "arn:aws:sagemaker:us-east-1:999988887777:notebook-instance/lab")]
    public void Parse_WhenCreatedResourceIsInAnotherAccount_ShouldRejectNamingTheArn(string member, string arn)
    {
        var node = Node(Fixture);
        node["detail"]!["responseElements"] = new JsonObject { [member] = arn };

        var reason = Rejection(Parse(node));

        Assert.Contains($"detail.responseElements.{member}", reason, StringComparison.Ordinal);
        Assert.Contains("999988887777", reason, StringComparison.Ordinal);
        Assert.Contains("555566667777", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenRecipientAccountIsAbsent_ShouldStillCheckCreatedResourcesAgainstTheEnvelope()
    {
        var node = Node(Fixture);
        node["detail"]!.AsObject().Remove("recipientAccountId");
        node["detail"]!["responseElements"] = new JsonObject { ["endpointArn"] = "arn:aws:sagemaker:us-east-1:999988887777:endpoint/churn-prod" };

        Assert.Contains("detail.responseElements.endpointArn", Rejection(Parse(node)), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenCreatedResourceIsInTheEnvelopeAccount_ShouldParse()
    {
        var node = Node(Fixture);
        node["detail"]!["responseElements"] = new JsonObject { ["endpointArn"] = "arn:aws:sagemaker:us-east-1:555566667777:endpoint/churn-prod" };

        Assert.IsType<CloudTrailApiCall>(Parsed(Parse(node)).Detail);
    }

    [Fact]
    public void Parse_WhenAnotherAccountsSharedPackageIsUpdated_ShouldParse()
    {
        // Model package groups can be shared: a caller's own CloudTrail records its call on another account's package.
        var node = Node(Fixture);
        node["detail"]!["requestParameters"]!["modelPackageArn"] = "arn:aws:sagemaker:us-east-1:999988887777:model-package/fraud-detector/12";

        Assert.IsType<CloudTrailApiCall>(Parsed(Parse(node)).Detail);
    }

    [Fact]
    public void Parse_WhenModelPackageIsInAnotherAccountThanTheEnvelope_ShouldReject()
    {
        var node = Node("model-package-approved-team.json");
        node["account"] = "999988887777";

        var reason = Rejection(Parse(node));

        Assert.Contains("detail.ModelPackageArn", reason, StringComparison.Ordinal);
        Assert.Contains("222233334444", reason, StringComparison.Ordinal);
        Assert.Contains("999988887777", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenEnvelopeAccountIsNotAnAccountId_ShouldNotCompareIt()
    {
        // The current SageMaker docs print a redacted account; nothing trustworthy to compare with.
        var node = Node("model-package-approved-team.json");
        node["account"] = "[REDACTED:BANK_ACCOUNT_NUMBER]";

        Assert.IsType<ModelPackageStateChange>(Parsed(Parse(node)).Detail);
    }

    [Fact]
    public void Parse_WhenRawCloudTrailRecordIsReplayed_ShouldTakeItsSourceFromTheEventSource()
    {
        var parsed = Parsed(Parse("cloudtrail-record-create-endpoint.json"));

        Assert.Equal("aws.sagemaker", parsed.Envelope.Source);
    }
}
