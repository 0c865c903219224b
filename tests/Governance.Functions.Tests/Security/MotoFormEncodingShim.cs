using System.Collections.Concurrent;
using System.Text;
using Governance.Aws.Signing;

namespace Governance.Functions.Tests.Security;

/// <summary>
/// moto checks a query-protocol signature over the form it re-encodes from the parsed parameters (Python's
/// urlencode: a space becomes '+'), not over the bytes received; AWS signs the bytes. The project's client
/// encodes a space as %20, which AWS accepts, so a form value with a space (an SNS message) fails moto's check
/// only. For such requests this handler re-encodes spaces as '+' — the same parameters to any form decoder —
/// and signs again with the same credentials, time and headers. Nothing else is altered.
/// </summary>
internal sealed class MotoFormEncodingShim(Func<string, SigningCredentials?> credentialsByKeyId, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentBag<string> _replaced = [];

    /// <summary>The Authorization values this handler replaced (they were produced by the client, so they are secrets too).</summary>
    public IEnumerable<string> Replaced => _replaced;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content?.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded"
            && request.Headers.TryGetValues("Authorization", out var authorizations))
        {
            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            if (body.Contains("%20", StringComparison.Ordinal))
            {
                var authorization = authorizations.Single();
                var scope = Between(authorization, "Credential=", ",").Split('/');
                var credentials = credentialsByKeyId(scope[0])
                    ?? throw new InvalidOperationException($"no credentials known for access key {scope[0][..4]}…");
                var reencoded = Encoding.UTF8.GetBytes(body.Replace("%20", "+", StringComparison.Ordinal));
                var contentType = request.Content.Headers.ContentType!.ToString();
                var signedNames = Between(authorization, "SignedHeaders=", ",").Split(';');
                var headers = signedNames.Select(name => KeyValuePair.Create(name, name switch
                {
                    "host" => request.RequestUri!.IsDefaultPort ? request.RequestUri.Host : $"{request.RequestUri.Host}:{request.RequestUri.Port}",
                    "content-type" => contentType,
                    _ => request.Headers.GetValues(name).Single(),
                })).ToList();
                var time = DateTimeOffset.ParseExact(request.Headers.GetValues("X-Amz-Date").Single(), "yyyyMMdd'T'HHmmss'Z'",
                    System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
                var signable = new SignableRequest("POST", request.RequestUri!.AbsolutePath, string.Empty, headers, SigV4Signer.HashHex(reencoded));
                var signature = SigV4Signer.Sign(signable, credentials, new SigningScope(scope[2], scope[3]), time);

                _replaced.Add(authorization);
                request.Content = new ByteArrayContent(reencoded);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        var to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? text[from..] : text[from..to];
    }
}
