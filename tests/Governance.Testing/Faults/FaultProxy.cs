using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Testing.Faults;

/// <summary>One request as the proxy handled it.</summary>
/// <param name="Sequence">1-based order of arrival.</param>
/// <param name="Status">The status the caller got: upstream's, the injected one, or 0 when the connection was reset.</param>
/// <param name="Triggered">A trigger ran at this request (and the request was dropped there).</param>
public sealed record ProxiedRequest(int Sequence, string Service, string Operation, FaultKind Fault, int Status, bool Triggered = false)
{
    /// <summary>The request's X-Amzn-Trace-Id header, when it carried one.</summary>
    public string? TraceHeader { get; init; }

    /// <summary>Whether moto saw (and applied) the request.</summary>
    public bool Forwarded => Fault.Forwards() && !(Triggered && Fault == FaultKind.Reset);

    public override string ToString() => $"#{Sequence} {Service}:{Operation} {Fault}{(Triggered ? " (triggered)" : string.Empty)} -> {Status}";
}

/// <summary>Which requests a rule injects faults into, how often, and which faults (picked uniformly).</summary>
/// <param name="Service">Signing name, or <c>*</c> for every service.</param>
/// <param name="Operation">One operation only, or null for all.</param>
public sealed record FaultRule(string Service, double Rate, IReadOnlyList<FaultKind> Kinds, string? Operation = null)
{
    public bool Matches(AwsRequestIdentity identity) =>
        (Service == "*" || Service == identity.Service) && (Operation is null || Operation == identity.Operation);
}

