using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Governance.Core.Policy;

/// <summary>
/// Reads and validates a policy document. Every problem is reported at once, each with its JSON path, in a
/// <see cref="PolicyValidationException"/>; a function that cannot load its policy should fail its init with that message.
/// </summary>
public static class PolicyLoader
{
    /// <param name="json">The policy document text.</param>
    /// <param name="source">What to call the document in error messages, e.g. its file name.</param>
    public static GovernancePolicy Load(string json, string source = "policy.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, StrictJson.Options);
        }
        catch (JsonException exception)
        {
            var location = exception.LineNumber is { } line
                ? " (line " + (line + 1) + ", position " + ((exception.BytePositionInLine ?? 0) + 1) + ")"
                : string.Empty;
            throw new PolicyValidationException(source, [new PolicyError("$", "not valid JSON" + location + ": " + exception.Message)]);
        }

        using (document)
        {
            var errors = PolicyValidator.Validate(document.RootElement);
            if (errors.Count > 0)
            {
                throw new PolicyValidationException(source, errors);
            }

            var policy = document.RootElement.Deserialize(PolicyJsonContext.Default.PolicyDocument)
                ?? throw new PolicyValidationException(source, [new PolicyError("$", "the policy is null")]);
            return new GovernancePolicy(policy, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
        }
    }

    /// <summary>Like <see cref="Load"/>, but returns the problems instead of throwing.</summary>
    public static bool TryLoad(string json, out GovernancePolicy? policy, out IReadOnlyList<PolicyError> errors, string source = "policy.json")
    {
        try
        {
            policy = Load(json, source);
            errors = [];
            return true;
        }
        catch (PolicyValidationException exception)
        {
            policy = null;
            errors = exception.Errors;
            return false;
        }
    }
}
