using Governance.Aws.Sns;
using Governance.Core.Flows;
using Governance.Core.Notifications;
using Governance.Core.Presentation.Notifications;

namespace Governance.Aws.Adapters;

/// <summary>Publishes notifications to the one topic: composed by <see cref="NotificationComposer"/>, MessageStructure=json, filterable attributes.</summary>
public sealed class SnsNotifier(ISnsClient sns, string topicArn, NotificationComposer composer) : INotifier
{
    public Task<string> PublishAsync(Notification notification, CancellationToken cancellationToken)
    {
        var message = composer.Compose(notification);
        return sns.PublishAsync(new SnsMessage(topicArn, message.Message)
        {
            Subject = message.Subject,
            JsonStructure = message.MessageStructure == NotificationMessage.JsonStructure,
            Attributes = message.MessageAttributes.ToDictionary(
                attribute => attribute.Key,
                attribute => new SnsAttributeValue(attribute.Value.DataType, attribute.Value.StringValue),
                StringComparer.Ordinal),
        }, cancellationToken);
    }
}
