namespace Governance.Testing.Flows;

/// <summary>The fault a <see cref="FaultPlan"/> throws: the invocation "crashed" before this step.</summary>
public sealed class InjectedFaultException(string step) : Exception("injected fault before " + step)
{
    public string Step { get; } = step;
}

/// <summary>
/// Counts the steps a flow takes through the decorated ports and throws before the <see cref="FailAt"/>-th one
/// (1-based; 0 never fails), or before any step <see cref="FailWhen"/> picks by name. Shared by every decorator of one run.
/// </summary>
public sealed class FaultPlan(int failAt)
{
    private int _steps;

    public int FailAt { get; set; } = failAt;

    /// <summary>The steps taken so far.</summary>
    public int Steps => Volatile.Read(ref _steps);

    public IList<string> Names { get; } = new List<string>();

    /// <summary>Picks steps to fail by name, e.g. each distinct step the first time it is taken.</summary>
    public Func<string, bool>? FailWhen { get; set; }

    public void Step(string name)
    {
        var step = Interlocked.Increment(ref _steps);
        lock (Names)
        {
            Names.Add(name);
        }

        if (step == FailAt || FailWhen?.Invoke(name) == true)
        {
            throw new InjectedFaultException(name);
        }
    }
}
