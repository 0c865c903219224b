using Governance.Aws;
using Governance.Core.Processing;
using Governance.Core.Routing;
using Governance.Handlers.Composition;
using Governance.Handlers.Settings;
using Governance.Hosting;
using Governance.Hosting.Metrics;
using Governance.Hosting.Runtime;
using Microsoft.Extensions.Logging;

namespace Governance.Handlers;

/// <summary>
/// Maps the function's Handler setting (one of <see cref="HandlerNames.All"/>) to the handler that serves it.
/// One bootstrap serves every function; the CLI runs the same catalogue. The composition happens here, once,
/// during INIT, from the settings the caller reads them from (never from variables set to pass them along).
/// </summary>
public static class FunctionCatalog
{
    /// <summary>The known handler name <paramref name="handlerName"/> means (case-insensitive, trimmed).</summary>
    /// <exception cref="UnknownHandlerException">No handler has that name.</exception>
    public static string Resolve(string? handlerName) =>
        HandlerNames.All.FirstOrDefault(name => string.Equals(name, handlerName?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownHandlerException(handlerName, HandlerNames.All);

    /// <summary>Builds the function for <paramref name="handlerName"/> from <paramref name="settings"/>.</summary>
    /// <param name="settings">Reads a setting (<see cref="SettingNames"/>, <c>AWS_*</c>): the environment in Lambda.</param>
    /// <param name="ports">
    /// The ports compositions ask for; the AWS adapters over <paramref name="settings"/> when null. Either way the
    /// ledger appends and notifications are counted in <paramref name="metrics"/>.
    /// </param>
    /// <exception cref="UnknownHandlerException">No handler has that name.</exception>
    /// <exception cref="InvalidOperationException">The handler's settings cannot be used; the message lists every problem.</exception>
    public static IFunctionHandler Create(
        string handlerName, Func<string, string?> settings, ILogger logger, IMetrics metrics, IPortFactory? ports = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var known = Resolve(handlerName);
        if (known == HandlerNames.LineageApi)
        {
            var lineage = LineageApiOptions.Read(settings);
            var aws = AwsContext.FromSettings(settings);

            // INIT reads the key once, before the first invocation; nothing is listening yet to wait on.
            var key = PageTokenKey.ReadAsync(aws.SecretsManager(aws.DefaultCredentials), lineage.PageTokenSecretId, CancellationToken.None).GetAwaiter().GetResult();
            return LineageApiFunction.Create(lineage, key, aws.Sdk.DynamoDb(), logger);
        }

        var metered = new MeteredPortFactory(ports ?? new AwsPortFactory(AwsContext.FromSettings(settings)), metrics);
        if (known == HandlerNames.LedgerAnchor)
        {
            return new LedgerAnchorFunction(metered.Anchoring(LedgerAnchorOptions.Read(settings)), logger, metrics);
        }

        var (handler, centralAccount) = HandlerComposition.Build(known, settings, metered);
        return Event(known, centralAccount, logger, metrics, handler);
    }

    /// <summary>The function of an event-driven handler composed elsewhere (tests, benchmarks).</summary>
    public static EventFunction Event(string handlerName, string centralAccount, ILogger logger, IMetrics metrics, IDomainHandler handler) =>
        new(Resolve(handlerName), new EventRouter(centralAccount), logger, metrics, handler);
}
