using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Governance.Aws.Adapters;
using Governance.Aws.S3;
using Governance.Aws.Sts;
using Governance.Core.Flows;
using Governance.Core.Ledger;
using Governance.Core.Routing;
using Governance.Functions.Tests.Support;
using Governance.Handlers.Composition;
using Governance.Testing;
using Governance.Testing.Flows;

namespace Governance.Functions.Tests.Flows;

/// <summary>Duplicate, concurrent, early and crashed deliveries, and the failures operators must be able to act on, on moto_server.</summary>
[Trait(EmulatorTrait.Name, EmulatorTrait.Value)]
[Collection(MotoGroup.Name)]
public sealed class DeliveryMotoTests(MotoServer moto)
{
    [Fact]
    public async Task SameApproval_DeliveredThreeTimesConcurrently_ShouldYieldOneCentralPackageOneExecutionOneNotificationEach()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var approval = await bed.TeamApprovalAsync(await bed.TeamPackageAsync());
        var (sync, _) = bed.Function(HandlerNames.RegistrySync);

        await DeliverConcurrentlyUntilDoneAsync(sync, HandlerNames.RegistrySync, approval);

        var central = Assert.Single(await bed.CentralPackagesAsync()).Arn;
        Assert.Equal(["model.submitted"], (await bed.NotificationsAsync()).Select(n => n.EventType));

        var (trigger, _) = bed.Function(HandlerNames.DeploymentTrigger);
        await DeliverConcurrentlyUntilDoneAsync(trigger, HandlerNames.DeploymentTrigger, await bed.CentralDecisionAsync(central, "Approved"));

