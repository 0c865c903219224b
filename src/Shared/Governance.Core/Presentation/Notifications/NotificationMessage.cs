using System.Text;
using Governance.Core.Notifications;

namespace Governance.Core.Presentation.Notifications;

/// <summary>A message attribute as SNS Publish takes it.</summary>
public sealed record MessageAttributeValue(string DataType, string StringValue)
{
    public static MessageAttributeValue OfString(string value) => new("String", value);
}

/// <summary>
/// One SNS Publish request's content: subject, <c>MessageStructure=json</c> message and attributes.
/// <see cref="SizeInBytes"/> counts what SNS counts against its 256 KB limit.
/// </summary>
public sealed record NotificationMessage(string Subject, string Message, string MessageStructure, IReadOnlyDictionary<string, MessageAttributeValue> MessageAttributes)
{
    /// <summary>SNS's limit for a whole message, attributes included (262,144 bytes).</summary>
    public const int MaxBytes = 262_144;

    public const string JsonStructure = "json";

    /// <summary>UTF-8 bytes of the message, the subject and every attribute's name, type and value.</summary>
    public int SizeInBytes => Measure(Subject, Message, MessageAttributes);

    public static int Measure(string subject, string message, IReadOnlyDictionary<string, MessageAttributeValue> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return Encoding.UTF8.GetByteCount(message)
            + Encoding.UTF8.GetByteCount(subject)
            + attributes.Sum(attribute => Encoding.UTF8.GetByteCount(attribute.Key)
                + Encoding.UTF8.GetByteCount(attribute.Value.DataType)
                + Encoding.UTF8.GetByteCount(attribute.Value.StringValue));
    }
}
