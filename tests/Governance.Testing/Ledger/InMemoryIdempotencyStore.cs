using Governance.Core.Ledger;

namespace Governance.Testing.Ledger;

/// <summary>The idempotency store in memory, with the DynamoDB store's claim, expiry and completion rules.</summary>
public sealed class InMemoryIdempotencyStore(TimeProvider time) : IIdempotencyStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string EventId, string Handler), Entry> _entries = [];

    public InMemoryIdempotencyStore()
        : this(TimeProvider.System)
    {
    }

    public Task<IdempotencyClaim> TryBeginAsync(string eventId, string handler, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (eventId, handler);
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.Result is not null)
                {
                    return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.AlreadyCompleted, null, entry.Result, null));
                }

                if (entry.Until >= time.GetUtcNow())
                {
                    return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.InProgress, null, null, entry.Until));
                }
            }

            var token = Guid.NewGuid().ToString("N");
            _entries[key] = new Entry(token, deadline, null);
            return Task.FromResult(new IdempotencyClaim(IdempotencyOutcome.Acquired, token, null, deadline));
        }
    }

    public Task<bool> CompleteAsync(string eventId, string handler, string token, string result, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (eventId, handler);
            if (_entries.TryGetValue(key, out var entry) && entry.Token == token && entry.Result is null)
            {
                _entries[key] = entry with { Result = result };
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    public Task ReleaseAsync(string eventId, string handler, string token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = (eventId, handler);
            if (_entries.TryGetValue(key, out var entry) && entry.Token == token && entry.Result is null)
            {
                _entries.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    private sealed record Entry(string Token, DateTimeOffset Until, string? Result);
}
