using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Aws.Protocols;
using Governance.Aws.Validation;

namespace Governance.Aws.Sns;

/// <summary>SNS over the query protocol, with the documented limits checked before sending.</summary>
public sealed partial class SnsClient(AwsQueryChannel channel) : ISnsClient
{
    /// <summary>SNS's limit on message body plus attributes.</summary>
    public const int MaxMessageBytes = 262_144;

    public const int MaxAttributes = 10;

    private static readonly string[] Protocols = ["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"];

    private readonly AwsQueryChannel _channel = channel ?? throw new ArgumentNullException(nameof(channel));

    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$")]
    private static partial Regex TopicArn();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}(\.fifo)?$")]
    private static partial Regex TopicName();

    [GeneratedRegex(@"^(?!(?i:aws\.|amazon\.))(?!\.)(?!.*\.\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$")]
    private static partial Regex AttributeName();

    [GeneratedRegex(@"^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$")]
    private static partial Regex DataType();

    public async Task<string> PublishAsync(SnsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var check = new Check("SNS", "Publish");
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("TopicArn", check.Text(message.TopicArn, "TopicArn", 1, 1024, TopicArn())),
            new("Message", check.Required(message.Message, "Message")),
        };

        if (message.Subject is not null)
        {
            check.Length(message.Subject, "Subject", 1, 100);
            if (message.Subject.Any(c => c is < ' ' or > '~'))
            {
                throw check.Fail("Subject", "must be printable ASCII without line breaks");
            }

            parameters.Add(new("Subject", message.Subject));
        }

        if (message.JsonStructure)
        {
            CheckJsonStructure(message.Message, check);
            parameters.Add(new("MessageStructure", "json"));
        }

        check.Count(message.Attributes.Count, "MessageAttributes", 0, MaxAttributes);
        var size = Encoding.UTF8.GetByteCount(message.Message);
        var index = 0;
        foreach (var (name, attribute) in message.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            index++;
            check.Text(name, "MessageAttributes.Name", 1, 256, AttributeName());
            check.Text(attribute.DataType, $"MessageAttributes.{name}.DataType", 1, 256, DataType());
            check.Required(attribute.Value, $"MessageAttributes.{name}.Value");
            if (attribute.DataType.StartsWith("Binary", StringComparison.Ordinal))
            {
                throw check.Fail($"MessageAttributes.{name}", "Binary attributes are not supported by this client");
            }

            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(attribute.DataType) + Encoding.UTF8.GetByteCount(attribute.Value);
            var prefix = $"MessageAttributes.entry.{index}.";
            parameters.Add(new(prefix + "Name", name));
            parameters.Add(new(prefix + "Value.DataType", attribute.DataType));
            parameters.Add(new(prefix + "Value.StringValue", attribute.Value));
        }

        if (size > MaxMessageBytes)
        {
            throw check.Fail("Message", $"with its attributes is {size} bytes, over the limit of {MaxMessageBytes} bytes");
        }

        if (message.MessageGroupId is not null)
        {
            parameters.Add(new("MessageGroupId", check.Text(message.MessageGroupId, "MessageGroupId", 1, 128)));
        }

        if (message.MessageDeduplicationId is not null)
        {
            parameters.Add(new("MessageDeduplicationId", check.Text(message.MessageDeduplicationId, "MessageDeduplicationId", 1, 128)));
        }

        var result = await _channel.CallAsync("Publish", parameters, cancellationToken);
        return AwsQueryChannel.Child(result, "MessageId") ?? throw new InvalidDataException("Publish response has no MessageId");
    }

    public async Task<string> CreateTopicAsync(string name, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        var check = new Check("SNS", "CreateTopic");
        var parameters = new List<KeyValuePair<string, string>> { new("Name", check.Text(name, "Name", 1, 261, TopicName())) };
        AddAttributes(parameters, attributes);
        var result = await _channel.CallAsync("CreateTopic", parameters, cancellationToken);
        return AwsQueryChannel.Child(result, "TopicArn") ?? throw new InvalidDataException("CreateTopic response has no TopicArn");
    }

    public async Task<string> SubscribeAsync(
        string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        var check = new Check("SNS", "Subscribe");
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("TopicArn", check.Text(topicArn, "TopicArn", 1, 1024, TopicArn())),
            new("Protocol", check.OneOf(protocol, "Protocol", Protocols)),
            new("Endpoint", check.Required(endpoint, "Endpoint")),
        };
        if (attributes?.TryGetValue("FilterPolicy", out var policy) == true)
        {
            CheckJsonObject(policy, "Attributes.FilterPolicy", check);
        }

        AddAttributes(parameters, attributes);
        parameters.Add(new("ReturnSubscriptionArn", "true"));
        var result = await _channel.CallAsync("Subscribe", parameters, cancellationToken);
        return AwsQueryChannel.Child(result, "SubscriptionArn") ?? throw new InvalidDataException("Subscribe response has no SubscriptionArn");
    }

    private static void AddAttributes(List<KeyValuePair<string, string>> parameters, IReadOnlyDictionary<string, string>? attributes)
    {
        var index = 0;
        foreach (var (key, value) in (attributes ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            index++;
            parameters.Add(new($"Attributes.entry.{index}.key", key));
            parameters.Add(new($"Attributes.entry.{index}.value", value));
        }
    }

    private static void CheckJsonStructure(string message, Check check)
    {
        using var document = CheckJsonObject(message, "Message", check);
        if (!document.RootElement.TryGetProperty("default", out var fallback) || fallback.ValueKind != JsonValueKind.String)
        {
            throw check.Fail("Message", "with MessageStructure=json needs a top-level \"default\" string");
        }
    }

    private static JsonDocument CheckJsonObject(string text, string member, Check check)
    {
        try
        {
            var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw check.Fail(member, "must be a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw check.Fail(member, "is not valid JSON: " + e.Message);
        }
    }
}
