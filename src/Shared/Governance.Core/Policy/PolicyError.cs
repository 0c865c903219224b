namespace Governance.Core.Policy;

/// <summary>One problem in a policy document: where (a JSON path such as <c>$.rules.requiredTags.mode</c>) and what.</summary>
public sealed record PolicyError(string Path, string Message)
{
    public override string ToString() => Path + ": " + Message;
}
