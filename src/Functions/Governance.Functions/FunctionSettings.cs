using Governance.Core.Events;

namespace Governance.Functions;

/// <summary>Configuration every function reads once, at INIT.</summary>
/// <param name="CentralAccountId">GOVERNANCE_CENTRAL_ACCOUNT: the governance account's id.</param>
public sealed record FunctionSettings(string CentralAccountId)
{
    public const string CentralAccountVariable = "GOVERNANCE_CENTRAL_ACCOUNT";

    /// <exception cref="InvalidOperationException">A required setting is missing or malformed; the message says which.</exception>
    public static FunctionSettings FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var central = variable(CentralAccountVariable)?.Trim();
        if (string.IsNullOrEmpty(central))
        {
            throw new InvalidOperationException($"{CentralAccountVariable} is not set: it must hold the 12-digit id of the governance (central) account");
        }

        if (!AccountId.IsValid(central))
        {
            throw new InvalidOperationException($"{CentralAccountVariable} is \"{central}\": it must be a 12-digit AWS account id");
        }

        return new FunctionSettings(central);
    }
}
