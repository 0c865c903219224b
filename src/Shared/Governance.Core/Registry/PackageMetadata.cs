namespace Governance.Core.Registry;

/// <summary>SageMaker <c>MetadataProperties</c>: where the model's code and training run came from.</summary>
public sealed record PackageMetadata(string? CommitId, string? Repository, string? GeneratedBy, string? ProjectId)
{
    public static PackageMetadata None { get; } = new(null, null, null, null);
}
