using Governance.Core.Lineage;

namespace Governance.Core.Presentation.Reports;

/// <summary>Everything one model version's report shows: its lineage and its audit timeline, as of a moment.</summary>
public sealed record LineageReport(VersionLineageResponse Lineage, IReadOnlyList<RecordView> Timeline, DateTimeOffset GeneratedAt);
