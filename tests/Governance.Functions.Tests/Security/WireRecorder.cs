using System.Collections.Concurrent;

namespace Governance.Functions.Tests.Security;

/// <summary>Keeps the Authorization, X-Amz-Security-Token and signature values of every request the hand-written clients send.</summary>
internal sealed class WireRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentBag<string> _values = [];

    public IEnumerable<string> Values => _values;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "Authorization", "X-Amz-Security-Token" })
        {
            if (request.Headers.TryGetValues(name, out var values))
            {
                foreach (var value in values)
                {
                    _values.Add(value);
                    var signature = value.IndexOf("Signature=", StringComparison.Ordinal);
                    if (signature >= 0)
                    {
                        _values.Add(value[(signature + "Signature=".Length)..]);
                    }
                }
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
