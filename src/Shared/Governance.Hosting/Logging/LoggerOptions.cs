using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Governance.Hosting.Logging;

/// <summary>The process-wide fields of every log line, the minimum level and the debug sampling rate.</summary>
/// <param name="ServiceName">POWERTOOLS_SERVICE_NAME.</param>
/// <param name="FunctionName">AWS_LAMBDA_FUNCTION_NAME.</param>
/// <param name="FunctionMemorySize">AWS_LAMBDA_FUNCTION_MEMORY_SIZE in MB.</param>
/// <param name="MinimumLevel">The level resolved by <see cref="FromEnvironment"/>; Information by default.</param>
/// <param name="SampleRate">
/// POWERTOOLS_LOGGER_SAMPLE_RATE, 0 to 1: the share of invocations logged at DEBUG whatever the minimum level;
/// written as <c>sampling_rate</c> on every line.
/// </param>
/// <param name="SamplingMayLowerLevel">False when Lambda's advanced logging controls fix the level, which sampling then respects.</param>
public sealed record LoggerOptions(
    string ServiceName,
    string FunctionName,
    int? FunctionMemorySize,
    LogLevel MinimumLevel = LogLevel.Information,
    double SampleRate = 0,
    bool SamplingMayLowerLevel = true)
{
    public const string ServiceNameVariable = "POWERTOOLS_SERVICE_NAME";
    public const string LogLevelVariable = "POWERTOOLS_LOG_LEVEL";
    public const string LogLevelAliasVariable = "LOG_LEVEL";
    public const string LambdaLogLevelVariable = "AWS_LAMBDA_LOG_LEVEL";
    public const string SampleRateVariable = "POWERTOOLS_LOGGER_SAMPLE_RATE";
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";
    public const string FunctionMemorySizeVariable = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    public const string DefaultServiceName = "service_undefined";

    /// <summary>What was wrong with the configuration (unknown level names, a sample rate outside 0..1); logged at INIT.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Resolves the level as Powertools does: <c>AWS_LAMBDA_LOG_LEVEL</c> (Lambda's advanced logging controls)
    /// wins; otherwise <c>POWERTOOLS_LOG_LEVEL</c>, else <c>LOG_LEVEL</c>, else INFO.
    /// </summary>
    public static LoggerOptions FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var warnings = new List<string>();
        var lambdaLevel = Level(variable, LambdaLogLevelVariable, warnings);
        var configured = NonEmpty(variable(LogLevelVariable)) is not null
            ? Level(variable, LogLevelVariable, warnings)
            : Level(variable, LogLevelAliasVariable, warnings);
        if (lambdaLevel is { } fixedLevel && configured is { } wanted && wanted < fixedLevel)
        {
            warnings.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"Current log level ({LogLevelNames.ToFieldValue(wanted)}) does not match AWS Lambda Advanced Logging Controls minimum log level ({LogLevelNames.ToFieldValue(fixedLevel)}). This can lead to data loss, consider adjusting them."));
        }

        var memory = int.TryParse(variable(FunctionMemorySizeVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) ? mb : (int?)null;
        return new LoggerOptions(
            NonEmpty(variable(ServiceNameVariable)) ?? DefaultServiceName,
            variable(FunctionNameVariable) ?? string.Empty,
            memory,
            lambdaLevel ?? configured ?? LogLevel.Information,
            ReadSampleRate(variable(SampleRateVariable), warnings),
            SamplingMayLowerLevel: lambdaLevel is null)
        {
            Warnings = warnings,
        };
    }

    private static LogLevel? Level(Func<string, string?> variable, string name, List<string> warnings)
    {
        var value = NonEmpty(variable(name));
        if (value is null)
        {
            return null;
        }

        var level = LogLevelNames.TryParse(value);
        if (level is null)
        {
            warnings.Add($"{name}={value} is not a log level ({string.Join(", ", LogLevelNames.Accepted)}); ignored");
        }

        return level;
    }

    private static double ReadSampleRate(string? value, List<string> warnings)
    {
        if (NonEmpty(value) is not { } text)
        {
            return 0;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1)
        {
            return rate;
        }

        warnings.Add($"{SampleRateVariable}={text} is not a number from 0 to 1; debug sampling is off");
        return 0;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
