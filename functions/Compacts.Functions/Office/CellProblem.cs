namespace Compacts.Functions.Office;

/// <summary>A cell an import refuses, and why: what the 400 answer lists (<c>cells</c>) and keys its <c>errors</c> by (<c>Sheet!C7</c>).</summary>
public sealed record CellProblem(string Sheet, int Row, string Column, string Reason)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Sheet}!{Column}{Row}");
}
