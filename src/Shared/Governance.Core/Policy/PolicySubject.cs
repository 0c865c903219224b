using Governance.Core.Registry;

namespace Governance.Core.Policy;

/// <summary>
/// What a policy judges: the package, and the account that owns each bucket its artifacts live in, as found in S3
/// before judging. A bucket missing from <see cref="BucketOwners"/> is owned by an account the service could not
/// name: neither the package's own nor the governance account.
/// </summary>
public sealed record PolicySubject(ModelPackage Package, IReadOnlyDictionary<string, string> BucketOwners);
