using Compacts.Functions.Office;
using Compacts.Functions.Reports;

namespace Compacts.Functions.Imports;

/// <summary>
/// A month's paper reports from a workbook (one row per unit: <c>unitId</c>, a column per criterion id, <c>note</c>,
/// <c>receivedAt</c>): every row checked as a PUT of that report is checked, every refusal tied to its cell, and then either every
/// report stored as its new revision (<see cref="ReportStore.ImportAsync"/>) or none.
/// </summary>
public sealed class ReportImportService(ReportService reportService, ReportStore reports)
{
    public const string UnitColumn = "unitId";
    public const string NoteColumn = "note";
    public const string ReceivedAtColumn = "receivedAt";

    /// <summary>The rows of one import: one transaction moves all their pointers (<see cref="TableBatch.MaxOperations"/>).</summary>
    public const int MaxReports = TableBatch.MaxOperations;

    /// <summary>The outcome: the stored revisions, or the cells refused (<paramref name="Status"/> 400, or 409 for the review rules).</summary>
    public sealed record Result(IReadOnlyList<SubmitOutcome.Stored>? Stored, IReadOnlyList<CellProblem> Problems, int Status = 400, bool Contended = false);

    public async Task<Result> ImportAsync(ImportTarget target, SheetTable table, Func<CancellationToken, Task<bool>> monthHasFinalRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(table);
        var problems = new List<CellProblem>(table.Problems);
        void Problem(int row, string column, string code, string reason) => problems.Add(new CellProblem(table.Sheet, row, column, code, reason));

        var criteria = target.Compact.AllCriteria().Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal); // header → column letter
        foreach (var (column, header) in table.Headers.OrderBy(h => h.Key.Length).ThenBy(h => h.Key, StringComparer.Ordinal))
        {
            if (header is not (UnitColumn or NoteColumn or ReceivedAtColumn) && !criteria.Contains(header))
            {
                Problem(table.HeaderRow, column, CellCodes.UnknownColumn, $"Unknown column '{Shorten(header)}': the compact has no criterion of that id (the columns are unitId, the criterion ids, note and receivedAt).");
            }
            else if (!columns.TryAdd(header, column))
            {
                Problem(table.HeaderRow, column, CellCodes.DuplicateColumn, $"The column '{header}' appears twice (also in column {columns[header]}).");
            }
        }

        var nextColumn = XlsxReader.ColumnName(table.Headers.Keys.Select(k => XlsxReader.Position(k + "1")!.Value.Column).DefaultIfEmpty(0).Max() + 1);
        if (!columns.ContainsKey(ReceivedAtColumn))
        {
            Problem(table.HeaderRow, nextColumn, CellCodes.MissingColumn, "The header has no column 'receivedAt': a paper report is imported with the time it was received.");
        }

