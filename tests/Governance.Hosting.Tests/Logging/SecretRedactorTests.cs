using Governance.Hosting.Logging;

namespace Governance.Hosting.Tests.Logging;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("authorization", true)]
    [InlineData("X-Amz-Security-Token", true)]
    [InlineData("x_amz_security_token", true)]
    [InlineData("secretAccessKey", true)]
    [InlineData("SecretAccessKey", true)]
    [InlineData("sessionToken", true)]
    [InlineData("X-Amz-Signature", true)]
    [InlineData("Signature", true)]
    [InlineData("db_password", true)]
    [InlineData("Credentials", true)]
    [InlineData("EventId", false)]
    [InlineData("ModelPackageArn", false)]
    [InlineData("X-Amz-Date", false)]
    [InlineData("accessKeyId", false)]
    public void IsSensitiveKey_ShouldMatchCredentialNamesInAnySpelling(string key, bool sensitive) =>
        Assert.Equal(sensitive, SecretRedactor.IsSensitiveKey(key));

    [Theory]
    [InlineData(
        "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=abc123",
        "abc123")]
    [InlineData("GET /bucket/key?X-Amz-Security-Token=TOKENVALUE&X-Amz-Signature=SIGVALUE", "TOKENVALUE")]
    [InlineData("GET /bucket/key?X-Amz-Security-Token=TOKENVALUE&X-Amz-Signature=SIGVALUE", "SIGVALUE")]
    [InlineData("{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG\", \"Expiration\": 1}", "wJalrXUtnFEMI")]
    [InlineData("aws_session_token = FQoGZXIvYXdzE", "FQoGZXIvYXdzE")]
    [InlineData("authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi")]
    public void Scrub_ShouldRemoveCredentialValuesFromText(string text, string secret)
    {
        var scrubbed = SecretRedactor.Scrub(text);

        Assert.DoesNotContain(secret, scrubbed, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Redacted, scrubbed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Event 7bf73129 ignored: not this handler's business")]
    [InlineData("model-package/churn/3 approved by arn:aws:iam::111122223333:role/risk")]
    [InlineData("s3://models/churn/model.tar.gz sha256=9f86d081884c7d65")]
    public void Scrub_ShouldLeaveOrdinaryTextUnchanged(string text) =>
        Assert.Equal(text, SecretRedactor.Scrub(text));
}
