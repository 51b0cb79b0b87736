namespace Compacts.Functions.Standings;

public abstract record ComputeOutcome
{
    public sealed record Written(StandingsRun Run) : ComputeOutcome;

    /// <summary>Same inputs and status as the latest run: nothing new to write (the timer's idempotence).</summary>
    public sealed record Unchanged(string RunId) : ComputeOutcome;

    public sealed record AlreadyFinal(string RunId) : ComputeOutcome;

    public sealed record CompactNotFound : ComputeOutcome;

    /// <summary>The period's inputs kept changing under every attempt (reports arriving faster than runs can be written).</summary>
    public sealed record Contended : ComputeOutcome;
}
