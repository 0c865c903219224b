using Governance.Core.Events;
using Governance.Core.Flows;
using Governance.Core.Processing;
using Governance.Hosting;

namespace Governance.Functions;

/// <summary>Runs a model package flow (<see cref="RegistrySyncFlow"/>, <see cref="DeploymentTriggerFlow"/>) for a routed event.</summary>
public sealed class FlowDomainHandler(string handlerName, Func<FlowEvent, CancellationToken, Task<FlowResult>> run) : IDomainHandler
{
    public static FlowDomainHandler For(RegistrySyncFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new(RegistrySyncFlow.Handler, flow.RunAsync);
    }

    public static FlowDomainHandler For(DeploymentTriggerFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new(DeploymentTriggerFlow.Handler, flow.RunAsync);
    }

    public async Task<ProcessingResult> HandleAsync(ParsedEvent parsed, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(context);
        if (parsed.Detail is not ModelPackageStateChange || parsed.Envelope.Id is null)
        {
            return ProcessingResults.Ignored(parsed, handlerName, "not a model package state change with an event id");
        }

        var result = await run(FlowEvent.From(parsed, context.Deadline), cancellationToken);
        return ProcessingResults.Processed(parsed, handlerName, result.Effects, result.Reason);
    }
}
