namespace Compacts.Domain.Tests.Reference;

/// <summary>
/// A unit's reports as the reference reads them. FirstReceipts: month -> receivedAt of revision 1 of
/// that month's report (a month without a key has no report). Current: the values (criterion id ->
/// value) of the current revision of the report for the month being computed, or null when the unit
/// has no report for that month. Confirmed: when that report is confirmed, the criteria its confirming
/// review gave a value for (criterion id -> the review's value; null: the review removed the value);
/// null when the report is not confirmed.
/// </summary>
public sealed record RefUnit(
    string UnitId,
    IReadOnlyDictionary<int, DateTimeOffset> FirstReceipts,
    IReadOnlyDictionary<string, RefValue>? Current,
    IReadOnlyDictionary<string, RefValue?>? Confirmed = null);
