using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>Reads a CloudTrail record: the detail of "AWS API Call via CloudTrail", or a raw log-file record.</summary>
internal static class CloudTrailDetailReader
{
    public static CloudTrailApiCall Read(FieldReader record)
    {
        var identity = record.OptionalObject("userIdentity");
        var call = new CloudTrailApiCall(
            record.RequiredString("eventSource"),
            record.RequiredString("eventName"),
            record.OptionalTime("eventTime"),
            record.OptionalString("eventID"),
            record.OptionalString("requestID"),
            record.OptionalString("eventType"),
            record.OptionalString("awsRegion"),
            record.OptionalString("recipientAccountId"),
            record.OptionalBoolean("readOnly"),
            identity is null ? null : ReadIdentity(identity),
            record.OptionalString("sourceIPAddress"),
            record.OptionalString("userAgent"),
            record.OptionalString("errorCode"),
            record.OptionalString("errorMessage"),
            record.OptionalElement("requestParameters"),
            record.OptionalElement("responseElements"),
            ResourceArns(record));
        return call;
    }

    private static CloudTrailIdentity ReadIdentity(FieldReader identity)
    {
        var session = identity.OptionalObject("sessionContext");
        var issuer = session?.OptionalObject("sessionIssuer");
        var attributes = session?.OptionalObject("attributes");
        var result = new CloudTrailIdentity(
            identity.OptionalString("type"),
            identity.OptionalString("principalId"),
            identity.OptionalString("arn"),
            identity.OptionalString("accountId"),
            identity.OptionalString("accessKeyId"),
            identity.OptionalString("userName") ?? issuer?.OptionalString("userName"),
            identity.OptionalString("invokedBy"),
            issuer?.OptionalString("arn"),
            attributes?.OptionalBoolean("mfaAuthenticated"),
            attributes?.OptionalTime("creationDate"));
        return result;
    }

    private static List<string> ResourceArns(FieldReader record)
    {
        var arns = new List<string>();
        if (!record.TryGet("resources", out var resources) || resources.ValueKind != JsonValueKind.Array)
        {
            return arns;
        }

        foreach (var resource in resources.EnumerateArray())
        {
            if (resource.ValueKind == JsonValueKind.Object
                && record.Child(resource, "resources[]").OptionalString("ARN") is { } arn)
            {
                arns.Add(arn);
            }
        }

        return arns;
    }
}
