using System.Globalization;
using System.Runtime.CompilerServices;
using Governance.Core.Effects;
using Governance.Core.Ledger;

namespace Governance.Local.Ports;

/// <summary>
/// The ledger in memory, with the DynamoDB adapter's semantics (first recording of a node or edge wins,
/// chained appends deduplicated by event id and queuing their outbox messages atomically, conditional appends,
/// newest current link and violation state win, pages bound to their query), for handler tests that need no
/// moto_server. Page tokens here are readable, not sealed.
/// </summary>
public sealed class InMemoryLedger(TimeProvider time) : ILedgerWriter, ILedgerReader, ILedgerChains, IOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<NodeRef, LedgerNode> _nodes = [];
    private readonly List<LedgerEdge> _edges = [];
    private readonly Dictionary<NodeRef, List<LedgerRecord>> _chains = [];
    private readonly Dictionary<(NodeRef, string), CurrentLink> _current = [];
    private readonly Dictionary<NodeRef, ViolationState> _violations = [];
    private readonly Dictionary<EffectId, OutboxEntry> _outbox = [];

    public InMemoryLedger()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Every record appended so far, in append order across subjects.</summary>
    public IReadOnlyList<LedgerRecord> AllRecords
    {
        get
        {
            lock (_gate)
            {
                return [.. _chains.Values.SelectMany(chain => chain).OrderBy(record => record.RecordedAt)];
            }
        }
    }

    /// <summary>Every edge recorded so far.</summary>
    public IReadOnlyList<LedgerEdge> AllEdges
    {
        get
        {
            lock (_gate)
            {
                return [.. _edges];
            }
        }
    }

    /// <summary>Every outbox message queued so far, pending or sent.</summary>
    public IReadOnlyList<OutboxEntry> AllOutbox
    {
        get
        {
            lock (_gate)
            {
                return [.. _outbox.Values.OrderBy(entry => entry.QueuedAt)];
            }
        }
    }

    public Task<bool> RecordNodeAsync(LedgerNode node, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            return Task.FromResult(_nodes.TryAdd(node.Node, node));
        }
    }

    public Task<bool> RecordEdgeAsync(LedgerEdge edge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edge);
        Relations.Validate(edge.Relation);
        lock (_gate)
        {
            if (_edges.Any(stored => stored.From == edge.From && stored.Relation == edge.Relation && stored.To == edge.To))
            {
                return Task.FromResult(false);
            }

            _edges.Add(edge);
            return Task.FromResult(true);
        }
    }

    public Task<ChainAppendResult> AppendAsync(ChainAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var draft = append.Draft;
        lock (_gate)
        {
            if (!_chains.TryGetValue(draft.Subject, out var chain))
            {
                chain = [];
                _chains[draft.Subject] = chain;
            }

            var existing = chain.Find(record => record.EventId == draft.EventId);
            if (existing is not null)
            {
                return Task.FromResult(new ChainAppendResult(ChainAppendStatus.AlreadyRecorded, existing));
            }

            var head = chain.Count == 0 ? null : new ChainHead(draft.Subject, chain[^1].Sequence, chain[^1].Hash);
            if (append.After is { } expected && expected.Head != head)
            {
                return Task.FromResult(new ChainAppendResult(ChainAppendStatus.HeadMoved, null));
            }

            if (append.Outbox.FirstOrDefault(message => _outbox.ContainsKey(message.Id)) is { } queued)
            {
                throw new InvalidOperationException($"the outbox already holds {queued.Id}, queued with another record");
            }

            var now = time.GetUtcNow();
            var appended = ChainHash.Next(head, draft, now);
            chain.Add(appended);
            foreach (var message in append.Outbox)
            {
                _outbox[message.Id] = new OutboxEntry(message, now, null);
            }

            return Task.FromResult(new ChainAppendResult(ChainAppendStatus.Appended, appended));
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ForEventAsync(string eventId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(
                [.. _outbox.Values.Where(entry => entry.Message.Id.Cause == eventId).OrderBy(entry => entry.Message.Id.Kind, StringComparer.Ordinal)
                    .ThenBy(entry => entry.Message.Id.Subject, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> MarkSentAsync(EffectId id, string messageId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_outbox.TryGetValue(id, out var entry) || entry.IsSent)
            {
                return Task.FromResult(false);
            }

            _outbox[id] = entry with { MessageId = messageId };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> PendingAsync(DateTimeOffset queuedBefore, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(
                [.. _outbox.Values.Where(entry => !entry.IsSent && entry.QueuedAt < queuedBefore).OrderBy(entry => entry.QueuedAt).Take(limit)]);
        }
    }

    public Task SetCurrentAsync(CurrentLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        Relations.Validate(link.Relation);
        lock (_gate)
        {
            var key = (link.Subject, link.Relation);
            if (!_current.TryGetValue(key, out var stored) || stored.ChangedAt <= link.ChangedAt)
            {
                _current[key] = link;
            }
        }

        return Task.CompletedTask;
    }

    public Task SetViolationAsync(ViolationState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            if (!_violations.TryGetValue(state.Violation, out var stored) || stored.ChangedAt <= state.ChangedAt)
            {
                _violations[state.Violation] = state;
            }
        }

        return Task.CompletedTask;
    }

    public Task<LedgerNode?> GetNodeAsync(NodeRef node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_nodes.GetValueOrDefault(node));
        }
    }

    public Task<CurrentLink?> GetCurrentAsync(NodeRef subject, string relation, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_current.GetValueOrDefault((subject, relation)));
        }
    }

    public Task<LedgerPage<LedgerEdge>> GetNeighboursAsync(
        NodeRef node, LineageDirection direction, string? nodeType, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        List<LedgerEdge> edges;
        lock (_gate)
        {
            edges = [.. Neighbours(node, direction).Where(edge => nodeType is null || Other(edge, direction).Type == nodeType)];
        }

        return Task.FromResult(Paged($"neighbours|{direction}|{node}|{nodeType}", edges, page));
    }

    public Task<LedgerPage<LineageStep>> GetLineageAsync(LineageQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(page);
        var steps = new List<LineageStep>();
        lock (_gate)
        {
            var visited = new HashSet<NodeRef> { query.Start };
            var frontier = new Queue<(NodeRef Node, int Depth)>([(query.Start, 0)]);
            while (frontier.TryDequeue(out var current))
            {
                foreach (var edge in Neighbours(current.Node, query.Direction))
                {
                    steps.Add(new LineageStep(edge, current.Depth + 1));
                    var next = Other(edge, query.Direction);
                    if (current.Depth + 1 < query.Depth && visited.Add(next))
                    {
                        frontier.Enqueue((next, current.Depth + 1));
                    }
                }
            }
        }

        return Task.FromResult(Paged($"lineage|{query}", steps, page));
    }

    public Task<LedgerPage<LedgerRecord>> GetTimelineAsync(NodeRef subject, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(Paged($"timeline|{subject}", Records(record => record.Subject == subject, byTime: false), page));

    public Task<LedgerPage<LedgerRecord>> GetAccountActivityAsync(string account, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(Paged($"account|{account}", Records(record => record.Account == account, byTime: true), page));

    public Task<LedgerPage<LedgerRecord>> GetAccountActivityAsync(
        string account, DateTimeOffset since, DateTimeOffset until, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(Paged(
            $"account|{account}|{LedgerTime.Format(since)}|{LedgerTime.Format(until)}",
            Records(record => record.Account == account && record.OccurredAt >= since && record.OccurredAt < until, byTime: true),
            page));

    public Task<LedgerPage<LedgerRecord>> GetGroupActivityAsync(string modelPackageGroup, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(Paged($"group|{modelPackageGroup}", Records(record => record.ModelPackageGroup == modelPackageGroup, byTime: true), page));

    public Task<LedgerPage<LedgerRecord>> GetActivityAsync(
        DateTimeOffset since, DateTimeOffset until, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(Paged(
            $"activity|{LedgerTime.Format(since)}|{LedgerTime.Format(until)}",
            Records(record => record.OccurredAt >= since && record.OccurredAt < until, byTime: true),
            page));

    public Task<LedgerPage<ViolationState>> GetOpenViolationsAsync(PageRequest page, CancellationToken cancellationToken)
    {
        List<ViolationState> open;
        lock (_gate)
        {
            open = [.. _violations.Values.Where(state => state.Status == ViolationStatus.Open).OrderBy(state => state.ChangedAt)];
        }

        return Task.FromResult(Paged("open-violations", open, page));
    }

    public Task<LedgerPage<ViolationState>> GetOpenViolationsAsync(string account, PageRequest page, CancellationToken cancellationToken)
    {
        List<ViolationState> open;
        lock (_gate)
        {
            open = [.. _violations.Values.Where(state => state.Status == ViolationStatus.Open && state.Account == account).OrderBy(state => state.ChangedAt)];
        }

        return Task.FromResult(Paged("open-violations|" + account, open, page));
    }

    public Task<StoredChain> ReadChainAsync(NodeRef subject, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Snapshot(subject));
        }
    }

    public async IAsyncEnumerable<StoredChain> ReadAllChainsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<StoredChain> chains;
        lock (_gate)
        {
            chains = [.. _chains.Keys.Select(Snapshot)];
        }

        foreach (var chain in chains)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return chain;
        }
    }

    public Task<StoredGraph> ReadGraphAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new StoredGraph([.. _nodes.Values], [.. _edges]));
        }
    }

    /// <summary>Replaces a stored node as a writer with table access could (for tamper tests).</summary>
    public void OverwriteNode(LedgerNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            _nodes[node.Node] = node;
        }
    }

    private StoredChain Snapshot(NodeRef subject)
    {
        var records = _chains.GetValueOrDefault(subject) ?? [];
        var head = records.Count == 0 ? null : new ChainHead(subject, records[^1].Sequence, records[^1].Hash);
        return new StoredChain(subject, head, [.. records]);
    }

    private IEnumerable<LedgerEdge> Neighbours(NodeRef node, LineageDirection direction) =>
        _edges.Where(edge => (direction == LineageDirection.Downstream ? edge.From : edge.To) == node);

    private static NodeRef Other(LedgerEdge edge, LineageDirection direction) =>
        direction == LineageDirection.Downstream ? edge.To : edge.From;

    private List<LedgerRecord> Records(Func<LedgerRecord, bool> predicate, bool byTime)
    {
        lock (_gate)
        {
            var records = _chains.Values.SelectMany(chain => chain).Where(predicate);
            return byTime ? [.. records.OrderBy(record => record.OccurredAt)] : [.. records.OrderBy(record => record.Sequence)];
        }
    }

    private static LedgerPage<T> Paged<T>(string scope, List<T> items, PageRequest page)
    {
        var offset = 0;
        if (page.PageToken is not null)
        {
            var separator = page.PageToken.LastIndexOf('#');
            if (separator < 0 || page.PageToken[..separator] != scope
                || !int.TryParse(page.PageToken[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                throw new InvalidPageTokenException();
            }
        }

        var slice = items.Skip(offset).Take(page.Size).ToList();
        var next = offset + slice.Count < items.Count
            ? string.Create(CultureInfo.InvariantCulture, $"{scope}#{offset + slice.Count}")
            : null;
        return new LedgerPage<T>(slice, next);
    }
}
