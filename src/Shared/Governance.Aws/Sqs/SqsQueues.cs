using Amazon.SQS;
using Amazon.SQS.Model;

namespace Governance.Aws.Sqs;

/// <summary>A message as a queue subscriber receives it.</summary>
public sealed record SqsMessage(string MessageId, string Body);

/// <summary>
/// The few SQS calls local provisioning and subscribers need, on the official client from the one client factory
/// (<see cref="AwsSdkClients.Sqs"/>): create a queue, read its ARN, receive with or without consuming.
/// </summary>
public sealed class SqsQueues(IAmazonSQS sqs)
{
    private const int BatchSize = 10;

    /// <summary>Creates the queue (or finds it, as SQS does for the same name) and returns its URL.</summary>
    public async Task<string> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name }, cancellationToken).ConfigureAwait(false);
        return created.QueueUrl ?? throw new InvalidOperationException($"CreateQueue {name} returned no QueueUrl");
    }

    public async Task<string> ArnAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false);
        return attributes.QueueARN ?? throw new InvalidOperationException($"no QueueArn for {queueUrl}");
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
            var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Min(BatchSize, maximum - messages.Count),
                WaitTimeSeconds = 0,
                VisibilityTimeout = 30,
            }, cancellationToken).ConfigureAwait(false);
            if (batch.Messages is not { Count: > 0 } received)
            {
                break;
            }

            foreach (var message in received)
            {
                messages.Add(new SqsMessage(message.MessageId, message.Body));
                if (delete)
                {
                    await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    hidden.Add(message.ReceiptHandle);
                }
            }
        }

        foreach (var receipt in hidden)
        {
            await sqs.ChangeMessageVisibilityAsync(queueUrl, receipt, 0, cancellationToken).ConfigureAwait(false);
        }

        return messages;
    }
}
