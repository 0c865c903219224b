namespace Governance.Core.Registry;

/// <summary>
/// One S3 object a model package references.
/// <see cref="JsonPath"/> locates the URI in the DescribeModelPackage document
/// (e.g. <c>$.ModelMetrics.ModelQuality.Statistics.S3Uri</c>), so a copy can be written back in the same place.
/// <see cref="Location"/> is null when the URI is not an S3 location this service recognises.
/// </summary>
public sealed record ArtifactReference(
    ArtifactRole Role,
    string Uri,
    S3Location? Location,
    string JsonPath,
    MetricSection? Section,
    string? ReportName,
    string? ContentType,
    string? ContentDigest)
{
    /// <summary>
    /// True for model data given as a key prefix (<c>S3DataType: S3Prefix</c>, an uncompressed model): SageMaker requires
    /// such a prefix to end with <c>/</c> and uses every object under it.
    /// </summary>
    public bool IsPrefix => Role is ArtifactRole.ModelData or ArtifactRole.AdditionalModelData && Uri.EndsWith('/');

    /// <summary>A short description for people, e.g. "model quality statistics" or "model data".</summary>
    public string Description => Role switch
    {
        ArtifactRole.ModelData => "model data",
        ArtifactRole.AdditionalModelData => "additional model data",
        ArtifactRole.SamplePayload => "sample payload",
        ArtifactRole.ModelMetrics => Words(Section) + " " + Words(ReportName),
        ArtifactRole.DriftCheckBaseline => Words(Section) + " " + Words(ReportName) + " drift baseline",
        _ => Role.ToString(),
    };

    private static string Words(object? name)
    {
        var text = name?.ToString() ?? string.Empty;
        var builder = new System.Text.StringBuilder(text.Length + 4);
        foreach (var character in text)
        {
            if (char.IsUpper(character) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(character));
        }

        return builder.ToString();
    }
}
