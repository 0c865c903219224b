using System.Globalization;

namespace Governance.Hosting.Metrics;

/// <summary>Where the metrics go in CloudWatch and the dimensions every document carries.</summary>
/// <param name="Namespace">POWERTOOLS_METRICS_NAMESPACE.</param>
/// <param name="ServiceName">POWERTOOLS_SERVICE_NAME, the <c>service</c> dimension.</param>
/// <param name="FunctionName">AWS_LAMBDA_FUNCTION_NAME, the <c>function_name</c> dimension (as Powertools names it).</param>
public sealed record MetricsOptions(string Namespace, string ServiceName, string FunctionName)
{
    public const string NamespaceVariable = "POWERTOOLS_METRICS_NAMESPACE";
    public const string DefaultNamespace = "Governance";
    public const int MaxNameLength = 255;
    public const int MaxDimensionValueLength = 1024;

    /// <summary>
    /// What CloudWatch would refuse, every problem listed: a namespace of 1-255 characters from
    /// <c>0-9A-Za-z.-_/#:</c> and space that does not start with <c>AWS/</c>; dimension values of 1-1024 ASCII
    /// characters, not all white space. Checked at INIT, so a bad setting fails the deployment's first start
    /// instead of losing every metric silently.
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Namespace.Length is 0 or > MaxNameLength || !Namespace.All(IsNamespaceCharacter))
        {
            problems.Add($"{NamespaceVariable} \"{Namespace}\" is not a CloudWatch namespace: 1-{MaxNameLength} characters of 0-9 A-Z a-z . - _ / # : and space");
        }
        else if (Namespace.StartsWith("AWS/", StringComparison.Ordinal))
        {
            problems.Add($"{NamespaceVariable} \"{Namespace}\" starts with AWS/, which CloudWatch reserves for AWS services");
        }

        CheckDimensionValue("service", ServiceName, problems);
        CheckDimensionValue("function_name", FunctionName, problems);
        return problems;
    }

    /// <summary>True when <paramref name="value"/> can be a dimension value or metric name of at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsValidName(string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && value.All(char.IsAscii);

    private static void CheckDimensionValue(string dimension, string value, List<string> problems)
    {
        if (!IsValidName(value, MaxDimensionValueLength))
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"the {dimension} dimension \"{value}\" is not a CloudWatch dimension value: 1-{MaxDimensionValueLength} ASCII characters, not all white space"));
        }
    }

    private static bool IsNamespaceCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or '#' or ':' or ' ';
}
