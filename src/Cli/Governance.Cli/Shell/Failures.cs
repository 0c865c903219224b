using System.Net.Sockets;
using Amazon.Runtime;
using Governance.Aws.Http;

namespace Governance.Cli.Shell;

/// <summary>
/// What the user reads when a command stops on an exception: one line naming the problem and the fix, and the exit
/// status the help promises (2 for usage, access and environment problems; 1 for anything unexpected).
/// The stack trace is printed only when <c>GOVERNANCE_DEBUG</c> is set.
/// </summary>
public static class Failures
{
    public const int Usage = 2;
    public const int Problem = 1;
    public const string DebugVariable = "GOVERNANCE_DEBUG";

    public sealed record Failure(int ExitCode, string Message);

    public static Failure Describe(Exception exception, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(args);
        var e = Unwrap(exception);
        return e switch
        {
            AmazonClientException client when client.Message.Contains("resolve AWS credentials", StringComparison.OrdinalIgnoreCase) =>
                new(Usage, "no AWS credentials found: run 'aws configure' or 'aws sso login', set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or use the emulator with --local"),
            AmazonClientException client when client.Message.Contains("ServiceURL", StringComparison.Ordinal) =>
                new(Usage, $"the endpoint is not a URL ({client.Message}): give one like http://127.0.0.1:5000 with --endpoint or AWS_ENDPOINT_URL"),
            AmazonClientException client when client.Message.Contains("region", StringComparison.OrdinalIgnoreCase) =>
                new(Usage, $"no AWS region: pass --region or set AWS_REGION ({client.Message})"),
            AmazonServiceException service => Service(service.ErrorCode, service.Message),
            AwsServiceException service => Service(service.Details.Code, service.Details.Message),
            AwsTransportException transport => new(Usage, $"cannot reach {transport.Service}: {Root(transport).Message}; check your network, --endpoint or AWS_ENDPOINT_URL (is the emulator running? 'governance local up')"),
            HttpRequestException or SocketException => new(Usage, $"cannot reach AWS: {Root(e).Message}; check your network, --endpoint or AWS_ENDPOINT_URL (is the emulator running? 'governance local up')"),
            DirectoryNotFoundException => new(Usage, OutFile(args) is { } file
                ? $"cannot write --out '{file}': its folder does not exist; create the folder or choose another path"
                : $"{e.Message.TrimEnd('.')}: the folder does not exist"),
            UnauthorizedAccessException => new(Usage, OutFile(args) is { } file
                ? $"cannot write --out '{file}': permission denied, or it is a folder; give a file path you may write"
                : e.Message),
            FileNotFoundException missing => new(Usage, $"no such file: {missing.FileName ?? missing.Message}"),
            IOException io => new(Usage, OutFile(args) is { } file ? $"cannot write --out '{file}': {io.Message}" : io.Message),
            ArgumentException or FormatException => new(Usage, e.Message),
            _ => new(Problem, $"unexpected {e.GetType().Name}: {e.Message} (a bug: set {DebugVariable}=1 for the stack trace and report it)"),
        };
    }

    public static async Task<int> ReportAsync(Exception exception, IReadOnlyList<string> args, string command, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var failure = Describe(exception, args);
        await stderr.WriteLineAsync($"governance{(command.Length == 0 ? "" : " " + command)}: {failure.Message}");
        if (Environment.GetEnvironmentVariable(DebugVariable) is { Length: > 0 })
        {
            await stderr.WriteLineAsync(exception.ToString());
        }

        return failure.ExitCode;
    }

    private static Failure Service(string? code, string message) => code switch
    {
        "ResourceNotFoundException" or "NoSuchBucket" or "NonExistentQueue" or "AWS.SimpleQueueService.NonExistentQueue" =>
            new(Usage, $"not found: {message}; check --table / GOVERNANCE_TABLE (or the bucket, queue) and the region"),
        "AccessDenied" or "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "SignatureDoesNotMatch"
            or "ExpiredToken" or "ExpiredTokenException" or "InvalidClientTokenId" or "MissingAuthenticationToken" =>
            new(Usage, $"access denied ({code}): {message}; check the credentials in use (aws sts get-caller-identity) and their IAM permissions (README: Access)"),
        _ => new(Usage, $"AWS answered {code}: {message}"),
    };

    private static string? OutFile(IReadOnlyList<string> args)
    {
        var index = args.ToList().LastIndexOf("--out");
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }

    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;

    private static Exception Root(Exception exception) => exception.InnerException is { } inner && exception is not SocketException ? Root(inner) : exception;
}