        if (table.Rows.Count == 0)
        {
            Problem(table.HeaderRow + 1, columns[UnitColumn], CellCodes.NoRows, "The sheet has no report rows below its header.");
        }
        else if (table.Rows.Count > MaxReports)
        {
            return new Result(null, [new CellProblem(table.Sheet, table.HeaderRow, columns[UnitColumn], CellCodes.TooManyRows,
                $"At most {MaxReports} reports are imported at once; the sheet has {table.Rows.Count}.")], 413);
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var drafts = new List<(string UnitId, RevisionDraft Draft, int Row)>();
        foreach (var cells in table.Rows)
        {
            var row = cells.Values.First().Row;
            if (!cells.TryGetValue(columns[UnitColumn], out var unitCell))
            {
                Problem(row, columns[UnitColumn], CellCodes.Required, "The row has values but no unitId.");
                continue;
            }

            var unitId = ImportCells.Text(unitCell);
            if (!target.Compact.IsMember(unitId))
            {
                Problem(row, unitCell.Column, CellCodes.NotMember, $"'{Shorten(unitId)}' is not a member unit of compact '{target.CompactId}'.");
                continue;
            }

            if (!seen.TryAdd(unitId, row))
            {
                Problem(row, unitCell.Column, CellCodes.DuplicateRow, $"Unit '{unitId}' has another row ({seen[unitId]}); import one row per unit.");
                continue;
            }

            var values = new Dictionary<string, InputValue>(StringComparer.Ordinal);
            foreach (var (header, column) in columns.Where(c => criteria.Contains(c.Key)))
            {
                if (cells.TryGetValue(column, out var cell))
                {
                    values[header] = ImportCells.Value(cell);
                }
            }

            var note = columns.TryGetValue(NoteColumn, out var noteColumn) && cells.TryGetValue(noteColumn, out var noteCell) ? ImportCells.Text(noteCell) : null;
            DateTimeOffset? receivedAt = null;
            var receivedBad = true; // a missing or unreadable receivedAt is listed once, not again as the checks see it
            if (columns.TryGetValue(ReceivedAtColumn, out var receivedColumn))
            {
                if (!cells.TryGetValue(receivedColumn, out var receivedCell))
                {
                    Problem(row, receivedColumn, CellCodes.Required, "receivedAt is required: the time the paper report was received.");
                }
                else if (ImportCells.Instant(receivedCell, table, target.Calendar) is { Problem: { } problem })
                {
                    Problem(row, receivedColumn, CellCodes.InvalidTime, problem);
                }
                else
                {
                    (receivedAt, receivedBad) = (ImportCells.Instant(receivedCell, table, target.Calendar).Instant, false);
                }
            }

            var (draft, errors) = reportService.Check(target.Caller, target.Compact, target.Calendar, target.Period, unitId, values, fromForm: false, note, receivedAt);
            foreach (var (field, messages) in errors.ToDictionary().Where(e => !(receivedBad && e.Key == ReceivedAtColumn)))
            {
                var (column, prefix) = field switch
                {
                    NoteColumn => (noteColumn ?? unitCell.Column, ""),
                    ReceivedAtColumn => (receivedColumn ?? unitCell.Column, ""),
                    _ when field.StartsWith("values.", StringComparison.Ordinal) && columns.TryGetValue(field["values.".Length..], out var c) => (c, ""),
                    _ => (unitCell.Column, field.StartsWith("values.", StringComparison.Ordinal) ? $"{field["values.".Length..]} (no column): " : $"{field}: "),
                };
                foreach (var message in messages)
                {
                    Problem(row, column, field == ReceivedAtColumn ? CellCodes.InvalidTime : CellCodes.InvalidValue, prefix + message);
                }
            }

            if (draft is not null && !receivedBad)
            {
                drafts.Add((unitId, draft, row));
            }
        }

        if (problems.Count > 0)
        {
            return new Result(null, Ordered(problems));
        }

        var period = target.Period;
        var calendar = target.Calendar;
        var outcome = await reports.ImportAsync(
            target.CompactId, period, [.. drafts.Select(d => (d.UnitId, d.Draft))], first => calendar.IsLate(period, first), monthHasFinalRun, cancellationToken);
        switch (outcome)
        {
            case ImportOutcome.Stored stored:
                return new Result(stored.Revisions, []);
            case ImportOutcome.Refused refused:
                var rows = drafts.ToDictionary(d => d.UnitId, d => d.Row, StringComparer.Ordinal);
                var cellsRefused = refused.Reports.Select(r => r.Outcome switch
                {
                    SubmitOutcome.ReceivedBeforePrevious previous => new CellProblem(table.Sheet, rows[r.UnitId], columns[ReceivedAtColumn], CellCodes.EarlierThanPrevious,
                        $"receivedAt may not be earlier than the previous revision's ({previous.Previous.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})."),
                    SubmitOutcome.Refused rule => new CellProblem(table.Sheet, rows[r.UnitId], columns[UnitColumn], CellCodes.ReportRefused, rule.Detail),
                    SubmitOutcome.TooLarge => new CellProblem(table.Sheet, rows[r.UnitId], columns.GetValueOrDefault(NoteColumn) ?? columns[UnitColumn], CellCodes.TooLarge,
                        "The report is too large to store; shorten the note."),
                    _ => new CellProblem(table.Sheet, rows[r.UnitId], columns[UnitColumn], CellCodes.ReportRefused, "The report cannot take a new revision now."),
                }).ToList();
                return new Result(null, Ordered(cellsRefused), refused.Reports.Any(r => r.Outcome is SubmitOutcome.Refused) ? 409 : 400);
            default:
                return new Result(null, [], Contended: true);
        }
    }

    /// <summary>Problems by row, then column (A before B before AA).</summary>
    public static IReadOnlyList<CellProblem> Ordered(IEnumerable<CellProblem> problems) =>
        [.. problems.OrderBy(p => p.Row).ThenBy(p => p.Column.Length).ThenBy(p => p.Column, StringComparer.Ordinal)];

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
