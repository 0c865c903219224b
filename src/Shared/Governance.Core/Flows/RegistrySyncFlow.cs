using System.Globalization;
using System.Text.Json.Nodes;
using Governance.Core.Effects;
using Governance.Core.Events;
using Governance.Core.Ledger;
using Governance.Core.Notifications;
using Governance.Core.Policy;
using Governance.Core.Processing;
using Governance.Core.Registry;
using Governance.Core.Routing;
using static Governance.Core.Flows.FlowLedger;

namespace Governance.Core.Flows;

/// <summary>The ports and configuration <see cref="RegistrySyncFlow"/> works with; every side effect goes through <paramref name="Effects"/>.</summary>
public sealed record RegistrySyncPorts(
    ITeamRegistry Team,
    ICentralRegistry Central,
    IArtifactStore Artifacts,
    PolicyEvaluator Policy,
    EffectLedger Effects);

/// <summary>
/// A package approved in a team account: describe it there (an event whose package is no longer Approved is
/// recorded as stale and nothing else happens: retries and replays can deliver an approval long after a rejection), judge it against the policy, copy its artifacts into
/// the central bucket, create its central copy awaiting approval, record every step and notify. Each effect goes
/// through the <see cref="EffectLedger"/>: the event's handling once, each artifact copy once per event, the central
/// copy once per source package (claim, lookup by source ARN, deterministic ClientToken), the notification queued
/// with the record that decides it.
/// </summary>
public sealed class RegistrySyncFlow(RegistrySyncPorts ports) : IDomainHandler
{
    public const string Handler = HandlerNames.RegistrySync;

    /// <summary>The kind of the effect "the central copy of a source package", owed once per source package.</summary>
    public const string CentralPackageEffect = "central-package";

    public const string ArtifactCopyEffect = "artifact.copy";

    /// <summary>Central package node attribute prefix of a governance tag it carries (routes read them back).</summary>
    public const string CentralTagAttribute = "tag:";

    /// <summary>CustomerMetadataProperties / tag key naming who approved the team package.</summary>
    public const string SourceApproverKey = "governance:source-approver";

    public string HandlerName => Handler;

