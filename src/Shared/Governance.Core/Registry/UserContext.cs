namespace Governance.Core.Registry;

/// <summary>Who created or last changed a model package (SageMaker <c>UserContext</c>).</summary>
public sealed record UserContext(
    string? UserProfileName,
    string? UserProfileArn,
    string? DomainId,
    string? IamArn,
    string? PrincipalId,
    string? SourceIdentity)
{
    /// <summary>The most specific identity known, for people to read (IAM ARN, then Studio user, then principal id).</summary>
    public string? DisplayName => IamArn ?? UserProfileName ?? SourceIdentity ?? PrincipalId;
}
