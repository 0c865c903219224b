namespace Governance.Aws.Sns;

/// <summary>The SNS operations the service uses: Publish, and CreateTopic/Subscribe for local provisioning.</summary>
public interface ISnsClient
{
    /// <summary>Returns the message id.</summary>
    Task<string> PublishAsync(SnsMessage message, CancellationToken cancellationToken);

    /// <summary>Creates the topic (or returns the existing one's ARN).</summary>
    Task<string> CreateTopicAsync(string name, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken);

    /// <summary>Subscribes an endpoint; attributes such as FilterPolicy and RawMessageDelivery. Returns the subscription ARN.</summary>
    Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken);
}
