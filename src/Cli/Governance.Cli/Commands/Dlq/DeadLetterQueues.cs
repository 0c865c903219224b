using Amazon.SQS;
using Amazon.SQS.Model;

namespace Governance.Cli.Commands.Dlq;

/// <summary>
/// The stack's dead-letter queues on SQS: found by name (CloudFormation names them
/// <c>{stack}-{LogicalId}-{suffix}</c>, every logical id ending in DeadLetterQueue), read without consuming (each
/// message received is made visible again at once), and deleted one by one once handled.
/// </summary>
public sealed class DeadLetterQueues(IAmazonSQS sqs)
{
    private static readonly TimeSpan ReadVisibility = TimeSpan.FromSeconds(60);

    /// <summary>The queue URLs: the named ones (a name or a URL), else every dead-letter queue of the stack.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(string stack, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (names.Count > 0)
        {
            var urls = new List<string>();
            foreach (var name in names)
            {
                urls.Add(name.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                    ? name
                    : (await sqs.GetQueueUrlAsync(name, cancellationToken)).QueueUrl);
            }

            return urls;
        }

        var found = new List<string>();
        string? next = null;
        do
        {
            var page = await sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = stack + "-", NextToken = next, MaxResults = 1000 }, cancellationToken);
            found.AddRange((page.QueueUrls ?? []).Where(url => NameOf(url).Contains("DeadLetterQueue", StringComparison.Ordinal)));
            next = page.NextToken;
        }
        while (next is not null);

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    public static string NameOf(string queueUrl) => queueUrl[(queueUrl.TrimEnd('/').LastIndexOf('/') + 1)..];

    /// <summary>
    /// Every message waiting in the queue, each held invisible for a minute while it is read and handled; call
    /// <see cref="ReleaseAsync"/> for those left in the queue.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> ReadAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 0,
                VisibilityTimeout = (int)ReadVisibility.TotalSeconds,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["SentTimestamp"],
            }, cancellationToken);
            var fresh = (batch.Messages ?? []).Where(message => seen.Add(message.MessageId)).ToList();
            if (fresh.Count == 0)
            {
                return letters;
            }

            letters.AddRange(fresh.Select(message => DeadLetter.Read(
                NameOf(queueUrl),
                message.MessageId,
                message.ReceiptHandle,
                message.Body,
                (message.MessageAttributes ?? []).Where(pair => pair.Value.StringValue is not null).ToDictionary(pair => pair.Key, pair => pair.Value.StringValue),
                SentAt(message))));
        }
    }

    /// <summary>Makes messages read but not handled visible again at once.</summary>
    public async Task ReleaseAsync(string queueUrl, IEnumerable<DeadLetter> letters, CancellationToken cancellationToken)
    {
        foreach (var letter in letters)
        {
            await sqs.ChangeMessageVisibilityAsync(queueUrl, letter.ReceiptHandle, 0, cancellationToken);
        }
    }

    public Task DeleteAsync(string queueUrl, DeadLetter letter, CancellationToken cancellationToken) =>
        sqs.DeleteMessageAsync(queueUrl, letter.ReceiptHandle, cancellationToken);

    private static DateTimeOffset? SentAt(Message message) =>
        message.Attributes is { } attributes && attributes.TryGetValue("SentTimestamp", out var sent) && long.TryParse(sent, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
