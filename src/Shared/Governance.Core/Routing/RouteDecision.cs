namespace Governance.Core.Routing;

/// <summary>
/// Where an event goes: a handler, or nowhere (<see cref="Handler"/> null) with the reason it is ignored.
/// <see cref="Reason"/> is always set, so either outcome can be logged as it is.
/// </summary>
public sealed record RouteDecision(string? Handler, string Reason)
{
    public bool IsIgnored => Handler is null;

    public static RouteDecision To(string handler, string reason) => new(handler, reason);

    public static RouteDecision Ignore(string reason) => new(null, reason);
}
