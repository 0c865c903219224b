using System.Xml.Linq;
using Governance.Aws.Endpoints;
using Governance.Aws.Protocols;

namespace Governance.Aws.Sqs;

/// <summary>A message as a queue subscriber receives it.</summary>
public sealed record SqsMessage(string MessageId, string Body);

/// <summary>
/// The few SQS calls local provisioning and subscribers need (AWSSDK.SQS is not available): create a queue,
/// read its ARN, receive-and-delete. Query protocol on the project's signed core.
/// </summary>
public sealed class SqsQueues(AwsQueryChannel channel)
{
    public static readonly AwsService Service = new("SQS", "sqs", "sqs", AwsProtocol.Query, null, "2012-11-05");

    /// <summary>Creates the queue (or finds it, as SQS does for the same name) and returns its URL.</summary>
    public async Task<string> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var result = await channel.CallAsync("CreateQueue", [new("QueueName", name)], cancellationToken);
        return AwsQueryChannel.Child(result, "QueueUrl") ?? throw new InvalidOperationException($"CreateQueue {name} returned no QueueUrl");
    }

    public async Task<string> ArnAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var result = await channel.CallAsync("GetQueueAttributes", [new("QueueUrl", queueUrl), new("AttributeName.1", "QueueArn")], cancellationToken);
        return result.Elements().Where(e => e.Name.LocalName == "Attribute")
            .Where(attribute => AwsQueryChannel.Child(attribute, "Name") == "QueueArn")
            .Select(attribute => AwsQueryChannel.Child(attribute, "Value"))
            .FirstOrDefault() ?? throw new InvalidOperationException($"no QueueArn for {queueUrl}");
    }

    /// <summary>Receives every message waiting (up to <paramref name="maximum"/>) and deletes what it received.</summary>
    public Task<IReadOnlyList<SqsMessage>> DrainAsync(string queueUrl, int maximum, CancellationToken cancellationToken) =>
        ReceiveAsync(queueUrl, maximum, delete: true, cancellationToken);

    /// <summary>
    /// Reads every message waiting (up to <paramref name="maximum"/>) and leaves them in the queue: each is hidden
    /// while the others are read, then made visible again at once, so the next look sees them all.
    /// </summary>
    public Task<IReadOnlyList<SqsMessage>> PeekAsync(string queueUrl, int maximum, CancellationToken cancellationToken) =>
        ReceiveAsync(queueUrl, maximum, delete: false, cancellationToken);

    private async Task<IReadOnlyList<SqsMessage>> ReceiveAsync(string queueUrl, int maximum, bool delete, CancellationToken cancellationToken)
    {
        var messages = new List<SqsMessage>();
        var hidden = new List<string>();
        while (messages.Count < maximum)
        {
            var result = await channel.CallAsync("ReceiveMessage",
                [new("QueueUrl", queueUrl), new("MaxNumberOfMessages", "10"), new("WaitTimeSeconds", "0"), new("VisibilityTimeout", "30")], cancellationToken);
            var batch = result.Elements().Where(e => e.Name.LocalName == "Message").ToList();
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                messages.Add(new SqsMessage(Text(message, "MessageId"), Text(message, "Body")));
                if (!delete)
                {
                    hidden.Add(Text(message, "ReceiptHandle"));
                    continue;
                }

                await channel.CallAsync("DeleteMessage", [new("QueueUrl", queueUrl), new("ReceiptHandle", Text(message, "ReceiptHandle"))], cancellationToken);
            }
        }

        foreach (var receipt in hidden)
        {
            await channel.CallAsync("ChangeMessageVisibility", [new("QueueUrl", queueUrl), new("ReceiptHandle", receipt), new("VisibilityTimeout", "0")], cancellationToken);
        }

        return messages;
    }

    private static string Text(XElement element, string name) =>
        AwsQueryChannel.Child(element, name) ?? throw new InvalidOperationException($"SQS message without {name}");
}
