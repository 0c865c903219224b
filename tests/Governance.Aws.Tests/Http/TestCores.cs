using System.Text;
using Governance.Aws.Credentials;
using Governance.Aws.Endpoints;
using Governance.Aws.Http;
using Governance.Aws.Signing;

namespace Governance.Aws.Tests.Http;

/// <summary>Cores and requests wired for loopback tests: fast backoff, waits equal to their ceilings.</summary>
internal static class TestCores
{
    public static readonly SigningCredentials Credentials = new("AKIDTEST", "secret-test-key", "session-token-test");

    public static readonly AwsRetryOptions FastRetries = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        ThrottlingBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    public static AwsHttpCore Core(HttpClient http, List<AwsRetryNotice>? notices = null, AwsRetryOptions? options = null) =>
        new(http, new StaticCredentialSource(Credentials), TimeProvider.System, options ?? FastRetries, static ceiling => ceiling,
            notice => notices?.Add(notice));

    public static AwsRequest JsonRequest(Uri endpoint, string operation = "DescribeThing") =>
        new(AwsService.SageMaker, operation, endpoint, "us-east-1", "application/x-amz-json-1.1",
            Encoding.UTF8.GetBytes("""{"Name":"x"}"""), "SageMaker." + operation);
}
