using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Governance.Local;

/// <summary>
/// The one builder of CloudTrail management events as EventBridge delivers them (<c>AWS API Call via CloudTrail</c>,
/// the CloudTrail record as the detail): a SageMaker call made by an assumed-role session, or a record wrapped in its
/// envelope.
/// </summary>
public static class CloudTrailCalls
{
    public const string DetailType = "AWS API Call via CloudTrail";

    /// <summary>A successful SageMaker call by <paramref name="sessionArn"/> (<c>arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION</c>).</summary>
    /// <param name="callId">The call's eventID and requestID; a new one when null.</param>
    public static JsonObject SageMakerCall(
        string account, string region, string eventName, DateTimeOffset at, string sessionArn, JsonObject request, JsonObject response, string? callId = null)
    {
        ArgumentNullException.ThrowIfNull(sessionArn);
        var path = sessionArn.Split(':')[5].Split('/');
        var (role, session) = (path[1], path[2]);
        var id = callId ?? Guid.NewGuid().ToString();
        var record = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = new JsonObject
            {
                ["type"] = "AssumedRole",
                ["principalId"] = "AROAEXAMPLE:" + session,
                ["arn"] = sessionArn,
                ["accountId"] = account,
                ["accessKeyId"] = "ASIAEXAMPLEKEY0001",
                ["sessionContext"] = new JsonObject
                {
                    ["sessionIssuer"] = new JsonObject
                    {
                        ["type"] = "Role",
                        ["principalId"] = "AROAEXAMPLE",
                        ["arn"] = $"arn:aws:iam::{account}:role/{role}",
                        ["accountId"] = account,
                        ["userName"] = role,
                    },
                    ["attributes"] = new JsonObject { ["creationDate"] = Time(at.AddMinutes(-30)), ["mfaAuthenticated"] = "false" },
                },
            },
            ["eventTime"] = Time(at),
            ["eventSource"] = "sagemaker.amazonaws.com",
            ["eventName"] = eventName,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = "203.0.113.10",
            ["userAgent"] = "aws-sdk-python/1.34.0",
            ["requestParameters"] = request,
            ["responseElements"] = response,
            ["requestID"] = id,
            ["eventID"] = id,
            ["readOnly"] = false,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = account,
            ["eventCategory"] = "Management",
        };
        return Envelope(record, account, region, at);
    }

    /// <summary>A CloudTrail record as the detail of its EventBridge event.</summary>
    public static JsonObject Envelope(JsonObject record, string account, string region, DateTimeOffset at, string? eventId = null) => new()
    {
        ["version"] = "0",
        ["id"] = eventId ?? Guid.NewGuid().ToString(),
        ["detail-type"] = DetailType,
        ["source"] = "aws." + ((string?)record["eventSource"] ?? "sagemaker.amazonaws.com").Split('.')[0],
        ["account"] = account,
        ["time"] = Time(at),
        ["region"] = region,
        ["resources"] = new JsonArray(),
        ["detail"] = record,
    };

    public static byte[] Bytes(JsonObject envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
