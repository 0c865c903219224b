namespace Governance.Core.Policy;

/// <summary>A validated policy document and the SHA-256 digest of its text (<c>sha256:…</c>), which decisions record.</summary>
public sealed record GovernancePolicy(PolicyDocument Document, string Digest);
