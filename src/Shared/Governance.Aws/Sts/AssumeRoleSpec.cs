using System.Text.RegularExpressions;
using Governance.Aws.Signing;

namespace Governance.Aws.Sts;

/// <summary>Which role to assume and how.</summary>
/// <param name="RoleArn">arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;.</param>
/// <param name="SessionName">Session name (2..64 of [\w+=,.@-]); shows in the target account's CloudTrail.</param>
/// <param name="ExternalId">External id the role's trust policy requires, if any.</param>
public sealed partial record AssumeRoleSpec(string RoleArn, string SessionName, string? ExternalId = null)
{
    /// <summary>Requested session length (AWS allows 15 minutes up to the role's maximum).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Session tags (the role's trust policy must allow sts:TagSession); give each tag set its own session name.</summary>
    public IReadOnlyDictionary<string, string>? SessionTags { get; init; }

    /// <summary>The 12-digit account of the role.</summary>
    public string AccountId => RoleArn.Split(':')[4];

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$")]
    internal static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    internal static partial Regex SessionNamePattern();
}

/// <summary>Temporary credentials of an assumed role.</summary>
/// <param name="Credentials">Key, secret and session token.</param>
/// <param name="Expiration">When they stop working.</param>
/// <param name="AssumedRoleArn">arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role&gt;/&lt;session&gt;.</param>
public sealed record AssumedRole(SigningCredentials Credentials, DateTimeOffset Expiration, string AssumedRoleArn);
