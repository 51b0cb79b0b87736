using Compacts.Domain.Review;
using Compacts.Functions.Office;

namespace Compacts.Functions.Standings;

/// <summary>
/// A month's standings as the workbook a secretariat files (bảng xếp hạng thi đua tháng): the standings sheet, the units in rank
/// order (the not-ranked last) with their scores as numbers shown with two decimals; then a sheet of each criterion's score per
/// unit (one A4 landscape page each, for a cluster's usual dozen criteria).
/// </summary>
public static class StandingsWorkbook
{
    public static byte[] Write(StandingsRun run, Compact compact, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(compact);
        var month = string.Create(CultureInfo.InvariantCulture, $"{run.Period.Month}/{run.Period.Year}");
        var subtitle = $"{compact.Title} — kết quả {(run.Status == RunStatus.Final ? "chính thức" : "tạm tính")}, tính lúc {VietnameseInstant(run.ComputedAt, compact)}";
        var standings = new WorkbookSheet(
            "Xếp hạng",
            $"BẢNG XẾP HẠNG THI ĐUA THÁNG {month}",
            subtitle,
            [.. ScoreColumns, new("Thẩm định", CellKind.Text, 14), new("Ghi chú", CellKind.Text, 30)],
            run.Rows.Select(row => (IReadOnlyList<object?>)
            [
                .. ScoreCells(row), StateName(row.ReviewState), row.NotRanked ? "Không xếp hạng: chưa có báo cáo" : null,
            ]));
        var criteria = compact.AllCriteria().ToList();
        var scores = new WorkbookSheet(
            "Điểm tiêu chí",
            $"ĐIỂM TỪNG TIÊU CHÍ THÁNG {month}",
            subtitle,
            [new("Hạng", CellKind.Count, 7), new("Đơn vị", CellKind.Text, 30), .. criteria.Select(c => new SheetColumn(c.Title, CellKind.Score, 14))],
            run.Rows.Select(row => (IReadOnlyList<object?>)
            [
                row.Rank, row.UnitName, .. criteria.Select(c => row.Criteria.TryGetValue(c.Id, out var score) ? (object?)score : null),
            ]));
        using var stream = new MemoryStream();
        XlsxWriter.Write(stream, OfficialHeading.Of(compact.Cluster, compact.Place, today), [standings, scores]);
        return stream.ToArray();
    }

    /// <summary>A standings row's rank, unit, score and the score's parts: the columns the month's and the year's sheets share.</summary>
    public static IReadOnlyList<SheetColumn> ScoreColumns { get; } =
    [
        new("Hạng", CellKind.Count, 7),
        new("Đơn vị", CellKind.Text, 30),
        new("Điểm (thang 100)", CellKind.Score, 11),
        new("Tổng điểm", CellKind.Score, 10),
        new("Điểm tối đa được giao", CellKind.Score, 11),
        new("Điểm các tiêu chí", CellKind.Score, 10),
        new("Điểm cộng, trừ", CellKind.Score, 9),
        new("Trừ điểm nộp muộn", CellKind.Score, 9),
        new("Số tháng nộp muộn", CellKind.Count, 9),
        new("Số chỉ tiêu vượt", CellKind.Count, 9),
    ];

    /// <summary>The cells of <see cref="ScoreColumns"/> for one row.</summary>
    public static IReadOnlyList<object?> ScoreCells(Domain.Scoring.StandingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return [row.Rank, row.UnitName, row.Score, row.Total, row.AssignedMax, row.Base, row.Adjustments, row.Penalty, row.LateMonths, row.Exceeded];
    }

    private static string? StateName(ReviewState? state) => state switch
    {
        ReviewState.Submitted => "chờ thẩm định",
        ReviewState.Returned => "đã trả lại",
        ReviewState.Confirmed => "đã xác nhận",
        _ => null,
    };

    private static string VietnameseInstant(DateTimeOffset instant, Compact compact) =>
        new CompactCalendar(compact).ToLocal(instant).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
}
