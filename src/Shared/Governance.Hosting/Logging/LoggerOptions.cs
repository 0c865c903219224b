namespace Governance.Hosting.Logging;

/// <summary>The process-wide fields of every log line and the minimum level written.</summary>
/// <param name="ServiceName">POWERTOOLS_SERVICE_NAME.</param>
/// <param name="FunctionName">AWS_LAMBDA_FUNCTION_NAME.</param>
/// <param name="FunctionMemorySize">AWS_LAMBDA_FUNCTION_MEMORY_SIZE in MB.</param>
/// <param name="MinimumLevel">POWERTOOLS_LOG_LEVEL, Information by default.</param>
public sealed record LoggerOptions(
    string ServiceName,
    string FunctionName,
    int? FunctionMemorySize,
    LogLevel MinimumLevel = LogLevel.Information);
