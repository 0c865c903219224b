using System.Globalization;

namespace Governance.Local.Lambda;

/// <summary>Resident memory of a running process, from <c>/proc/&lt;pid&gt;/status</c>.</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM: the most resident memory the process has had, in bytes; null once it is gone.</summary>
    public static long? PeakResidentBytes(int processId) => Read(processId, "VmHWM");

    /// <summary>VmRSS: resident memory now, in bytes; null once the process is gone.</summary>
    public static long? ResidentBytes(int processId) => Read(processId, "VmRSS");

    private static long? Read(int processId, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kilobytes = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process exited between the start and the read.
        }

        return null;
    }
}
