using Compacts.Functions.Office;

namespace Compacts.Functions.Imports;

/// <summary>
/// The workbooks an admin downloads, fills and uploads again: the official heading above a table whose header row holds the ids
/// the import reads (<c>criterionId</c>, <c>unitId</c>, …), one row per unit (and criterion) already keyed, and a sheet after it
/// that explains the columns to a person (the import reads the first sheet only).
/// </summary>
public static class ImportTemplates
{
    public const string ReportsSheet = "Báo cáo";
    public const string TargetsSheet = "Chỉ tiêu";

    /// <summary>A month's paper reports: a row per member (unitId filled), a column per criterion, note and receivedAt.</summary>
    public static byte[] Reports(Compact compact, Period period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(compact);
        var criteria = compact.AllCriteria().ToList();
        var month = string.Create(CultureInfo.InvariantCulture, $"{period.Month}/{period.Year}");
        var reports = new WorkbookSheet(
            ReportsSheet,
            $"BÁO CÁO THI ĐUA THÁNG {month} (NHẬP TỪ BẢN GIẤY)",
            "Mỗi đơn vị một dòng; để trống tiêu chí không giao cho đơn vị; receivedAt là thời điểm nhận báo cáo giấy (giờ địa phương). Xem trang \"Hướng dẫn\".",
            [
                new(ReportImportService.UnitColumn, CellKind.Text, 16),
                .. criteria.Select(c => new SheetColumn(c.Id, c.Type == CriterionType.Qualitative ? CellKind.Text : CellKind.Count, 14)),
                new(ReportImportService.NoteColumn, CellKind.Text, 30),
                new(ReportImportService.ReceivedAtColumn, CellKind.Text, 20),
            ],
            compact.Members.Select(m => (IReadOnlyList<object?>)[m.UnitId]));
        return Write(compact, today, reports, Guide(
            [
                [ReportImportService.UnitColumn, "Mã đơn vị (không sửa)", "văn bản"],
                .. criteria.Select(c => (IReadOnlyList<object?>)[c.Id, c.Title, TypeHint(c)]),
                [ReportImportService.NoteColumn, "Ghi chú (không bắt buộc)", "văn bản"],
                [ReportImportService.ReceivedAtColumn, "Thời điểm nhận báo cáo giấy", "ngày giờ, ví dụ 2024-04-03 09:12 (giờ của cụm) hoặc ô kiểu ngày"],
            ]));
    }

    /// <summary>The targets: a row per quantitative criterion and member, with the target and baseline it has now (empty: none).</summary>
    public static byte[] Targets(Compact compact, IReadOnlyDictionary<string, string> unitNames, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(unitNames);
        var rows =
            from criterion in compact.AllCriteria().Where(c => c.Type == CriterionType.Quantitative)
            from member in compact.Members
            let target = criterion.Targets?.GetValueOrDefault(member.UnitId)
            select (IReadOnlyList<object?>)
            [
                criterion.Id, criterion.Title, member.UnitId, unitNames.GetValueOrDefault(member.UnitId, member.UnitId),
                criterion.Measure == Measure.PercentChange ? "% so với năm trước (cần baseline)" : "số tuyệt đối",
                target?.Target, target?.Baseline,
            ];
        var targets = new WorkbookSheet(
            TargetsSheet,
            $"CHỈ TIÊU GIAO ƯỚC THI ĐUA NĂM {compact.Year}",
            "Mỗi dòng một tiêu chí định lượng của một đơn vị; để trống cả target và baseline: không giao tiêu chí cho đơn vị.",
            [
                new(TargetsImport.CriterionColumn, CellKind.Text, 18),
                new("Tiêu chí", CellKind.Text, 36),
                new(TargetsImport.UnitColumn, CellKind.Text, 14),
                new("Đơn vị", CellKind.Text, 24),
                new("Cách đo", CellKind.Text, 18),
                new(TargetsImport.TargetColumn, CellKind.Score, 14),
                new(TargetsImport.BaselineColumn, CellKind.Score, 14),
            ],
            rows);
        return Write(compact, today, targets, Guide(
            [
                [TargetsImport.CriterionColumn, "Mã tiêu chí (không sửa)", "văn bản"],
                [TargetsImport.UnitColumn, "Mã đơn vị (không sửa)", "văn bản"],
                [TargetsImport.TargetColumn, "Chỉ tiêu giao", "số lớn hơn 0, tối đa 10^12, tối đa 6 chữ số thập phân"],
                [TargetsImport.BaselineColumn, "Số liệu năm trước (chỉ tiêu đo theo %)", "số lớn hơn 0; để trống với chỉ tiêu tuyệt đối"],
                ["Tiêu chí, Đơn vị, Cách đo", "Để người đọc; không được nhập", ""],
            ]));
    }

    private static WorkbookSheet Guide(IEnumerable<IReadOnlyList<object?>> rows) => new(
        "Hướng dẫn", "HƯỚNG DẪN ĐIỀN", "Hệ thống đọc trang đầu tiên; không gộp ô trong bảng; ô công thức được đọc theo giá trị đã lưu.",
        [new("Cột", CellKind.Text, 22), new("Nội dung", CellKind.Text, 44), new("Cách ghi", CellKind.Text, 44)], rows);

    private static string TypeHint(Criterion criterion) => criterion.Type switch
    {
        CriterionType.Qualitative => "TRUE (đạt) hoặc FALSE (không đạt)",
        CriterionType.Occurrence => "số nguyên từ 0",
        CriterionType.Adjustment => string.Create(CultureInfo.InvariantCulture, $"số từ {criterion.Min} đến {criterion.Max}; để trống nếu không có"),
        _ => "số từ 0, tối đa 6 chữ số thập phân",
    };

    private static byte[] Write(Compact compact, DateOnly today, params WorkbookSheet[] sheets)
    {
        using var stream = new MemoryStream();
        XlsxWriter.Write(stream, OfficialHeading.Of(compact.Cluster, compact.Place, today), sheets);
        return stream.ToArray();
    }
}
