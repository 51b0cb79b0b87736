namespace Compacts.Functions.Standings;

/// <summary>Section <c>Standings</c>.</summary>
public sealed class StandingsOptions
{
    public const string SectionName = "Standings";

    /// <summary>NCRONTAB (six fields, UTC) of the planner; read by the host as <c>%Standings:Schedule%</c>.</summary>
    public string Schedule { get; set; } = "0 5 * * * *";

    /// <summary>How long after a period's finalize instant the planner still enqueues it, in case the app was down then.</summary>
    public int GraceDays { get; set; } = 7;
}
