namespace Governance.Aws.Endpoints;

/// <summary>
/// Resolves a service's endpoint the way the AWS SDKs do: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, then AWS_ENDPOINT_URL
/// (both ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true), then the standard regional endpoint of the
/// region's partition (aws, aws-cn, aws-us-gov).
/// </summary>
public sealed class EndpointResolver
{
    public const string GlobalVariable = "AWS_ENDPOINT_URL";
    public const string IgnoreVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    private readonly Func<string, string?> _environment;

    /// <param name="environment">Reads an environment variable; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</param>
    public EndpointResolver(Func<string, string?>? environment = null) =>
        _environment = environment ?? Environment.GetEnvironmentVariable;

    /// <summary>The endpoint configured through the environment for <paramref name="service"/>, or null.</summary>
    public Uri? ConfiguredEndpoint(string environmentKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(environmentKey);
        if (string.Equals(_environment(IgnoreVariable), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = _environment($"{GlobalVariable}_{environmentKey}");
        if (string.IsNullOrWhiteSpace(value))
        {
            value = _environment(GlobalVariable);
        }

        return string.IsNullOrWhiteSpace(value) ? null : new Uri(value.Trim(), UriKind.Absolute);
    }

    public Uri Resolve(AwsService service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        return ConfiguredEndpoint(service.EnvironmentKey) ?? Regional(service.EndpointPrefix, region);
    }

    /// <summary>https://{prefix}.{region}.{partition DNS suffix}.</summary>
    public static Uri Regional(string endpointPrefix, string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpointPrefix);
        ArgumentException.ThrowIfNullOrEmpty(region);
        if (!IsRegionName(region))
        {
            throw new ArgumentException($"'{region}' is not an AWS region name", nameof(region));
        }

        return new Uri($"https://{endpointPrefix}.{region}.{DnsSuffix(region)}", UriKind.Absolute);
    }

    /// <summary>The partition a region belongs to: aws-cn, aws-us-gov or aws.</summary>
    public static string Partition(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
            : "aws";
    }

    private static string DnsSuffix(string region) => Partition(region) == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

    private static bool IsRegionName(string region) =>
        region.Length <= 30 && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
        !region.StartsWith('-') && !region.EndsWith('-');
}
