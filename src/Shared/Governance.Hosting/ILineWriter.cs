namespace Governance.Hosting;

/// <summary>
/// Where log and metric lines go: one UTF-8 JSON document per call, without the trailing newline.
/// Lambda forwards stdout to CloudWatch Logs line by line; tests capture the lines instead.
/// </summary>
public interface ILineWriter
{
    void WriteLine(ReadOnlySpan<byte> utf8Json);
}
