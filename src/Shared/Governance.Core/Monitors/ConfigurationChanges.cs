using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Processing;

namespace Governance.Core.Monitors;

/// <summary>
/// Records a new state AWS Config captured of the deployment machinery (a routed CodePipeline pipeline, a CodeBuild
/// project, a deployment stack) on the resource's chain, with what changed and the routes the pipeline serves. Config
/// names no principal: who made the change is on the CloudTrail record the audit trail keeps, which Config relates by
/// event id when it can. Other resources are ignored with a reason.
/// </summary>
internal sealed class ConfigurationChanges(EffectLedger effects, MonitorSettings settings, string handlerName)
{
    private const int MaxListLength = 1000;

    public async Task<ProcessingResult> HandleAsync(
        ParsedEvent parsedEvent, ConfigurationItemChange change, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var region = change.AwsRegion ?? parsedEvent.Envelope.Region ?? "unknown";
        var account = change.AwsAccountId ?? parsedEvent.Envelope.Account ?? "unknown";
        var machinery = settings.ChangeManagement;
        if (machinery.Resource(change.ResourceType, change.ResourceName ?? change.ResourceId, region, account, change.Tags) is not { } resource)
        {
            return ProcessingResults.Ignored(parsedEvent, handlerName,
                change.ResourceType + " " + change.ResourceId + " is not deployment machinery under change management");
        }

        if ((change.CaptureTime ?? parsedEvent.Envelope.Time) is not { } capturedAt)
        {
            return ProcessingResults.Failed(parsedEvent, handlerName, "the configuration item carries no capture time");
        }

        var eventId = EventIdentity.Of(parsedEvent);
        var handled = await effects.HandleOnceAsync(
            new EffectId(eventId, handlerName, resource.ToString()), deadline,
            async (scope, token) =>
            {
                await scope.AppendAsync(
                    new LedgerEventDraft(resource, scope.EventId, AuditKinds.ConfigurationChanged, capturedAt, null, account, null,
                        Attributes(change, region, machinery.RoutesOf(resource))),
                    token).ConfigureAwait(false);
                return "Config recorded " + (change.ChangeType ?? change.Status ?? "a new state") + " of " + change.ResourceType + " " + resource.Id
                    + (change.ChangedProperties.Count == 0 ? string.Empty : ": " + string.Join(", ", change.ChangedProperties));
            },
            cancellationToken).ConfigureAwait(false);
        return ProcessingResults.Processed(parsedEvent, handlerName, handled);
    }

    private static Dictionary<string, string> Attributes(ConfigurationItemChange change, string region, IReadOnlyList<string> routes)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["resourceType"] = change.ResourceType,
            ["resourceId"] = change.ResourceId,
            ["region"] = region,
        };
        Add(attributes, "resourceName", change.ResourceName);
        Add(attributes, "configurationItemStatus", change.Status);
        Add(attributes, "changeType", change.ChangeType);
        Add(attributes, "changedProperties", Bounded(string.Join(", ", change.ChangedProperties)));
        Add(attributes, "relatedEvents", Bounded(string.Join(' ', change.RelatedEvents)));
        Add(attributes, AuditKinds.RoutesAttribute, string.Join(", ", routes));
        return attributes;
    }

    private static string Bounded(string text) => text.Length <= MaxListLength ? text : text[..MaxListLength] + "...";

    private static void Add(Dictionary<string, string> attributes, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes[name] = value;
        }
    }
}
