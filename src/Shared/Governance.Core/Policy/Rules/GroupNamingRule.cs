using System.Text.RegularExpressions;
using Governance.Core.Registry;

namespace Governance.Core.Policy.Rules;

/// <summary>The model package group name must match the policy's regular expression.</summary>
public sealed class GroupNamingRule(GroupNamingOptions options) : IPolicyRule
{
    private readonly Regex pattern = PolicyValidator.CompileGroupPattern(options.Pattern);
    private readonly string convention = options.Description is null
        ? "pattern " + options.Pattern
        : options.Description + "; pattern " + options.Pattern;

    public string Id => RuleIds.GroupNaming;

    public RuleMode Mode { get; } = options.Mode;

    public RuleResult Evaluate(PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var package = subject.Package;
        var name = Wording.Quote(package.GroupName);
        try
        {
            return pattern.IsMatch(package.GroupName)
                ? new RuleResult(Id, Mode, true, "Model package group name " + name + " follows the naming convention (" + convention + ").")
                : new RuleResult(Id, Mode, false, "Model package group name " + name + " does not follow the naming convention (" + convention + ").");
        }
        catch (RegexMatchTimeoutException)
        {
            return new RuleResult(Id, Mode, false,
                "Model package group name " + name + " could not be checked against the naming convention in time (" + convention + ").");
        }
    }
}
