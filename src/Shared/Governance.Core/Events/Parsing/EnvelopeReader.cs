using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>
/// Recognises the form an event arrived in, reads its envelope, then its typed detail. The raw detail is cloned
/// once and every typed field is read from that clone, so nothing refers to the caller's buffer afterwards.
/// </summary>
internal static class EnvelopeReader
{
    private const string NotAnEvent =
        "not an event: expected an EventBridge event (detail-type), a CodeStar notification (detailType), " +
        "an SNS notification (Type, Message) or a CloudTrail record (eventSource, eventName)";

    public static ParseResult Read(JsonElement root, bool unwrapSns)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Reject($"the top-level value is {JsonProperties.Describe(root.ValueKind)}, expected an object");
        }

        if (Has(root, "detail-type"))
        {
            return ReadEnvelope(root, EventForm.EventBridge);
        }

        if (Has(root, "detailType"))
        {
            return ReadEnvelope(root, EventForm.CodeStarNotification);
        }

        if (Has(root, "Type") && Has(root, "Message"))
        {
            return unwrapSns ? ReadSns(root) : Reject("an SNS notification nested in another one is not an event");
        }

        return Has(root, "eventSource") || Has(root, "eventName") ? ReadCloudTrailRecord(root) : Reject(NotAnEvent);
    }

    private static ParseResult ReadEnvelope(JsonElement root, EventForm form)
    {
        var envelope = new FieldReader(root, string.Empty);
        var detailType = envelope.RequiredString(form == EventForm.EventBridge ? "detail-type" : "detailType");
        var source = envelope.RequiredStringOrSingleton("source");
        var id = form == EventForm.EventBridge ? envelope.RequiredString("id") : envelope.OptionalString("id");
        var time = envelope.RequiredTime("time");
        var account = envelope.OptionalString("account");
        var region = envelope.OptionalString("region");
        var resources = envelope.OptionalStringArray("resources");
        var detailReader = envelope.RequiredObject("detail");
        var notificationRuleArn = envelope.OptionalString("notificationRuleArn");
        var additionalReader = envelope.OptionalObject("additionalAttributes");
        if (envelope.Error is { } envelopeError)
        {
            return new RejectedEvent(envelopeError, NullIfEmpty(id), NullIfEmpty(source), NullIfEmpty(detailType));
        }

        var detail = detailReader.Json.Clone();
        var additional = additionalReader?.Json.Clone();
        var kind = EventKinds.Classify(source, detailType);
        var reader = new FieldReader(detail, "detail");
        var typed = ReadDetail(kind, reader, additional is { } attributes ? reader.Child(attributes, "additionalAttributes") : null);
        if (reader.Error is { } detailError)
        {
            return new RejectedEvent(detailError, id, source, detailType);
        }

        var read = new EventEnvelope(form, id, detailType, source, account, time, region, resources, detail, notificationRuleArn, additional);
        return EventAuthenticity.Check(read, typed) is { } forged
            ? new RejectedEvent(forged, id, source, detailType)
            : new ParsedEvent(kind, read, typed);
    }

    private static EventDetail ReadDetail(EventKind kind, FieldReader detail, FieldReader? additional) => kind switch
    {
        EventKind.ModelPackageStateChange => SageMakerDetailReaders.ReadModelPackage(detail),
        EventKind.PipelineExecutionStatusChange => SageMakerDetailReaders.ReadPipelineExecution(detail),
        EventKind.PipelineStepStatusChange => SageMakerDetailReaders.ReadPipelineStep(detail),
        EventKind.CodePipelinePipelineExecution => CodePipelineDetailReader.ReadPipeline(detail, additional),
        EventKind.CodePipelineStageExecution => CodePipelineDetailReader.ReadStage(detail),
        EventKind.CodePipelineActionExecution => CodePipelineDetailReader.ReadAction(detail, additional),
        EventKind.ConfigRulesComplianceChange => ConfigDetailReader.Read(detail),
        EventKind.ConfigurationItemChange => ConfigurationItemReader.Read(detail),
        EventKind.CloudTrailApiCall => CloudTrailDetailReader.Read(detail),
        _ => UnrecognisedDetail.Instance,
    };

    // The record is its own detail. Source and detail-type are what EventBridge would have given it.
    private static ParseResult ReadCloudTrailRecord(JsonElement root)
    {
        var record = root.Clone();
        var reader = new FieldReader(record, string.Empty);
        var call = CloudTrailDetailReader.Read(reader);
        var source = EventAuthenticity.CloudTrailSource(call.EventSource);
        if (reader.Error is { } error)
        {
            return new RejectedEvent(error, call.EventId, NullIfEmpty(source), EventKinds.CloudTrailApiCall);
        }

        var envelope = new EventEnvelope(
            EventForm.CloudTrailRecord,
            call.EventId,
            EventKinds.CloudTrailApiCall,
            source,
            call.RecipientAccountId ?? call.UserIdentity?.AccountId,
            call.EventTime,
            call.AwsRegion,
            call.ResourceArns,
            record);
        return new ParsedEvent(EventKind.CloudTrailApiCall, envelope, call);
    }

    // An SNS notification's Message holds a Config compliance notification or a whole event, as an object (AWS docs)
    // or, as SNS really delivers it, a JSON string.
    private static ParseResult ReadSns(JsonElement root)
    {
        var notification = new FieldReader(root, string.Empty);
        var messageId = notification.OptionalString("MessageId");
        var timestamp = notification.OptionalTime("Timestamp");
        notification.TryGet("Message", out var message);
        var messageText = message.ValueKind == JsonValueKind.String ? notification.OptionalString("Message") : null;
        if (notification.Error is { } error)
        {
            return new RejectedEvent(error, messageId, EventKinds.SnsSource, EventKinds.SnsNotification);
        }

        if (message.ValueKind == JsonValueKind.Object)
        {
            return ReadSnsMessage(message, messageId, timestamp);
        }

        if (messageText is null || !messageText.AsSpan().TrimStart().StartsWith('{'))
        {
            return Unrecognised(EventForm.SnsNotification, messageId, EventKinds.SnsSource, EventKinds.SnsNotification, timestamp, message.Clone());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(messageText, EventParser.DocumentOptions);
        }
        catch (JsonException exception)
        {
            return new RejectedEvent(JsonErrors.DescribeNested("Message", exception), messageId, EventKinds.SnsSource, EventKinds.SnsNotification);
        }

        using (document)
        {
            return ReadSnsMessage(document.RootElement, messageId, timestamp);
        }
    }

    private static ParseResult ReadSnsMessage(JsonElement message, string? messageId, DateTimeOffset? timestamp)
    {
        if (message.ValueKind == JsonValueKind.Object
            && JsonProperties.TryFind(message, "messageType", out var messageType)
            && messageType.ValueKind == JsonValueKind.String
            && messageType.ValueEquals("ComplianceChangeNotification"))
        {
            return ReadSnsCompliance(message.Clone(), messageId, timestamp);
        }

        var inner = Read(message, unwrapSns: false);
        return inner is RejectedEvent { Reason: NotAnEvent }
            ? Unrecognised(EventForm.SnsNotification, messageId, EventKinds.SnsSource, EventKinds.SnsNotification, timestamp, message.Clone())
            : inner;
    }

    private static ParseResult ReadSnsCompliance(JsonElement detail, string? messageId, DateTimeOffset? timestamp)
    {
        var reader = new FieldReader(detail, "Message");
        var change = ConfigDetailReader.Read(reader);
        var time = timestamp ?? change.NotificationCreationTime;
        if (reader.Error is null && time is null)
        {
            reader.Fail("Timestamp is missing");
        }

        if (reader.Error is { } error)
        {
            return new RejectedEvent(error, messageId, EventKinds.ConfigSource, EventKinds.ConfigRulesComplianceChange);
        }

        var envelope = new EventEnvelope(
            EventForm.SnsNotification,
            messageId,
            EventKinds.ConfigRulesComplianceChange,
            EventKinds.ConfigSource,
            change.AwsAccountId,
            time,
            change.AwsRegion,
            [],
            detail);
        return new ParsedEvent(EventKind.ConfigRulesComplianceChange, envelope, change);
    }

    private static ParsedEvent Unrecognised(EventForm form, string? id, string source, string detailType, DateTimeOffset? time, JsonElement detail) =>
        new(EventKind.Unrecognised, new EventEnvelope(form, id, detailType, source, null, time, null, [], detail), UnrecognisedDetail.Instance);

    private static bool Has(JsonElement json, string name) => JsonProperties.TryFind(json, name, out _);

    private static RejectedEvent Reject(string reason) => new(reason, null, null, null);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
