namespace Governance.Core.Ledger;

/// <summary>Relation names used by the handlers, and the rule every relation name follows.</summary>
public static class Relations
{
    public const string TrainedOn = "trained-on";
    public const string BuiltWith = "built-with";
    public const string Produced = "produced";
    public const string PackagedAs = "packaged-as";
    public const string CopiedTo = "copied-to";
    public const string MemberOf = "member-of";
    public const string DeployedBy = "deployed-by";
    public const string UsedBy = "used-by";
    public const string Serves = "serves";
    public const string ViolatedBy = "violated-by";

    /// <summary>The relation of <see cref="CurrentLink"/> "which central package runs on this endpoint".</summary>
    public const string Runs = "runs";

    /// <summary>True for 1-64 characters of lower-case letters, digits and dashes, starting with a letter.</summary>
    public static bool IsValid(string relation) =>
        !string.IsNullOrEmpty(relation)
        && relation.Length <= 64
        && char.IsAsciiLetterLower(relation[0])
        && relation.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public static void Validate(string relation)
    {
        if (!IsValid(relation))
        {
            throw new ArgumentException(
                $"relation '{relation}' must be 1-64 lower-case letters, digits or dashes, starting with a letter",
                nameof(relation));
        }
    }
}
