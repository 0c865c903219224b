using System.Text;
using Governance.Core.Lineage;

namespace Governance.Core.Presentation.Reports;

/// <summary>The lineage graph in Graphviz DOT, left to right from data to deployments.</summary>
public static class DotRenderer
{
    public static string Render(VersionLineageResponse lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        var dot = new StringBuilder();
        dot.AppendLine($"digraph \"{Escape(lineage.Summary.Arn)}\" {{");
        dot.AppendLine("  rankdir=LR;");
        dot.AppendLine("  node [shape=box, style=rounded, fontname=\"Helvetica\"];");
        foreach (var node in lineage.Nodes.OrderBy(node => node.Ref, StringComparer.Ordinal))
        {
            var emphasis = node.Ref == (lineage.Downstream.CentralPackage ?? lineage.Upstream.SourcePackage)?.Ref ? ", penwidth=2" : string.Empty;
            dot.AppendLine($"  \"{Escape(node.Ref)}\" [label=\"{Escape(Display.Label(node.Type))}\\n{Escape(Display.Short(node.Id))}\"{emphasis}];");
        }

        foreach (var edge in lineage.Edges.OrderBy(edge => edge.From, StringComparer.Ordinal).ThenBy(edge => edge.To, StringComparer.Ordinal))
        {
            dot.AppendLine($"  \"{Escape(edge.From)}\" -> \"{Escape(edge.To)}\" [label=\"{Escape(edge.Relation)}\"];");
        }

        dot.AppendLine("}");
        return dot.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
