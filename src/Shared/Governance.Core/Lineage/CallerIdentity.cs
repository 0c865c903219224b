namespace Governance.Core.Lineage;

/// <summary>
/// Who called, as API Gateway's IAM authorizer states it (<c>requestContext.authorizer.iam</c>): the signing
/// principal's ARN and account. Null fields were absent.
/// </summary>
public sealed record CallerIdentity(string? UserArn, string? AccountId, string? PrincipalOrgId);
