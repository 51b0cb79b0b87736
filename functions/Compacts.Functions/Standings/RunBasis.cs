namespace Compacts.Functions.Standings;

/// <summary>The review states of a run's reports, counted when it was computed: the first three sum to the ranked rows.</summary>
public sealed record RunBasis(int Confirmed, int Submitted, int Returned, int Missing);
