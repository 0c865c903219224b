using Governance.Aws.Endpoints;
using Governance.Aws.Protocols;
using Governance.Testing;

namespace Governance.Aws.Tests.Sns;

/// <summary>A subscriber queue on moto, driven through the project's own signed query channel (no SQS SDK here).</summary>
internal sealed class SqsTestQueue
{
    private static readonly AwsService Sqs = new("SQS", "sqs", "sqs", AwsProtocol.Query, null, "2012-11-05");

    private readonly AwsQueryChannel _channel;

    private SqsTestQueue(AwsQueryChannel channel, string url, string arn)
    {
        _channel = channel;
        Url = url;
        Arn = arn;
    }

    public string Url { get; }

    public string Arn { get; }

    public static async Task<SqsTestQueue> CreateAsync(MotoServer moto, string name)
    {
        var channel = MotoContext.For(moto).QueryChannel(Sqs, MotoContext.DefaultAccount);
        var result = await channel.CallAsync("CreateQueue", [new("QueueName", name)], CancellationToken.None);
        var url = AwsQueryChannel.Child(result, "QueueUrl")!;
        return new SqsTestQueue(channel, url, $"arn:aws:sqs:{MotoServer.Region}:{MotoServer.DefaultAccountId}:{name}");
    }

    /// <summary>Bodies of the messages waiting in the queue (received and deleted).</summary>
    public async Task<IReadOnlyList<string>> DrainAsync()
    {
        var bodies = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            var result = await _channel.CallAsync("ReceiveMessage",
                [new("QueueUrl", Url), new("MaxNumberOfMessages", "10"), new("WaitTimeSeconds", "0"), new("MessageAttributeName.1", "All")],
                CancellationToken.None);
            var messages = result.Elements().Where(e => e.Name.LocalName == "Message").ToList();
            foreach (var message in messages)
            {
                bodies.Add(AwsQueryChannel.Child(message, "Body")!);
                await _channel.CallAsync("DeleteMessage",
                    [new("QueueUrl", Url), new("ReceiptHandle", AwsQueryChannel.Child(message, "ReceiptHandle")!)], CancellationToken.None);
            }

            if (messages.Count == 0 && round > 0)
            {
                break;
            }
        }

        return bodies;
    }
}
