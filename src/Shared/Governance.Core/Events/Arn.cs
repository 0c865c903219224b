using System.Diagnostics.CodeAnalysis;

namespace Governance.Core.Events;

/// <summary>
/// An Amazon Resource Name split into its five parts:
/// <c>arn:partition:service:region:account:resource</c>. Region and account may be empty (IAM, S3).
/// </summary>
public sealed record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>IAM caps ARNs at 2048 characters; nothing longer is a real ARN.</summary>
    public const int MaxLength = 2048;

    /// <summary>The resource type: the part of <see cref="Resource"/> before the first '/' or ':'.</summary>
    public string ResourceType
    {
        get
        {
            var end = Resource.AsSpan().IndexOfAny('/', ':');
            return end < 0 ? Resource : Resource[..end];
        }
    }

    /// <summary>True when the account is a 12-digit AWS account id.</summary>
    public bool HasAccountId => AccountId.IsValid(Account);

    public static Arn Parse(string text) =>
        TryParse(text, out var arn, out var problem) ? arn : throw new FormatException(problem);

    public static bool TryParse(string? text, [NotNullWhen(true)] out Arn? arn) => TryParse(text, out arn, out _);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says which part is wrong.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Arn? arn, out string problem)
    {
        arn = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "it is empty";
            return false;
        }

        if (text.Length > MaxLength)
        {
            problem = $"it is longer than {MaxLength} characters";
            return false;
        }

        var span = text.AsSpan();
        Span<Range> parts = stackalloc Range[6];
        if (span.Split(parts, ':') < 6)
        {
            problem = "it does not have the six parts arn:partition:service:region:account:resource";
            return false;
        }

        // Split puts everything after the fifth ':' into the last range, so resources may contain ':'.
        if (!span[parts[0]].SequenceEqual("arn"))
        {
            problem = "it does not start with \"arn:\"";
            return false;
        }

        var partition = span[parts[1]];
        if (!partition.StartsWith("aws") || !IsLowerToken(partition))
        {
            problem = "the partition is not aws, aws-cn, aws-us-gov or another aws-* partition";
            return false;
        }

        var service = span[parts[2]];
        if (service.IsEmpty || !IsLowerToken(service))
        {
            problem = "the service is empty or not lower-case letters, digits and '-'";
            return false;
        }

        var region = span[parts[3]];
        if (!region.IsEmpty && !IsLowerToken(region))
        {
            problem = "the region is not lower-case letters, digits and '-'";
            return false;
        }

        var account = span[parts[4]];
        if (!account.IsEmpty && !AccountId.IsValid(account) && !account.SequenceEqual("aws"))
        {
            problem = "the account is not a 12-digit account id";
            return false;
        }

        var resource = span[parts[5]];
        if (resource.IsEmpty || resource.ContainsAnyInRange('\0', ' '))
        {
            problem = "the resource is empty or contains whitespace or control characters";
            return false;
        }

        arn = new Arn(partition.ToString(), service.ToString(), region.ToString(), account.ToString(), resource.ToString());
        problem = string.Empty;
        return true;
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";

    private static bool IsLowerToken(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>AWS account ids: exactly twelve ASCII digits.</summary>
public static class AccountId
{
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length != 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
