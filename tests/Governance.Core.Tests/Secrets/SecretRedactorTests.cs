using Governance.Core.Secrets;

namespace Governance.Core.Tests.Secrets;

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
    [InlineData("HF_TOKEN", true)]
    [InlineData("clientSecret", true)]
    [InlineData("x-api-key", true)]
    [InlineData("private_key", true)]
    [InlineData("kmsKeyId", false)]
    [InlineData("modelName", false)]
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
    [InlineData("upstream said Bearer mF_9.B5f-4.1JqM", "mF_9.B5f-4.1JqM")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJlLXZhbHVl here", "eyJzdWIiOiJqYW5lIn0")]
    [InlineData("used key AKIAIOSFODNN7EXAMPLE today", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7x\n-----END RSA PRIVATE KEY-----", "MIIEpAIBAAKCAQEA7x")]
    [InlineData("HF_TOKEN=hf_abcdef0123456789 next", "hf_abcdef0123456789")]
    [InlineData("{\"client_secret\": \"cs-8b31e04d\"}", "cs-8b31e04d")]
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
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-password-AbCdEf")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:iam::111122223333:role/token-rotator")]
    public void Scrub_ShouldLeaveOrdinaryTextUnchanged(string text) =>
        Assert.Equal(text, SecretRedactor.Scrub(text));
}
