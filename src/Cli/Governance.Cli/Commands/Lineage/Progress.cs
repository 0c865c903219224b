namespace Governance.Cli.Commands.Lineage;

/// <summary>Progress of a long read on the terminal: one rewritten line on stderr, only when stderr is a terminal.</summary>
internal sealed class Progress(TextWriter stderr)
{
    private readonly bool _visible = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
    private bool _shown;

    public async Task ReportAsync(string what, int count)
    {
        if (_visible)
        {
            _shown = true;
            await stderr.WriteAsync($"\r{what}: {count}   ");
        }
    }

    public async Task DoneAsync()
    {
        if (_shown)
        {
            await stderr.WriteLineAsync();
        }
    }
}
