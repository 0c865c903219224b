using System.Text;
using System.Text.Json.Nodes;
using Governance.Core.Events;
using Governance.Core.Events.Parsing;
using static Governance.Core.Tests.Support.EventFixtures;

namespace Governance.Core.Tests.Events;

/// <summary>Strict on what the service acts on: each rejection names the field and what is wrong.</summary>
public class EventParserRejectionTests
{
    [Fact]
    public void Parse_WhenModelPackageArnIsMissing_ShouldRejectNamingTheField()
    {
        var node = Node("model-package-approved-team.json");
        node["detail"]!.AsObject().Remove("ModelPackageArn");

        var rejected = Assert.IsType<RejectedEvent>(Parse(node));

        Assert.Equal("detail.ModelPackageArn is missing", rejected.Reason);
        Assert.Equal("6f1c2a9e-3b7d-4c1e-9a2f-0d4b8e7c5a11", rejected.EventId);
        Assert.Equal("aws.sagemaker", rejected.Source);
        Assert.Equal("SageMaker Model Package State Change", rejected.DetailType);
    }

    [Theory]
    [InlineData("not-an-arn", "is not an ARN")]
    [InlineData("arn:aws:s3:::bucket/key", "is not a SageMaker model package ARN (service is s3, expected sagemaker)")]
    [InlineData("arn:aws:sagemaker:eu-west-1:222233334444:model/churn", "resource must start with model-package/")]
    [InlineData("arn:aws:sagemaker:eu-west-1:2222:model-package/churn/3", "the account is not a 12-digit account id")]
    public void Parse_WhenModelPackageArnIsMalformed_ShouldRejectSayingWhy(string arn, string expected)
    {
        var node = Node("model-package-approved-team.json");
        node["detail"]!["ModelPackageArn"] = arn;

        var reason = Rejection(Parse(node));

        Assert.StartsWith($"detail.ModelPackageArn \"{arn}\"", reason, StringComparison.Ordinal);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenApprovalStatusIsUnknown_ShouldRejectListingTheAllowedValues()
    {
        var node = Node("model-package-approved-team.json");
        node["detail"]!["ModelApprovalStatus"] = "Maybe";

        Assert.Equal(
            "detail.ModelApprovalStatus \"Maybe\" is not one of Approved, Rejected, PendingManualApproval",
            Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenApprovalStatusIsMissing_ShouldReject()
    {
        var node = Node("model-package-approved-team.json");
        node["detail"]!.AsObject().Remove("ModelApprovalStatus");

        Assert.Equal("detail.ModelApprovalStatus is missing", Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenFieldHasTheWrongType_ShouldRejectNamingBothTypes()
    {
        var node = Node("pipeline-execution-failed.json");
        node["detail"]!["currentPipelineExecutionStatus"] = 3;

        Assert.Equal("detail.currentPipelineExecutionStatus is a number, expected a string", Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenCodePipelineStateIsUnknown_ShouldReject()
    {
        var node = Node("codepipeline-pipeline-float-version.json");
        node["detail"]!["state"] = "EXPLODED";

        Assert.StartsWith("detail.state \"EXPLODED\" is not one of STARTED, SUCCEEDED, FAILED", Rejection(Parse(node)), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenVersionIsAFraction_ShouldRejectAsNotAnInteger()
    {
        var node = Node("codepipeline-pipeline-float-version.json");
        node["detail"]!["version"] = 1.5;

        Assert.Equal("detail.version \"1.5\" is not an integer", Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenEventBridgeIdIsMissing_ShouldReject()
    {
        var node = Node("pipeline-execution-failed.json");
        node.Remove("id");

        Assert.Equal("id is missing", Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenDetailIsNotAnObject_ShouldReject()
    {
        var node = Node("pipeline-execution-failed.json");
        node["detail"] = "{}";

        Assert.Equal("detail is a string, expected an object", Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenConfigEventHasNoResourceAnywhere_ShouldRejectNamingResourceId()
    {
        var node = Node("config-compliance-corrupted-time.json");
        node["time"] = "2022-03-02T00:09:06Z";
        node["detail"]!.AsObject().Remove("resourceId");

        Assert.Equal("detail.resourceId is missing", Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenCloudTrailRecordLacksEventName_ShouldReject()
    {
        var node = Node("cloudtrail-record-create-endpoint.json");
        node.Remove("eventName");

        Assert.Equal("eventName is missing", Rejection(Parse(node)));
    }

    [Fact]
    public void Parse_WhenJsonIsInvalid_ShouldRejectNamingTheByte()
    {
        var reason = Rejection(EventParser.Parse("{\n  \"id\": 01,\n}"u8.ToArray()));

        Assert.StartsWith("not valid JSON at byte 11 (line 2):", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenUtf8IsInvalid_ShouldRejectNamingTheByte()
    {
        byte[] bytes = [.. "{\"id\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal("not valid UTF-8 at byte 7", Rejection(EventParser.Parse(bytes)));
    }

    [Fact]
    public void Parse_WhenNestingIsTooDeep_ShouldRejectMentioningTheDepth()
    {
        var json = new string('[', EventParser.MaxDepth + 1) + new string(']', EventParser.MaxDepth + 1);

        var reason = Rejection(EventParser.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("depth of 64", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenDeepNestingIsInsideAnAcceptedEvent_ShouldStillReject()
    {
        var node = Node("cloudtrail-record-create-endpoint.json");
        JsonNode nested = "leaf";
        for (var i = 0; i < 80; i++)
        {
            nested = new JsonArray(nested);
        }

        node["requestParameters"] = nested;

        Assert.StartsWith("not valid JSON at byte", Rejection(EventParser.Parse(Encoding.UTF8.GetBytes(node.ToJsonString(new() { MaxDepth = 200 })))), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenStringHasAnUnpairedSurrogateEscape_ShouldRejectNamingTheField()
    {
        var json = Encoding.UTF8.GetString(Bytes("pipeline-execution-failed.json"))
            .Replace("\"Failed\"", "\"Fa\\ud800iled\"", StringComparison.Ordinal);

        var reason = Rejection(EventParser.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal("detail.currentPipelineExecutionStatus is not valid text (an escaped UTF-16 surrogate is unpaired)", reason);
    }

    [Fact]
    public void Parse_WhenPropertyNameHasAnUnpairedSurrogateEscape_ShouldReject()
    {
        var reason = Rejection(EventParser.Parse("{\"\\udc00x\": 1, \"detail-type\": \"x\"}"u8.ToArray()));

        Assert.Contains("not valid text", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the input is empty")]
    [InlineData("   \n", "the input is empty")]
    [InlineData("[]", "the top-level value is an array, expected an object")]
    [InlineData("\"event\"", "the top-level value is a string, expected an object")]
    [InlineData("{}", "not an event: expected an EventBridge event (detail-type)")]
    public void Parse_WhenInputIsNotAnEvent_ShouldRejectSayingWhy(string json, string expected)
    {
        Assert.StartsWith(expected, Rejection(EventParser.Parse(Encoding.UTF8.GetBytes(json))), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenValueInReasonIsHuge_ShouldTruncateIt()
    {
        var node = Node("model-package-approved-team.json");
        node["detail"]!["ModelApprovalStatus"] = new string('x', 100_000);

        var reason = Rejection(Parse(node));

        Assert.True(reason.Length < 300, reason);
        Assert.Contains("100000 characters", reason, StringComparison.Ordinal);
    }
}
