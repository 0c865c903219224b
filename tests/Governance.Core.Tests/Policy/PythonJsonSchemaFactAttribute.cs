using System.Diagnostics;

namespace Governance.Core.Tests.Policy;

/// <summary>A fact that needs python3 with the jsonschema package (an independent JSON Schema validator); skipped without it.</summary>
public sealed class PythonJsonSchemaFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(Probe);

    public PythonJsonSchemaFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = "skipped: python3 with the jsonschema package is not available to cross-check the policy schema";
        }
    }

    private static bool Probe()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", ["-c", "import jsonschema"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