    public Task<ProcessingResult> HandleAsync(ParsedEvent parsedEvent, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        FlowEvent.HandleAsync(parsedEvent, deadline, Handler, RunAsync, cancellationToken);

    public Task<HandledEvent> RunAsync(FlowEvent approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var source = new NodeRef(NodeTypes.SourcePackage, approval.Change.ModelPackageArn.ToString());
        return approval.RunOnceAsync(ports.Effects, Handler, source, async (scope, step, token) =>
        {
            var run = new Run(scope, approval, source, new FlowLedger(scope, approval, ports.Effects.Time));
            step("describe the team package");
            if (!ModelPackageArn.TryParse(approval.Change.ModelPackageArn.ToString(), out var arn) || arn is null)
            {
                throw new FlowStepException($"{approval.Change.ModelPackageArn} is not a model package version ARN");
            }

            var package = await ports.Team.DescribeAsync(arn, approval.EventTags, token);
            if (package.ApprovalStatus != ModelPackage.Approved)
            {
                step("record the stale approval");
                return await run.Ledger.StaleAsync(source, package.Account, package.GroupName, approval.Change.ApprovalStatus.ToString(), package.ApprovalStatus, token);
            }

            step("record receipt");
            await RecordReceiptAsync(run, token);

            step("find the owners of the artifacts' buckets");
            var owners = await BucketOwnersAsync(package, token);

            step("evaluate the policy");
            var decision = ports.Policy.Evaluate(package, owners);
            await RecordDecisionAsync(run, package, decision, token);
            return decision.IsBlocked
                ? await BlockAsync(run, package, decision, step, token)
                : await SubmitAsync(run, package, decision, step, token);
        }, (step, failure, exception) => step == FlowSteps.Claim
            ? Task.CompletedTask
            : RecordFailureAsync(approval, source, step, FlowFailedException.ReasonOf(exception), failure.Retryable), cancellationToken);
    }

    private static async Task<string> BlockAsync(Run run, ModelPackage package, PolicyDecision decision, Action<string> step, CancellationToken cancellationToken)
    {
        step("record the block");
        await run.Ledger.AppendAndNotifyAsync(run.Source, "blocked", "model.blocked", package.Account, package.GroupName,
            Attributes(("summary", decision.Summary), ("violations", string.Join(", ", decision.Violations.Select(v => v.RuleId)))),
            ModelNotifications.Blocked(package, decision, run.Approval.OccurredAt), cancellationToken);
        step("notify model.blocked");
        return "blocked by policy: " + decision.Summary;
    }

    private async Task<string> SubmitAsync(Run run, ModelPackage package, PolicyDecision decision, Action<string> step, CancellationToken cancellationToken)
    {
        var (ledger, source, approval) = (run.Ledger, run.Source, run.Approval);
        step("check the central group's owner");
        if (CentralGroups.Conflict(package, await ports.Central.GroupOwnerAsync(package.GroupName, cancellationToken)) is { } conflict)
        {
            return await BlockAsync(run, package, decision.BlockedBy(CentralGroups.RuleId, conflict), step, cancellationToken);
        }

        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        var artifacts = new List<NodeRef>();
        var digestMismatches = new List<string>();
        var keys = FlowKeys.CentralArtifactKeys(package);
        foreach (var artifact in package.Artifacts)
        {
            if (artifact.Location is null || replacements.ContainsKey(artifact.Uri))
            {
                continue;
            }

            step("copy artifact " + artifact.Uri);
            var key = keys[artifact.JsonPath];
            if (artifact.IsPrefix)
            {
                var (objects, copiedAll) = await run.Scope.RunOnceAsync(
                    new EffectId(approval.EventId, ArtifactCopyEffect, key + "/"), FlowJsonContext.Default.ListArtifactCopy,
                    async token => [.. await ports.Artifacts.CopyPrefixAsync(artifact.Uri, package.Account, key + "/", token)], cancellationToken);
                foreach (var copy in objects)
                {
                    artifacts.Add(await RecordCopyAsync(run, package, artifact, key + "/" + copy.SourceUri[artifact.Uri.Length..], copy, copiedAll, cancellationToken));
                }

                replacements[artifact.Uri] = objects[0].CentralUri[..^(objects[0].SourceUri.Length - artifact.Uri.Length)];
                continue;
            }

            var (single, copied) = await run.Scope.RunOnceAsync(
                new EffectId(approval.EventId, ArtifactCopyEffect, key), FlowJsonContext.Default.ArtifactCopy,
                token => ports.Artifacts.CopyAsync(artifact.Uri, package.Account, key, token), cancellationToken);
            artifacts.Add(await RecordCopyAsync(run, package, artifact, key, single, copied, cancellationToken));
            replacements[artifact.Uri] = single.CentralUri;
            if (ContentDigests.Mismatch(artifact, single) is { } mismatch)
            {
                digestMismatches.Add(mismatch);
            }
        }

        if (digestMismatches.Count > 0)
        {
            // The copies are kept as evidence of what was received; no central package is created from them.
            return await BlockAsync(run, package, decision.BlockedBy(ContentDigests.RuleId, string.Join("; ", digestMismatches)), step, cancellationToken);
        }

        foreach (var image in package.Images)
        {
            if (image.PinnedUri is { } pinned && !string.Equals(pinned, image.Uri, StringComparison.Ordinal))
            {
                replacements[image.Uri] = pinned;
            }
        }

        step("create the central package");
        var team = package.Tag(ProvenanceTags.Team);
        var centralArn = await CreateCentralAsync(run, package, replacements, team, cancellationToken);

        step("record the central package");
        var central = new NodeRef(NodeTypes.CentralPackage, centralArn);
        var code = CodeRevision.Of(package);
        await ledger.NodeAsync(central, null, package.GroupName, Attributes([
            ("team", team),
            ("sourceAccount", package.Account),
            ("sourcePackageArn", package.Arn.Value),
            ("approvedBy", approval.Approver),
            ("policyDigest", decision.PolicyDigest),
            ("policyOutcome", decision.Outcome.WireName()),
            ("status", ModelPackage.PendingManualApproval),
            ("codeRevision", code?.Revision),
            ("codeRepository", code?.Repository),
            ("generatedBy", code?.GeneratedBy),
            ("projectId", code?.ProjectId),
            .. ports.Policy.GovernanceTags(package).Select(tag => (CentralTagAttribute + tag.Key, (string?)tag.Value))]), cancellationToken);
        await ledger.EdgeAsync(source, Relations.CopiedTo, central, cancellationToken);
        if (CentralGroup(centralArn) is { } group)
        {
            await ledger.NodeAsync(group, null, package.GroupName, Attributes(("team", team)), cancellationToken);
            await ledger.EdgeAsync(central, Relations.MemberOf, group, cancellationToken);
        }

        foreach (var node in artifacts)
        {
            await ledger.EdgeAsync(node, Relations.PackagedAs, central, cancellationToken);
        }

        foreach (var image in package.Images.Where(image => image.Digest is not null))
        {
            await ledger.EdgeAsync(new NodeRef(NodeTypes.Image, image.Digest!), Relations.PackagedAs, central, cancellationToken);
        }

        var submitted = Attributes(("sourcePackageArn", package.Arn.Value), ("centralPackageArn", centralArn), ("policyOutcome", decision.Outcome.WireName()));
        await ledger.AppendAsync(central, "submitted", "model.submitted", null, package.GroupName, submitted, cancellationToken);
        await ledger.AppendAndNotifyAsync(source, "submitted", "model.submitted", package.Account, package.GroupName, submitted,
            ModelNotifications.Submitted(package, centralArn, decision, approval.OccurredAt), cancellationToken);
        step("notify model.submitted");
        return $"central package {centralArn} awaits approval ({decision.Summary})";
    }

    /// <summary>Records one copied object: its content-addressed node, its edge to the team package, its record on the package's chain.</summary>
    private static async Task<NodeRef> RecordCopyAsync(
        Run run, ModelPackage package, ArtifactReference artifact, string key, ArtifactCopy copy, bool copied, CancellationToken cancellationToken)
    {
        run.Scope.Report(new ArtifactCopied(copy.SourceUri, copy.CentralUri, copy.Sha256, copy.Size), copied);
        var node = new NodeRef(NodeTypes.Artifact, "sha256:" + copy.Sha256);
        await run.Ledger.NodeAsync(node, package.Account, package.GroupName,
            Attributes(("uri", copy.CentralUri), ("sourceUri", copy.SourceUri), ("role", artifact.Description), ("size", copy.Size.ToString(CultureInfo.InvariantCulture))),
            cancellationToken);
        await run.Ledger.EdgeAsync(node, Relations.PackagedAs, run.Source, cancellationToken);
        await run.Ledger.AppendAsync(run.Source, "artifact:" + key, "artifact.copied", package.Account, package.GroupName,
            Attributes(("sourceUri", copy.SourceUri), ("centralUri", copy.CentralUri), ("sha256", copy.Sha256), ("role", artifact.Description)), cancellationToken);
        return node;
    }

    /// <summary>The central copy, created at most once per source package whichever approval event asks for it.</summary>
    private async Task<string> CreateCentralAsync(
        Run run, ModelPackage package, Dictionary<string, string> replacements, string? team, CancellationToken cancellationToken)
    {
        var (copy, replayed) = await run.Scope.RunOnceAsync(
            EffectId.PerSubject(CentralPackageEffect, package.Arn.Value), FlowJsonContext.Default.CentralCopy, async token =>
            {
                if (await ports.Central.FindBySourceAsync(package.GroupName, package.Arn.Value, token) is { } found)
                {
                    return new CentralCopy(found, Existed: true);
                }

                var groupTags = Tags((ProvenanceTags.Team, team), (ProvenanceTags.SourceAccount, package.Account));
                await ports.Central.EnsureGroupAsync(new CentralGroupSpec(package.GroupName, $"Models synced from team account {package.Account}", groupTags), token);
                if (CentralGroups.Conflict(package, await ports.Central.GroupOwnerAsync(package.GroupName, token)) is { } raced)
                {
                    // Another team's first sync created the group between the check and now: nothing is merged.
                    throw new FlowStepException(raced, retryable: false);
                }

                var provenance = Tags(
                    (ProvenanceTags.Team, team),
                    (ProvenanceTags.SourceAccount, package.Account),
                    (ProvenanceTags.SourcePackageArn, package.Arn.Value),
                    (SourceApproverKey, run.Approval.Approver));
                var metadata = new Dictionary<string, string>(package.CustomerMetadata, StringComparer.Ordinal);
                foreach (var (key, value) in provenance)
                {
                    metadata[key] = value;
                }

                // The allow-listed governance tags travel too, so routes on them match; provenance wins a clash.
                var tags = new Dictionary<string, string>(ports.Policy.GovernanceTags(package), StringComparer.Ordinal);
                foreach (var (key, value) in provenance)
                {
                    tags[key] = value;
                }

                var arn = await ports.Central.CreatePackageAsync(
                    new CentralPackageDraft(package.GroupName, package, replacements, metadata, tags, FlowKeys.CentralPackageToken(package.Arn.Value)),
                    token);
                return new CentralCopy(arn, Existed: false);
            }, cancellationToken);
        run.Scope.Report(new CentralPackageCreated(copy.Arn, package.Arn.Value), replayed || copy.Existed);
        return copy.Arn;
    }

    private async Task<IReadOnlyDictionary<string, string>> BucketOwnersAsync(ModelPackage package, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var bucket in package.Artifacts.Select(artifact => artifact.Location?.Bucket).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await ports.Artifacts.BucketOwnerAsync(bucket, package.Account, cancellationToken) is { } owner)
            {
                owners[bucket] = owner;
            }
        }

