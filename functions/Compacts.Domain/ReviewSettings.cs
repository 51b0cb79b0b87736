namespace Compacts.Domain;

/// <summary>
/// A compact's review settings: whether a month's standings wait for every present report to be confirmed before they turn
/// final, and the days after which a waiting review or explanation is reminded.
/// </summary>
public sealed record ReviewSettings(bool Required, int ReviewDays, int ExplainDays)
{
    public const int MinDays = 1;
    public const int MaxDays = 60;

    public static readonly ReviewSettings Default = new(false, 10, 5);
}
