namespace Governance.Testing.Faults;

/// <summary>What the <see cref="FaultProxy"/> does to one request instead of (or besides) forwarding it.</summary>
public enum FaultKind
{
    /// <summary>Forwarded and answered normally.</summary>
    None,

    /// <summary>Not forwarded; answered with the service's own throttling error (ThrottlingException, Throttling, SlowDown).</summary>
    Throttle,

    /// <summary>Not forwarded; answered 500 with the service's internal error.</summary>
    ServerError,

    /// <summary>Not forwarded; answered 503 with the service's unavailable error.</summary>
    Unavailable,

    /// <summary>Forwarded and answered normally, after a delay.</summary>
    Latency,

    /// <summary>Not forwarded; the connection is reset.</summary>
    Reset,

    /// <summary>Forwarded and applied; then the connection is reset instead of answering.</summary>
    ResponseLostReset,

    /// <summary>Forwarded and applied; then answered 500 as if it had failed.</summary>
    ResponseLostError,
}

/// <summary>Where in handling a request a <see cref="FaultProxy"/> trigger runs.</summary>
public enum RequestPhase
{
    /// <summary>Received, not forwarded: the request is never applied.</summary>
    BeforeForwarding,

    /// <summary>Forwarded and applied, the response not yet returned.</summary>
    AfterForwarding,
}

public static class FaultKinds
{
    /// <summary>Every fault that changes the outcome of a request (all but <see cref="FaultKind.None"/>).</summary>
    public static readonly IReadOnlyList<FaultKind> All =
    [
        FaultKind.Throttle, FaultKind.ServerError, FaultKind.Unavailable, FaultKind.Latency,
        FaultKind.Reset, FaultKind.ResponseLostReset, FaultKind.ResponseLostError,
    ];

    /// <summary>The faults after which the request was applied although the caller saw a failure.</summary>
    public static bool LosesResponse(this FaultKind kind) => kind is FaultKind.ResponseLostReset or FaultKind.ResponseLostError;

    /// <summary>Whether the upstream saw the request.</summary>
    public static bool Forwards(this FaultKind kind) => kind is FaultKind.None or FaultKind.Latency || kind.LosesResponse();
}
