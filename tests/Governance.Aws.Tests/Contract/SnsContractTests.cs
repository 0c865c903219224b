using Governance.Aws.Sns;
using Governance.Testing;

namespace Governance.Aws.Tests.Contract;

/// <summary>SNS requests validated against the official SNS model (query protocol); responses from its output shapes.</summary>
public sealed class SnsContractTests
{
    private const string Topic = "arn:aws:sns:eu-west-1:123456789012:governance-events";

    private static readonly Dictionary<string, Func<ISnsClient, Task>> Calls = new(StringComparer.Ordinal)
    {
        ["Publish"] = c => c.PublishAsync(new SnsMessage(Topic, """{"default":"model blocked","sqs":"{}"}""")
        {
            Subject = "model.blocked",
            JsonStructure = true,
            Attributes = new Dictionary<string, SnsAttributeValue>
            {
                ["team"] = SnsAttributeValue.Text("risk"),
                ["version"] = SnsAttributeValue.Number(7),
                ["labels"] = SnsAttributeValue.List(["a", "b"]),
            },
        }, default),
        ["CreateTopic"] = c => c.CreateTopicAsync("governance-events", new Dictionary<string, string> { ["DisplayName"] = "Governance" }, default),
        ["Subscribe"] = c => c.SubscribeAsync(Topic, "sqs", "arn:aws:sqs:eu-west-1:123456789012:team-risk",
            new Dictionary<string, string> { ["FilterPolicy"] = """{"team":["risk"]}""", ["RawMessageDelivery"] = "true" }, default),
    };

    public static TheoryData<string> Operations() => [.. Calls.Keys];

    [SharedTheory]
    [MemberData(nameof(Operations))]
    public async Task Request_ShouldValidateAgainstServiceModel(string operation)
    {
        await using var server = new ContractServer("sns");

        await Calls[operation](ContractClients.For(server).Sns(ContractClients.Credentials));

        var request = Assert.Single(server.Server.Received);
        Assert.Equal(operation, server.OperationOf(request));
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Headers["Content-Type"]);
        Assert.Empty(server.Violations());
    }

    [SharedFact]
    public async Task Publish_ShouldSerialiseAttributesAsEntriesWithNameAndValue()
    {
        await using var server = new ContractServer("sns");

        await Calls["Publish"](ContractClients.For(server).Sns(ContractClients.Credentials));

        var form = QueryForm.Parse(Assert.Single(server.Server.Received).Body);
        Assert.Equal("labels", form["MessageAttributes.entry.1.Name"]);
        Assert.Equal("String.Array", form["MessageAttributes.entry.1.Value.DataType"]);
        Assert.Equal("""["a","b"]""", form["MessageAttributes.entry.1.Value.StringValue"]);
        Assert.Equal("json", form["MessageStructure"]);
    }

    [SharedFact]
    public async Task Responses_ShouldBeParsedFromOutputShapes()
    {
        await using var server = new ContractServer("sns");
        var sns = ContractClients.For(server).Sns(ContractClients.Credentials);

        Assert.Equal(SampleDocuments.Sample("MessageId"), await sns.PublishAsync(new SnsMessage(Topic, "m"), default));
        Assert.Equal(SampleDocuments.Sample("TopicArn"), await sns.CreateTopicAsync("t", null, default));
        Assert.Equal(SampleDocuments.Sample("SubscriptionArn"), await sns.SubscribeAsync(Topic, "sqs", "arn:aws:sqs:eu-west-1:123456789012:q", null, default));
    }
}
