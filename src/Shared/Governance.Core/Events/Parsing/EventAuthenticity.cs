using System.Text.Json;

namespace Governance.Core.Events.Parsing;

/// <summary>
/// Refuses events AWS could not have sent. EventBridge reserves <c>aws.*</c> sources for AWS and writes the envelope
/// <c>account</c> itself (a PutEvents caller cannot choose it), so those two are trusted and the detail is checked
/// against them: a CloudTrail call must carry its own service's source, and where AWS always writes one account —
/// <c>recipientAccountId</c>, the ARN of a SageMaker resource the call returns that cannot be shared across accounts,
/// the ARN of a model package whose state changed — it must be the envelope's. Raw CloudTrail log records have no
/// envelope: their source is derived from <c>eventSource</c> and they have nothing trusted to compare.
/// </summary>
internal static class EventAuthenticity
{
    private const string ServiceSuffix = ".amazonaws.com";

    // Endpoints, endpoint configs, models and notebook instances are never shared: a call returns them from its own account.
    private static readonly string[] OwnAccountResponseArns = ["endpointArn", "endpointConfigArn", "modelArn", "notebookInstanceArn"];

    /// <summary>Null when nothing disagrees, else why the event cannot be AWS's.</summary>
    public static string? Check(EventEnvelope envelope, EventDetail detail) => detail switch
    {
        CloudTrailApiCall call => CheckCall(envelope, call),
        ModelPackageStateChange change => SameAccount(envelope, "detail.ModelPackageArn", change.ModelPackageArn),
        _ => null,
    };

    /// <summary>The EventBridge source AWS gives a CloudTrail call: <c>aws.</c> and the service of <c>eventSource</c>.</summary>
    public static string CloudTrailSource(string eventSource)
    {
        var service = eventSource.EndsWith(ServiceSuffix, StringComparison.OrdinalIgnoreCase) ? eventSource[..^ServiceSuffix.Length] : eventSource;
        return service.Length == 0 ? string.Empty : $"aws.{service}";
    }

    private static string? CheckCall(EventEnvelope envelope, CloudTrailApiCall call)
    {
        var expected = CloudTrailSource(call.EventSource);
        if (!string.Equals(envelope.Source, expected, StringComparison.Ordinal))
        {
            return $"source \"{envelope.Source}\" is not {expected}, the source AWS gives a CloudTrail call to {call.EventSource}: "
                + "only AWS sends aws.* events, so this one was not recorded by CloudTrail";
        }

        if (!AccountId.IsValid(envelope.Account))
        {
            return null;
        }

        if (call.RecipientAccountId is { } recipient && !string.Equals(recipient, envelope.Account, StringComparison.Ordinal))
        {
            return $"detail.recipientAccountId {recipient} disagrees with account {envelope.Account}, the account EventBridge received the call's event in";
        }

        foreach (var member in OwnAccountResponseArns)
        {
            if (call.ResponseElements is { ValueKind: JsonValueKind.Object } response
                && response.TryGetProperty(member, out var value)
                && value.ValueKind == JsonValueKind.String
                && Arn.TryParse(value.GetString(), out var arn)
                && SameAccount(envelope, "detail.responseElements." + member, arn) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? SameAccount(EventEnvelope envelope, string field, Arn arn) =>
        AccountId.IsValid(envelope.Account) && arn.HasAccountId && !string.Equals(arn.Account, envelope.Account, StringComparison.Ordinal)
            ? $"{field} {arn} is in account {arn.Account}, not in {envelope.Account}, the account EventBridge received the event in"
            : null;
}
