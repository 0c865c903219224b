using Governance.Core.Ledger;

namespace Governance.Core.Flows;

/// <summary>
/// Runs a piece of work at most once per (key, scope) through the idempotency store: a second run gets the
/// recorded result instead, a concurrent one a retryable failure, and a failed run gives its claim back.
/// </summary>
internal sealed class OnceGuard(IIdempotencyStore store)
{
    public async Task<(string Result, bool Replayed)> RunAsync(
        string key, string scope, DateTimeOffset deadline, Func<Task<string>> work, CancellationToken cancellationToken)
    {
        var claim = await store.TryBeginAsync(key, scope, deadline, cancellationToken);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.AlreadyCompleted:
                return (claim.Result ?? string.Empty, true);
            case IdempotencyOutcome.InProgress:
                throw new FlowStepException(
                    $"{scope} for {key} is being handled by another invocation until {claim.InProgressUntil:O}; deliver again later",
                    retryable: true);
        }

        var token = claim.Token ?? throw new InvalidOperationException("the idempotency store acquired a claim without a token");
        string result;
        try
        {
            result = await work();
        }
        catch
        {
            await store.ReleaseAsync(key, scope, token, CancellationToken.None);
            throw;
        }

        if (!await store.CompleteAsync(key, scope, token, result, cancellationToken))
        {
            throw new FlowStepException(
                $"{scope} for {key} took longer than the invocation deadline and another invocation claimed it; deliver again",
                retryable: true);
        }

        return (result, false);
    }
}
