namespace Governance.Aws.Signing;

/// <summary>
/// A request as the signer sees it: method, the path and query exactly as they go on the wire, the headers
/// in order (repeated names allowed) and the SHA-256 of the payload.
/// </summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">The path as sent (already percent-encoded by the transport, or raw as in the suite).</param>
/// <param name="Query">The query string without '?', or empty.</param>
/// <param name="Headers">Headers to sign, in arrival order.</param>
/// <param name="PayloadHash">Lower-case hex SHA-256 of the body.</param>
public sealed record SignableRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadHash);

/// <summary>Where and as whom a request is signed.</summary>
/// <param name="Region">Signing region, e.g. us-east-1.</param>
/// <param name="Service">Signing name, e.g. sagemaker.</param>
/// <param name="NormalizePath">Remove dot and empty segments (every service except S3).</param>
public sealed record SigningScope(string Region, string Service, bool NormalizePath = true);

/// <summary>Every intermediate product of a signature, so tests can check each step.</summary>
public sealed record SigV4Signature(
    string CanonicalRequest,
    string StringToSign,
    string SignedHeaders,
    string Signature,
    string Authorization);