/// <summary>
/// A loopback reverse proxy in front of moto_server that injects faults the way AWS fails: per service, at a
/// configured rate from a seeded <see cref="Random"/> of its own (so one service's faults do not shift when another
/// service gets more or fewer requests), it throttles (in the service's own protocol), answers
/// 500/503, delays, resets the connection, or forwards the request and then loses the response. It keeps the
/// signed Host header, records every request, and can run a trigger at the Nth request (before forwarding it or
/// after moto applied it) and drop that request: the crash of the process that sent it.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection",
        "Proxy-Authenticate", "Proxy-Authorization", "Expect", "Host", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly Uri _upstream;
    private readonly HttpClient _http;
    private readonly int _seed;
    private readonly Dictionary<string, Random> _randoms = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<ProxiedRequest> _requests = [];
    private readonly List<FaultRule> _rules = [];
    private (Func<int, AwsRequestIdentity, bool> Matches, RequestPhase Phase, Action Action)? _trigger;
    private int _sequence;

    private FaultProxy(WebApplication app, Uri upstream, int seed)
    {
        _app = app;
        _upstream = upstream;
        _seed = seed;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The proxy's address: the AWS endpoint to give the code under test.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1");

    /// <summary>How long a <see cref="FaultKind.Latency"/> fault delays a request.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How many requests have arrived so far.</summary>
    public int Count => Volatile.Read(ref _sequence);

    /// <summary>Every request handled so far, in order of completion.</summary>
    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests.OrderBy(request => request.Sequence)];
            }
        }
    }

    public static async Task<FaultProxy> StartAsync(Uri upstream, int seed = 20240610)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var proxy = new FaultProxy(app, upstream, seed);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return proxy;
    }

    /// <summary>Adds a rule; the first rule matching a request decides whether it is faulted.</summary>
    public void Inject(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Faults at <paramref name="rate"/> on <paramref name="service"/> (<c>*</c>: all), drawn from <paramref name="kinds"/> (default: all).</summary>
    public void Inject(string service, double rate, params FaultKind[] kinds) =>
        Inject(new FaultRule(service, rate, kinds.Length == 0 ? FaultKinds.All : kinds));

    /// <summary>No more faults (requests keep being recorded).</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>
    /// When request number <paramref name="sequence"/> (see <see cref="Count"/>) reaches <paramref name="phase"/>,
    /// runs <paramref name="action"/> (e.g. kills the caller) and drops the request there. Once.
    /// </summary>
    public void TriggerAt(int sequence, RequestPhase phase, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            _trigger = ((number, _) => number == sequence, phase, action);
        }
    }

    /// <summary>
    /// When the <paramref name="occurrence"/>-th <paramref name="service"/>:<paramref name="operation"/> request from
    /// now reaches <paramref name="phase"/>, runs <paramref name="action"/> and drops the request there. Once. Unlike
    /// a request number, this stays on the same step when the calls before it vary in number.
    /// </summary>
    public void TriggerAt(string service, string operation, int occurrence, RequestPhase phase, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var seen = 0;
        lock (_gate)
        {
            _trigger = ((_, identity) => identity.Service == service && identity.Operation == operation && ++seen == occurrence, phase, action);
        }
    }

    public void ClearTrigger()
    {
        lock (_gate)
        {
            _trigger = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        var body = await ReadBodyAsync(http.Request);
        var identity = AwsRequestIdentity.Of(http.Request, body);
        var (fault, trigger) = Decide(sequence, identity);

        if (trigger is { Phase: RequestPhase.BeforeForwarding })
        {
            trigger.Value.Action();
            Record(new ProxiedRequest(sequence, identity.Service, identity.Operation, FaultKind.Reset, 0, Triggered: true));
            http.Abort();
            return;
        }

        if (!fault.Forwards())
        {
            if (fault == FaultKind.Reset)
            {
                Record(new ProxiedRequest(sequence, identity.Service, identity.Operation, fault, 0));
                http.Abort();
                return;
            }

            var (status, _, _) = InjectedErrors.For(fault, identity);
            Record(new ProxiedRequest(sequence, identity.Service, identity.Operation, fault, status));
            await InjectedErrors.WriteAsync(http, fault, identity);
            return;
        }

        if (fault == FaultKind.Latency)
        {
            await Task.Delay(Latency, http.RequestAborted);
        }

        using var upstream = await ForwardAsync(http.Request, body, http.RequestAborted);
        var responseBody = await upstream.Content.ReadAsByteArrayAsync(http.RequestAborted);

        if (trigger is { Phase: RequestPhase.AfterForwarding })
        {
            trigger.Value.Action();
            Record(new ProxiedRequest(sequence, identity.Service, identity.Operation, FaultKind.ResponseLostReset, 0, Triggered: true));
            http.Abort();
            return;
        }

        switch (fault)
        {
            case FaultKind.ResponseLostReset:
                Record(new ProxiedRequest(sequence, identity.Service, identity.Operation, fault, 0));
                http.Abort();
                return;
            case FaultKind.ResponseLostError:
                Record(new ProxiedRequest(sequence, identity.Service, identity.Operation, fault, 500));
                await InjectedErrors.WriteAsync(http, fault, identity);
                return;
        }

        Record(new ProxiedRequest(sequence, identity.Service, identity.Operation, fault, (int)upstream.StatusCode)
        {
            TraceHeader = http.Request.Headers["X-Amzn-Trace-Id"] is { Count: > 0 } trace ? trace.ToString() : null,
        });
        await CopyResponseAsync(upstream, responseBody, http);
    }

    private (FaultKind Fault, (Func<int, AwsRequestIdentity, bool> Matches, RequestPhase Phase, Action Action)? Trigger) Decide(int sequence, AwsRequestIdentity identity)
    {
        lock (_gate)
        {
            if (_trigger is { } trigger && trigger.Matches(sequence, identity))
            {
                _trigger = null;
                return (FaultKind.None, trigger);
            }

            var rule = _rules.FirstOrDefault(candidate => candidate.Matches(identity));
            if (rule is null || rule.Kinds.Count == 0)
            {
                return (FaultKind.None, null);
            }

            if (!_randoms.TryGetValue(identity.Service, out var random))
            {
                // A stable per-service seed (string.GetHashCode differs between processes).
                random = new Random(_seed ^ identity.Service.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)));
                _randoms[identity.Service] = random;
            }

            return random.NextDouble() >= rule.Rate ? (FaultKind.None, null) : (rule.Kinds[random.Next(rule.Kinds.Count)], null);
        }
    }

    private void Record(ProxiedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var target = new Uri(_upstream, request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
            }
        }

        // The signature covers the Host the caller sent (the proxy's); keep it.
        message.Headers.Host = request.Host.Value;
        return await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    private static async Task CopyResponseAsync(HttpResponseMessage upstream, byte[] body, HttpContext http)
    {
        http.Response.StatusCode = (int)upstream.StatusCode;
        foreach (var (name, values) in upstream.Headers.Concat(upstream.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                http.Response.Headers[name] = values.ToArray();
            }
        }

        if (HttpMethods.IsHead(http.Request.Method))
        {
            if (upstream.Content.Headers.ContentLength is { } length)
            {
                http.Response.ContentLength = length;
            }

            return;
        }

        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}
