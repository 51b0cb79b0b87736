using Compacts.Functions.Office;

namespace Compacts.Functions.Imports;

/// <summary>
/// The targets and baselines of a compact's quantitative criteria from a workbook (one row per criterion and unit: <c>criterionId</c>,
/// <c>unitId</c>, <c>target</c>, <c>baseline</c>; other columns, such as the template's titles, are for people and not read). A row
/// with a target sets the unit's target (and its baseline, required exactly for percentChange criteria, as the compact's own rules
/// say); a row whose target and baseline are both empty takes the criterion from the unit; a pair the sheet does not list keeps
/// what it has. Every cell is checked before anything changes.
/// </summary>
public static class TargetsImport
{
    public const string CriterionColumn = "criterionId";
    public const string UnitColumn = "unitId";
    public const string TargetColumn = "target";
    public const string BaselineColumn = "baseline";

    /// <summary>The compact with the sheet's targets, or the cells refused.</summary>
    public static (Compact? Compact, IReadOnlyList<CellProblem> Problems) Apply(Compact compact, SheetTable table)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(table);
        var problems = new List<CellProblem>(table.Problems);
        void Problem(int row, string column, string code, string reason) => problems.Add(new CellProblem(table.Sheet, row, column, code, reason));

        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, header) in table.Headers.OrderBy(h => h.Key.Length).ThenBy(h => h.Key, StringComparer.Ordinal))
        {
            if (header is CriterionColumn or UnitColumn or TargetColumn or BaselineColumn && !columns.TryAdd(header, column))
            {
                Problem(table.HeaderRow, column, CellCodes.DuplicateColumn, $"The column '{header}' appears twice (also in column {columns[header]}).");
            }
        }

        foreach (var required in new[] { UnitColumn, TargetColumn, BaselineColumn }.Where(r => !columns.ContainsKey(r)))
        {
            Problem(table.HeaderRow, columns[CriterionColumn], CellCodes.MissingColumn, $"The header has no column '{required}' (the template's columns are criterionId, unitId, target and baseline).");
        }

        if (problems.Count > 0)
        {
            return (null, ReportImportService.Ordered(problems));
        }

        var quantitative = compact.AllCriteria().Where(c => c.Type == CriterionType.Quantitative).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var targets = quantitative.ToDictionary(
            q => q.Key, q => new Dictionary<string, UnitTarget>(q.Value.Targets ?? new Dictionary<string, UnitTarget>(), StringComparer.Ordinal), StringComparer.Ordinal);
        var seen = new Dictionary<(string, string), int>();
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cells in table.Rows)
        {
            var row = cells.Values.First().Row;
            var criterionId = cells.TryGetValue(columns[CriterionColumn], out var c) ? ImportCells.Text(c) : "";
            var unitId = cells.TryGetValue(columns[UnitColumn], out var u) ? ImportCells.Text(u) : "";
            var rowProblems = problems.Count;
            if (!quantitative.TryGetValue(criterionId, out var criterion))
            {
                Problem(row, columns[CriterionColumn], criterionId.Length == 0 ? CellCodes.Required : CellCodes.UnknownCriterion, criterionId.Length == 0
                    ? "criterionId is required."
                    : $"The compact has no quantitative criterion '{Shorten(criterionId)}' (only quantitative criteria have targets).");
            }

            if (!compact.IsMember(unitId))
            {
                Problem(row, columns[UnitColumn], unitId.Length == 0 ? CellCodes.Required : CellCodes.NotMember, unitId.Length == 0 ? "unitId is required." : $"'{Shorten(unitId)}' is not a member unit of this compact.");
            }

            if (problems.Count > rowProblems)
            {
                continue;
            }

            if (!seen.TryAdd((criterionId, unitId), row))
            {
                Problem(row, columns[UnitColumn], CellCodes.DuplicateRow, $"Criterion '{criterionId}' and unit '{unitId}' have another row ({seen[(criterionId, unitId)]}).");
                continue;
            }

            firstRow.TryAdd(criterionId, row);
            var target = Number(cells.GetValueOrDefault(columns[TargetColumn]), "target must be a number greater than 0 and at most 10^12.", out var targetProblem);
            var percent = criterion!.Measure == Measure.PercentChange;
            var baseline = Number(cells.GetValueOrDefault(columns[BaselineColumn]),
                "A percentChange target needs a baseline greater than 0 and at most 10^12 (last year's figure).", out var baselineProblem);
            var targetEmpty = !cells.ContainsKey(columns[TargetColumn]);
            var baselineEmpty = !cells.ContainsKey(columns[BaselineColumn]);
            if (targetEmpty && baselineEmpty)
            {
                targets[criterionId].Remove(unitId); // the unit is not assigned the criterion
                continue;
            }

            if (targetEmpty)
            {
                Problem(row, columns[TargetColumn], CellCodes.BaselineWithoutTarget, "A baseline without a target: give the target too, or empty both to take the criterion from the unit.");
            }
            else if (targetProblem is not null)
            {
                Problem(row, columns[TargetColumn], CellCodes.InvalidValue, targetProblem);
            }

            if (!percent && !baselineEmpty)
            {
                Problem(row, columns[BaselineColumn], CellCodes.BaselineNotApplicable, "baseline applies only to percentChange criteria; leave it empty.");
            }
            else if (percent && (baselineEmpty || baselineProblem is not null))
            {
                Problem(row, columns[BaselineColumn], baselineEmpty ? CellCodes.BaselineRequired : CellCodes.InvalidValue, baselineProblem ?? "A percentChange target needs a baseline greater than 0 and at most 10^12 (last year's figure).");
            }

            if (target is { } value && (!percent || baseline is not null))
            {
                targets[criterionId][unitId] = new UnitTarget(value, percent ? baseline : null);
            }
        }

        foreach (var (criterionId, row) in firstRow.Where(f => targets[f.Key].Count == 0))
        {
            Problem(row, columns[TargetColumn], CellCodes.NoTarget, $"Criterion '{criterionId}' would have no target at all; a quantitative criterion needs a target for at least one member unit.");
        }

        if (problems.Count > 0)
        {
            return (null, ReportImportService.Ordered(problems));
        }

        var contents = compact.Contents.Select(content => content with
        {
            Criteria = [.. content.Criteria.Select(criterion => criterion.Type == CriterionType.Quantitative
                ? criterion with { Targets = compact.Members.Where(m => targets[criterion.Id].ContainsKey(m.UnitId)).ToDictionary(m => m.UnitId, m => targets[criterion.Id][m.UnitId], StringComparer.Ordinal) }
                : criterion)],
        }).ToList();
        return (compact with { Contents = contents }, []);
    }

    /// <summary>A target or baseline cell under the number rules, in (0, 10^12]; null with a reason when it is not one (or empty).</summary>
    private static decimal? Number(SheetCell? cell, string outOfRange, out string? problem)
    {
        problem = null;
        if (cell is null)
        {
            return null;
        }

        var text = cell.Content is CellContent.Number or CellContent.Text ? ImportCells.Text(cell) : null;
        if (!ExactNumbers.TryParse(text, out var value, out var parseProblem))
        {
            problem = parseProblem == ExactNumbers.PrecisionMessage ? parseProblem : outOfRange;
            return null;
        }

        if (value <= 0 || value > CompactValidator.MaxMagnitude)
        {
            problem = outOfRange;
            return null;
        }

        return value;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
