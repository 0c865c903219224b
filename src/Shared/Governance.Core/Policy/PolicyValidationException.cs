namespace Governance.Core.Policy;

/// <summary>The policy document is invalid; <see cref="Errors"/> lists every problem found, each with its JSON path.</summary>
public sealed class PolicyValidationException : Exception
{
    public PolicyValidationException()
        : this("policy", [])
    {
    }

    public PolicyValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public PolicyValidationException(string source, IReadOnlyList<PolicyError> errors)
        : base(Describe(source, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<PolicyError> Errors { get; }

    private static string Describe(string source, IReadOnlyList<PolicyError> errors) =>
        "The governance policy " + source + " is invalid (" + errors.Count + (errors.Count == 1 ? " problem" : " problems") + "):"
        + string.Concat(errors.Select(error => "\n  " + error));
}
