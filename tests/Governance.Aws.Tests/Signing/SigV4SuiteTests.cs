using System.Globalization;
using System.Text;
using Governance.Aws.Signing;
using Governance.Local.Lambda;
using Governance.Testing;

namespace Governance.Aws.Tests.Signing;

/// <summary>Every case of the official SigV4 test suite: canonical request, string to sign, Authorization.</summary>
public sealed class SigV4SuiteTests
{
    private static readonly SigningCredentials SuiteCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly SigningScope SuiteScope = new("us-east-1", "service");

    /// <summary>The token get-vanilla-with-session-token expects the signer to add.</summary>
    private const string SuiteSessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (SharedFolder.Path is null)
        {
            data.Add("shared-folder-absent");
            return data;
        }

        var root = SharedFolder.Combine("aws", "sigv4-testsuite");
        foreach (var request in Directory.EnumerateFiles(root, "*.req", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, Path.GetDirectoryName(request)!).Replace('\\', '/'));
        }

        return data;
    }

    [SharedFact]
    public void Suite_ShouldHaveAllThirtyFourCases() => Assert.Equal(34, Cases().Count);

    [SharedTheory]
    [MemberData(nameof(Cases))]
    public void Sign_ShouldMatchSuiteCase(string caseName)
    {
        var folder = SharedFolder.Combine("aws", "sigv4-testsuite", caseName);
        var name = Path.GetFileName(folder);
        var request = SuiteRequest.Parse(File.ReadAllBytes(Path.Combine(folder, name + ".req")));
        var credentials = name == "get-vanilla-with-session-token"
            ? SuiteCredentials with { SessionToken = SuiteSessionToken }
            : SuiteCredentials;
        var time = DateTimeOffset.ParseExact(request.Header("X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        var signable = new SignableRequest(
            request.Method,
            request.Path,
            request.Query,
            SigV4Signer.WithAuthHeaders(request.Headers, credentials, time),
            SigV4Signer.HashHex(request.Body));
        var signature = SigV4Signer.Sign(signable, credentials, SuiteScope, time);

        Assert.Equal(Expected(folder, name, ".creq"), signature.CanonicalRequest);
        Assert.Equal(Expected(folder, name, ".sts"), signature.StringToSign);
        Assert.Equal(Expected(folder, name, ".authz"), signature.Authorization);
    }

    private static string Expected(string folder, string name, string extension) =>
        File.ReadAllText(Path.Combine(folder, name + extension), Encoding.UTF8).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>A raw HTTP/1.1 request as the suite writes it (continuation lines fold into the header above).</summary>
    private sealed record SuiteRequest(string Method, string Path, string Query, List<KeyValuePair<string, string>> Headers, byte[] Body)
    {
        public string Header(string name) => Headers.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        public static SuiteRequest Parse(byte[] raw)
        {
            var text = Encoding.UTF8.GetString(raw).Replace("\r\n", "\n", StringComparison.Ordinal);
            var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
            var head = blank < 0 ? text : text[..blank];
            var body = blank < 0 ? string.Empty : text[(blank + 2)..];
            var lines = head.Split('\n');

            var requestLine = lines[0];
            var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
            var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? target : target[..question];
            var query = question < 0 ? string.Empty : target[(question + 1)..];

            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                if (char.IsWhiteSpace(line[0]))
                {
                    var last = headers[^1];
                    headers[^1] = new(last.Key, last.Value + "\n" + line);
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..colon], line[(colon + 1)..]));
            }

            return new SuiteRequest(method, path, query, headers, Encoding.UTF8.GetBytes(body));
        }
    }
}
