namespace Governance.Core.Registry;

/// <summary>
/// The source code a model version was built from: SageMaker <c>MetadataProperties.CommitId</c> (with
/// <c>Repository</c>, <c>GeneratedBy</c>, <c>ProjectId</c>), else a <c>code-revision</c> or <c>git-commit</c>
/// tag (with a <c>code-repository</c> or <c>git-repository</c> tag for the repository).
/// </summary>
public sealed record CodeRevision(string Revision, string? Repository, string? GeneratedBy, string? ProjectId)
{
    private static readonly string[] RevisionTags = ["code-revision", "git-commit"];
    private static readonly string[] RepositoryTags = ["code-repository", "git-repository"];

    /// <summary>The package's code revision, or null when it names none.</summary>
    public static CodeRevision? Of(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var metadata = package.Metadata;
        if (!string.IsNullOrWhiteSpace(metadata.CommitId))
        {
            return new CodeRevision(metadata.CommitId.Trim(), Present(metadata.Repository) ?? FirstTag(package, RepositoryTags), Present(metadata.GeneratedBy), Present(metadata.ProjectId));
        }

        return FirstTag(package, RevisionTags) is { } tagged
            ? new CodeRevision(tagged, FirstTag(package, RepositoryTags) ?? Present(metadata.Repository), Present(metadata.GeneratedBy), Present(metadata.ProjectId))
            : null;
    }

    private static string? FirstTag(ModelPackage package, string[] keys) =>
        keys.Select(key => Present(package.Tag(key))).FirstOrDefault(value => value is not null);

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
