using Governance.Core.Routing;
using Governance.Hosting;
using Governance.Hosting.Logging;
using Governance.Hosting.Metrics;
using Governance.Hosting.Runtime;

namespace Governance.Functions;

/// <summary>
/// Maps the function's Handler setting (one of <see cref="HandlerNames.All"/>) to the handler that serves it.
/// One bootstrap serves every function; the composition happens here, once, during INIT.
/// </summary>
public static class FunctionCatalog
{
    /// <summary>Builds the handler for <paramref name="handlerName"/> (case-insensitive).</summary>
    /// <exception cref="UnknownHandlerException">No handler has that name.</exception>
    public static IFunctionHandler Create(string handlerName, FunctionSettings settings, LambdaLogger logger, LambdaMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var known = HandlerNames.All.FirstOrDefault(name => string.Equals(name, handlerName?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new UnknownHandlerException(handlerName, HandlerNames.All);
        return known == HandlerNames.LineageApi
            ? new LineageApiFunction(logger)
            : new EventFunction(known, new EventRouter(settings.CentralAccountId), logger, metrics);
    }
}
