using System.Text.Json;
using Governance.Aws.Sns;
using Governance.Aws.Sqs;
using Governance.Testing;

namespace Governance.Aws.Tests.Sns;

/// <summary>SNS publish delivered to an SQS subscriber through a filter policy, on moto_server.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class SnsMotoTests(MotoServer moto) : IDisposable
{
    private readonly ISnsClient _sns = MotoContext.For(moto).Sns(MotoContext.DefaultAccount);
    private readonly Amazon.SQS.IAmazonSQS _sqs = MotoContext.Sdk(moto).Sqs(MotoContext.SdkCredentials);

    private SqsQueues Queues => new(_sqs);

    public void Dispose() => _sqs.Dispose();

    private async Task<(string Topic, Subscriber Queue)> TopicWithFilteredSubscriberAsync(bool raw)
    {
        var topic = await _sns.CreateTopicAsync(MotoServer.UniqueName("governance"), null, CancellationToken.None);
        var url = await Queues.CreateAsync(MotoServer.UniqueName("team-risk"), CancellationToken.None);
        var queue = new Subscriber(Queues, url, await Queues.ArnAsync(url, CancellationToken.None));
        await _sns.SubscribeAsync(topic, "sqs", queue.Arn, new Dictionary<string, string>
        {
            ["FilterPolicy"] = """{"team":["risk"],"severity":["high","critical"]}""",
            ["RawMessageDelivery"] = raw ? "true" : "false",
        }, CancellationToken.None);
        return (topic, queue);
    }

    private static SnsMessage Message(string topic, string body, string team, string severity) => new(topic, body)
    {
        Subject = "model.blocked",
        Attributes = new Dictionary<string, SnsAttributeValue>
        {
            ["team"] = SnsAttributeValue.Text(team),
            ["severity"] = SnsAttributeValue.Text(severity),
            ["event_type"] = SnsAttributeValue.Text("model.blocked"),
            ["version"] = SnsAttributeValue.Number(7),
        },
    };

    [Fact]
    public async Task Publish_WhenAttributesMatchFilterPolicy_ShouldDeliverWithAttributes()
    {
        var (topic, queue) = await TopicWithFilteredSubscriberAsync(raw: false);

        var messageId = await _sns.PublishAsync(Message(topic, """{"model":"churn/7"}""", "risk", "high"), CancellationToken.None);

        var body = Assert.Single(await queue.DrainAsync());
        using var envelope = JsonDocument.Parse(body);
        Assert.Equal(messageId, envelope.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal("""{"model":"churn/7"}""", envelope.RootElement.GetProperty("Message").GetString());
        Assert.Equal("model.blocked", envelope.RootElement.GetProperty("Subject").GetString());
        var attributes = envelope.RootElement.GetProperty("MessageAttributes");
        Assert.Equal("risk", attributes.GetProperty("team").GetProperty("Value").GetString());
        Assert.Equal("Number", attributes.GetProperty("version").GetProperty("Type").GetString());
    }

    [Fact]
    public async Task Publish_WhenAttributesDoNotMatchFilterPolicy_ShouldNotDeliver()
    {
        var (topic, queue) = await TopicWithFilteredSubscriberAsync(raw: true);

        await _sns.PublishAsync(Message(topic, "other team", "fraud", "high"), CancellationToken.None);
        await _sns.PublishAsync(Message(topic, "low severity", "risk", "low"), CancellationToken.None);
        await _sns.PublishAsync(Message(topic, "for risk", "risk", "critical"), CancellationToken.None);

        Assert.Equal(["for risk"], await queue.DrainAsync());
    }

    [Fact]
    public async Task Publish_WithJsonStructure_ShouldDeliverTheSqsSpecificMessage()
    {
        var (topic, queue) = await TopicWithFilteredSubscriberAsync(raw: true);

        await _sns.PublishAsync(Message(topic, """{"default":"short text","sqs":"{\"model\":\"churn/7\"}"}""", "risk", "high") with { JsonStructure = true },
            CancellationToken.None);

        Assert.Equal(["""{"model":"churn/7"}"""], await queue.DrainAsync());
    }

    private sealed record Subscriber(SqsQueues Queues, string Url, string Arn)
    {
        public async Task<IReadOnlyList<string>> DrainAsync() =>
            [.. (await Queues.DrainAsync(Url, 10, CancellationToken.None)).Select(message => message.Body)];
    }
}
