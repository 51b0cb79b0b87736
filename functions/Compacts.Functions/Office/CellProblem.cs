namespace Compacts.Functions.Office;

/// <summary>
/// A cell an import refuses, and why: what the 400 answer lists (<c>cells</c>) and keys its <c>errors</c> by (<c>Sheet!C7</c>).
/// <paramref name="Code"/> names the kind of refusal (<see cref="CellCodes"/>), so a client can say it in its own language;
/// <paramref name="Reason"/> says it in English with the particulars.
/// </summary>
public sealed record CellProblem(string Sheet, int Row, string Column, string Code, string Reason)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Sheet}!{Column}{Row}");
}
