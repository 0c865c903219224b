using Governance.Core.Effects;

namespace Governance.Local.Ports;

/// <summary>The effect store in memory, with the DynamoDB store's claim, expiry and completion rules.</summary>
public sealed class InMemoryEffectStore(TimeProvider time) : IEffectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<EffectId, Entry> _entries = [];

    public InMemoryEffectStore()
        : this(TimeProvider.System)
    {
    }

    public Task<EffectClaim> TryBeginAsync(EffectId id, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var entry))
            {
                if (entry.Result is not null)
                {
                    return Task.FromResult(new EffectClaim(EffectClaimStatus.AlreadyCompleted, null, entry.Result, null));
                }

                if (entry.Until >= time.GetUtcNow())
                {
                    return Task.FromResult(new EffectClaim(EffectClaimStatus.InProgress, null, null, entry.Until));
                }
            }

            var token = Guid.NewGuid().ToString("N");
            _entries[id] = new Entry(token, deadline, null);
            return Task.FromResult(new EffectClaim(EffectClaimStatus.Acquired, token, null, deadline));
        }
    }

    public Task<bool> CompleteAsync(EffectId id, string token, string result, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.Token == token && entry.Result is null)
            {
                _entries[id] = entry with { Result = result };
                return Task.FromResult(true);
            }

            return Task.FromResult(false);
        }
    }

    public Task ReleaseAsync(EffectId id, string token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.Token == token && entry.Result is null)
            {
                _entries.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    private sealed record Entry(string Token, DateTimeOffset Until, string? Result);
}
