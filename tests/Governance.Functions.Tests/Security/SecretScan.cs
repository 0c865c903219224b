namespace Governance.Functions.Tests.Security;

/// <summary>Checks that text meant for logs holds none of a run's secrets nor anything shaped like a signed request.</summary>
internal static class SecretScan
{
    /// <summary>Markers of a signed request or credential that must never be logged, whatever their value.</summary>
    private static readonly string[] Markers = ["Signature=", "Credential=", "AWS4-HMAC-SHA256 ", "X-Amz-Security-Token:", "X-Amz-Security-Token=", "\"Authorization\""];

    /// <summary>The findings: which secret (shortened) or marker appears in which line.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> lines, IEnumerable<string> secrets)
    {
        var wanted = secrets.Where(secret => secret.Length >= 8).Distinct(StringComparer.Ordinal).ToList();
        var findings = new List<string>();
        foreach (var line in lines)
        {
            findings.AddRange(wanted.Where(secret => line.Contains(secret, StringComparison.Ordinal))
                .Select(secret => $"secret {secret[..4]}… in: {Shorten(line)}"));
            findings.AddRange(Markers.Where(marker => line.Contains(marker, StringComparison.OrdinalIgnoreCase))
                .Select(marker => $"'{marker}' in: {Shorten(line)}"));
        }

        return findings;
    }

    public static void AssertClean(IEnumerable<string> lines, IEnumerable<string> secrets)
    {
        var materialised = lines.ToList();
        Assert.NotEmpty(materialised);
        var findings = Find(materialised, secrets);
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
    }

    private static string Shorten(string line) => line.Length <= 300 ? line : line[..300] + "…";
}
