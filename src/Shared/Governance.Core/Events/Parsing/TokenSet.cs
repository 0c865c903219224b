namespace Governance.Core.Events.Parsing;

/// <summary>
/// The wire spellings of a status enum. Matching ignores case (producers differ) but nothing else: numbers,
/// combined flags and unknown words are refused, unlike <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>.
/// </summary>
internal sealed class TokenSet<T>
    where T : struct, Enum
{
    private readonly (string Text, T Value)[] _tokens;

    public TokenSet(params (string Text, T Value)[] tokens)
    {
        _tokens = tokens;
        Allowed = string.Join(", ", tokens.Select(token => token.Text));
    }

    /// <summary>The accepted spellings, for rejection reasons.</summary>
    public string Allowed { get; }

    public bool TryMatch(string text, out T value)
    {
        foreach (var (token, tokenValue) in _tokens)
        {
            if (string.Equals(token, text, StringComparison.OrdinalIgnoreCase))
            {
                value = tokenValue;
                return true;
            }
        }

        value = default;
        return false;
    }
}

internal static class Tokens
{
    public static readonly TokenSet<ModelApprovalStatus> ApprovalStatus = new(
        ("Approved", ModelApprovalStatus.Approved),
        ("Rejected", ModelApprovalStatus.Rejected),
        ("PendingManualApproval", ModelApprovalStatus.PendingManualApproval));

    public static readonly TokenSet<PipelineExecutionStatus> ExecutionStatus = new(
        ("Executing", PipelineExecutionStatus.Executing),
        ("Stopping", PipelineExecutionStatus.Stopping),
        ("Stopped", PipelineExecutionStatus.Stopped),
        ("Failed", PipelineExecutionStatus.Failed),
        ("Succeeded", PipelineExecutionStatus.Succeeded));

    public static readonly TokenSet<PipelineStepStatus> StepStatus = new(
        ("Starting", PipelineStepStatus.Starting),
        ("Executing", PipelineStepStatus.Executing),
        ("Stopping", PipelineStepStatus.Stopping),
        ("Stopped", PipelineStepStatus.Stopped),
        ("Failed", PipelineStepStatus.Failed),
        ("Succeeded", PipelineStepStatus.Succeeded));

    public static readonly TokenSet<CodePipelineState> CodePipelineState = new(
        ("STARTED", Events.CodePipelineState.Started),
        ("SUCCEEDED", Events.CodePipelineState.Succeeded),
        ("FAILED", Events.CodePipelineState.Failed),
        ("STOPPED", Events.CodePipelineState.Stopped),
        ("STOPPING", Events.CodePipelineState.Stopping),
        ("SUPERSEDED", Events.CodePipelineState.Superseded),
        ("CANCELED", Events.CodePipelineState.Canceled),
        ("RESUMED", Events.CodePipelineState.Resumed),
        ("ABANDONED", Events.CodePipelineState.Abandoned));

    public static readonly TokenSet<ComplianceType> ComplianceType = new(
        ("COMPLIANT", Events.ComplianceType.Compliant),
        ("NON_COMPLIANT", Events.ComplianceType.NonCompliant),
        ("NOT_APPLICABLE", Events.ComplianceType.NotApplicable),
        ("INSUFFICIENT_DATA", Events.ComplianceType.InsufficientData));
}