        return owners;
    }

    private static async Task RecordReceiptAsync(Run run, CancellationToken cancellationToken)
    {
        var change = run.Approval.Change;
        await run.Ledger.NodeAsync(run.Source, change.OwnerAccount, change.ModelPackageGroupName, Attributes(
            ("approvedBy", run.Approval.Approver),
            ("approvedAt", run.Approval.OccurredAt.ToString("O", CultureInfo.InvariantCulture)),
            ("version", change.ModelPackageVersion?.ToString(CultureInfo.InvariantCulture))), cancellationToken);
        await run.Ledger.AppendAsync(run.Source, "received", "model.approved", change.OwnerAccount, change.ModelPackageGroupName,
            Attributes(("approvalStatus", change.ApprovalStatus.ToString()), ("approvedBy", run.Approval.Approver)), cancellationToken);
    }

    private static async Task RecordDecisionAsync(Run run, ModelPackage package, PolicyDecision decision, CancellationToken cancellationToken)
    {
        foreach (var image in package.Images.Where(image => image.Digest is not null))
        {
            var node = new NodeRef(NodeTypes.Image, image.Digest!);
            await run.Ledger.NodeAsync(node, image.EcrAccount, null, Attributes(("uri", image.Uri)), cancellationToken);
            await run.Ledger.EdgeAsync(node, Relations.PackagedAs, run.Source, cancellationToken);
        }

        var results = new JsonArray([.. decision.Results.Select(result => (JsonNode)new JsonObject
        {
            ["rule"] = result.RuleId,
            ["mode"] = result.Mode == RuleMode.Block ? "block" : "warn",
            ["passed"] = result.Passed,
            ["explanation"] = result.Explanation,
        })]);
        await run.Ledger.AppendAsync(run.Source, "policy", "policy.decision", package.Account, package.GroupName, Attributes(
            ("outcome", decision.Outcome.WireName()),
            ("summary", decision.Summary),
            ("policyDigest", decision.PolicyDigest),
            ("results", results.ToJsonString())), cancellationToken);
    }

    private async Task RecordFailureAsync(FlowEvent approval, NodeRef source, string step, string reason, bool retryable)
    {
        try
        {
            var ledger = new FlowLedger(ports.Effects.Begin(approval.EventId, approval.Deadline), approval, ports.Effects.Time);
            await ledger.AppendAsync(source, "failed:" + step, "sync.failed",
                approval.Change.OwnerAccount, approval.Change.ModelPackageGroupName,
                Attributes(("step", step), ("reason", reason), ("retryable", retryable ? "true" : "false")), CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The failure is still reported through the invocation error; the ledger may be what failed.
        }
    }

    /// <summary>The central group a version belongs to (the lineage API lists a group's versions by this edge).</summary>
    private static NodeRef? CentralGroup(string centralArn) =>
        ModelPackageArn.TryParse(centralArn, out var arn) && arn is { Version: not null }
            ? new NodeRef(NodeTypes.ModelPackageGroup, $"arn:{arn.Partition}:sagemaker:{arn.Region}:{arn.Account}:model-package-group/{arn.Name}")
            : null;

    private static Dictionary<string, string> Tags(params (string Key, string? Value)[] pairs) => Attributes(pairs);

    /// <summary>One event's handling: its effect scope, the approval, the source package and the ledger writes keyed by them.</summary>
    private sealed record Run(EffectScope Scope, FlowEvent Approval, NodeRef Source, FlowLedger Ledger);
}