        var executions = await bed.Ledger.GetNeighboursAsync(new NodeRef(NodeTypes.CentralPackage, central), LineageDirection.Downstream, NodeTypes.PipelineExecution, new PageRequest(10, null), CancellationToken.None);
        Assert.Single(executions.Items);
        Assert.Equal(["deployment.started"], (await bed.NotificationsAsync()).Select(n => n.EventType));
    }

    [Fact]
    public async Task Sync_WhenItCrashesBeforeAnyStep_ShouldCompleteOnRedeliveryWithoutDuplicates()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await bed.TeamPackageAsync();
        var approval = await bed.TeamApprovalAsync(source);
        var plan = new FaultPlan(0);
        var (sync, _) = bed.Function(HandlerNames.RegistrySync, new PortOverrides
        {
            Registry = ports => new RegistryPorts(FaultyPorts.Wrap(ports.Team, plan), FaultyPorts.Wrap(ports.Central, plan), FaultyPorts.Wrap(ports.Artifacts, plan)),
            Ledger = ports => ports with { Notifier = FaultyPorts.Wrap(ports.Notifier, plan) },
        });

        // Each delivery crashes before the first step no delivery crashed at yet (redeliveries skip what is done),
        // until a delivery gets through: every distinct step boundary is crashed once.
        var crashedAt = new HashSet<string>(StringComparer.Ordinal);
        plan.FailWhen = crashedAt.Add;
        var crashes = 0;
        while (true)
        {
            try
            {
                await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, approval);
                break;
            }
            catch (FlowFailedException exception)
            {
                Assert.IsType<InjectedFaultException>(exception.InnerException);
                crashes++;
            }
        }

        Assert.True(crashes >= 8, $"only {crashes} steps were crashed: {string.Join(", ", plan.Names)}");
        Assert.Single(await bed.CentralPackagesAsync());
        Assert.Equal(["model.submitted"], (await bed.NotificationsAsync()).Select(n => n.EventType));
        Assert.Equal(3, (await bed.ObjectKeysAsync(bed.CentralBucket)).Count);
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.SourcePackage, source), new PageRequest(100, null), CancellationToken.None);
        Assert.Single(timeline.Items, record => record.Kind == "model.submitted");
        Assert.Single(timeline.Items, record => record.Kind == "notification.published");
    }

    [Fact]
    public async Task CentralApproval_BeforeSyncRecordedThePackage_ShouldFailRetryablyThenSucceedAfterTheSync()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var approval = await bed.TeamApprovalAsync(await bed.TeamPackageAsync());
        var (sync, _) = bed.Function(HandlerNames.RegistrySync, new PortOverrides { Ledger = ports => ports with { Writer = new CentralNodeFailsOnce(ports.Writer) } });
        var (trigger, _) = bed.Function(HandlerNames.DeploymentTrigger);

        await Assert.ThrowsAsync<FlowFailedException>(() => FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, approval));
        var central = Assert.Single(await bed.CentralPackagesAsync()).Arn;
        var centralApproval = await bed.CentralDecisionAsync(central, "Approved");

        var early = await Assert.ThrowsAsync<FlowFailedException>(() => FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, centralApproval));
        Assert.True(early.Retryable);
        Assert.Contains("not in the ledger yet", early.Message, StringComparison.Ordinal);

        await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, approval);
        var result = await FlowBed.InvokeAsync(trigger, HandlerNames.DeploymentTrigger, centralApproval);

        Assert.Equal("processed", result.GetProperty("outcome").GetString());
        Assert.Single(await bed.CentralPackagesAsync());
        Assert.Equal(["model.submitted", "deployment.started"], (await bed.NotificationsAsync()).Select(n => n.EventType));
    }

    [Fact]
    public async Task Sync_WhenAnArtifactIsMissing_ShouldFailNamingTheUriAndLeaveNoCentralPackage()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await bed.TeamPackageAsync(withArtifacts: false);
        var (sync, _) = bed.Function(HandlerNames.RegistrySync);

        var failure = await Assert.ThrowsAsync<FlowFailedException>(async () => await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source)));

        Assert.Contains($"s3://{bed.TeamBucket}/v1/model.tar.gz does not exist", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.Retryable);
        await AssertNothingHalfWrittenAsync(bed, source, "does not exist");
    }

    [Fact]
    public async Task Sync_WhenTheReaderRoleCannotBeAssumed_ShouldFailNamingTheRole()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await bed.TeamPackageAsync();
        using var roles = new RoleCredentialsCache(new DenyingSts(), TimeProvider.System);
        var (sync, _) = bed.Function(HandlerNames.RegistrySync, new PortOverrides { Registry = ports => ports with { Team = new SageMakerTeamRegistry(bed.Aws, roles, FlowBed.ReaderRole) } });

        var failure = await Assert.ThrowsAsync<FlowFailedException>(async () => await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source)));

        Assert.Contains($"arn:aws:iam::{FlowBed.TeamAccount}:role/{FlowBed.ReaderRole}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", failure.Message, StringComparison.Ordinal);
        await AssertNothingHalfWrittenAsync(bed, source, "access denied");
    }

    [Fact]
    public async Task Sync_WhenCopyingAnArtifactIsDenied_ShouldFailNamingTheUriAndLeaveNoCentralPackage()
    {
        using var bed = await FlowBed.CreateAsync(moto);
        var source = await bed.TeamPackageAsync();
        using var s3 = new DenyingS3(bed.TeamBucket);
        var store = new S3ArtifactStore((_, _) => ValueTask.FromResult<IAmazonS3>(s3), new S3BucketOwners((_, _) => ValueTask.FromResult<IAmazonS3>(s3), FlowBed.CentralAccount), bed.CentralBucket);
        var (sync, _) = bed.Function(HandlerNames.RegistrySync, new PortOverrides { Registry = ports => ports with { Artifacts = store } });

        var failure = await Assert.ThrowsAsync<FlowFailedException>(async () => await FlowBed.InvokeAsync(sync, HandlerNames.RegistrySync, await bed.TeamApprovalAsync(source)));

        Assert.Contains($"access denied copying artifact s3://{bed.TeamBucket}/v1/model.tar.gz", failure.Message, StringComparison.Ordinal);
        await AssertNothingHalfWrittenAsync(bed, source, "access denied");
    }

    private static async Task AssertNothingHalfWrittenAsync(FlowBed bed, string source, string reason)
    {
        Assert.Empty(await bed.CentralPackagesAsync());
        Assert.Empty(await bed.NotificationsAsync());
        var timeline = await bed.Ledger.GetTimelineAsync(new NodeRef(NodeTypes.SourcePackage, source), new PageRequest(100, null), CancellationToken.None);
        var failed = Assert.Single(timeline.Items, record => record.Kind == "sync.failed");
        Assert.Contains(reason, failed.Attributes["reason"], StringComparison.Ordinal);
    }

    private static async Task DeliverConcurrentlyUntilDoneAsync(Hosting.IFunctionHandler function, string handler, byte[] payload)
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            try
            {
                await FlowBed.InvokeAsync(function, handler, payload);
                return (FlowFailedException?)null;
            }
            catch (FlowFailedException exception)
            {
                return exception;
            }
        }));
        Assert.Contains(attempts, failure => failure is null);
        Assert.All(attempts.OfType<FlowFailedException>(), failure => Assert.True(failure.Retryable, failure.Message));
        foreach (var _ in attempts.OfType<FlowFailedException>())
        {
            var redelivered = await FlowBed.InvokeAsync(function, handler, payload);
            Assert.StartsWith("already handled", redelivered.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>The ledger failing once when the sync records the central package: the crash window between create and record.</summary>
    private sealed class CentralNodeFailsOnce(ILedgerWriter inner) : ILedgerWriter
    {
        private int _failed;

        public Task<bool> RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken) =>
            node.Node.Type == NodeTypes.CentralPackage && Interlocked.Exchange(ref _failed, 1) == 0
                ? throw new InjectedFaultException("record central package")
                : inner.RecordNodeAsync(node, cancellationToken);

        public Task<bool> RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken) => inner.RecordEdgeAsync(edge, cancellationToken);

        public Task<ChainAppendResult> AppendAsync(ChainAppend append, CancellationToken cancellationToken) => inner.AppendAsync(append, cancellationToken);

        public Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken) => inner.SetCurrentAsync(link, cancellationToken);

        public Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken) => inner.SetViolationAsync(state, cancellationToken);
    }

    /// <summary>STS as it answers when the team account has no such role or does not trust the caller.</summary>
    private sealed class DenyingSts() : AmazonSecurityTokenServiceClient(
        new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey), new AmazonSecurityTokenServiceConfig { ServiceURL = "http://127.0.0.1:1" })
    {
        public override Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken = default) =>
            throw new AmazonSecurityTokenServiceException($"User is not authorized to perform: sts:AssumeRole on resource: {request.RoleArn}")
            {
                ErrorCode = "AccessDenied",
                StatusCode = HttpStatusCode.Forbidden,
            };
    }

    /// <summary>S3 as it answers when the team bucket does not let the governance account read.</summary>
    /// <summary>Lists <paramref name="ownBucket"/> as its account's own, and denies reading any object.</summary>
    private sealed class DenyingS3(string ownBucket) : AmazonS3Client(
        new BasicAWSCredentials(MotoServer.AccessKeyId, MotoServer.SecretAccessKey), new AmazonS3Config { ServiceURL = "http://127.0.0.1:1", ForcePathStyle = true })
    {
        public override Task<ListBucketsResponse> ListBucketsAsync(ListBucketsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ListBucketsResponse { Buckets = [new S3Bucket { BucketName = ownBucket }] });

        public override Task<GetObjectMetadataResponse> GetObjectMetadataAsync(GetObjectMetadataRequest request, CancellationToken cancellationToken = default) =>
            throw new AmazonS3Exception("Access Denied") { ErrorCode = "AccessDenied", StatusCode = HttpStatusCode.Forbidden };
    }
}
