using Governance.Aws.Sns;
using Governance.Core.Flows;
using Governance.Core.Notifications;
using CoreSnsMessage = Governance.Core.Notifications.SnsMessage;

namespace Governance.Aws.Adapters;

/// <summary>Publishes notifications to the one topic: composed by <see cref="NotificationComposer"/>, MessageStructure=json, filterable attributes.</summary>
public sealed class SnsNotifier(ISnsClient sns, string topicArn, NotificationComposer composer) : INotifier
{
    public Task<string> PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        CoreSnsMessage message = composer.Compose(notification);
        return sns.PublishAsync(new Sns.SnsMessage(topicArn, message.Message)
        {
            Subject = message.Subject,
            JsonStructure = message.MessageStructure == CoreSnsMessage.JsonStructure,
            Attributes = message.MessageAttributes.ToDictionary(
                attribute => attribute.Key,
                attribute => new Sns.SnsAttributeValue(attribute.Value.DataType, attribute.Value.StringValue),
                StringComparer.Ordinal),
        }, cancellationToken);
    }
}
