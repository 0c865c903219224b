using Governance.Local.Lambda;
using Xunit;

namespace Governance.Testing;

/// <summary>A fact that reads ../shared; skipped, with a message naming the folder, when it is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedFolder.Path is null)
        {
            Skip = SharedFolder.MissingMessage;
        }
    }
}

/// <summary>A theory that reads ../shared; skipped, with a message naming the folder, when it is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (SharedFolder.Path is null)
        {
            Skip = SharedFolder.MissingMessage;
        }
    }
}
