namespace Governance.Hosting.Tests.Support;

public static class Contexts
{
    public const string Trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    public const string TraceRoot = "1-5759e988-bd862e3fe1be46a994272793";
    public const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:governance-audit";

    public static InvocationContext Invocation(string requestId, bool coldStart = true, string? traceId = Trace) =>
        new(requestId, FunctionArn, traceId, DateTimeOffset.UtcNow.AddMinutes(1), "governance-audit", coldStart);
}
