using Compacts.Functions.Ballots;
using Compacts.Functions.Office;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Year;

/// <summary>
/// The year-end report's skeleton (báo cáo tổng kết) as a Word document in the official layout: the sections a cluster's report has,
/// with what the system knows filled in — the members and the head, the year's standings table (December's run, final or
/// provisional), the ballots' results — and the narrative sections left for the secretariat to write.
/// </summary>
public static class YearReport
{
    private const string ToWrite = "(Thư ký cụm bổ sung nội dung.)";

    public static byte[] Write(YearResult year, IReadOnlyList<StoredBallot> ballots, Compact compact, IReadOnlyDictionary<string, string> names, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(ballots);
        ArgumentNullException.ThrowIfNull(compact);
        string Name(string unitId) => names.TryGetValue(unitId, out var name) ? name : unitId;
        var december = year.December;
        var y = december.Period.Year.ToString(CultureInfo.InvariantCulture);
        var final = december.Status == RunStatus.Final;
        var body = new List<DocumentBlock>
        {
            new DocumentBlock.Heading("I. ĐẶC ĐIỂM TÌNH HÌNH"),
            new DocumentBlock.Text(string.Create(CultureInfo.InvariantCulture,
                $"{compact.Cluster} gồm {compact.Members.Count} đơn vị; đơn vị cụm trưởng: {Name(compact.HeadUnitId())}{(compact.DeputyUnitId() is { } deputy ? $"; đơn vị cụm phó: {Name(deputy)}" : "")}. {(compact.SignedOn is { } signed ? $"Giao ước thi đua được ký ngày {signed:dd/MM/yyyy}." : "Giao ước thi đua chưa ký.")}")),
            new DocumentBlock.Text(ToWrite, Italic: true),
            new DocumentBlock.Heading("II. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA"),
            new DocumentBlock.Text($"Kết quả chấm điểm năm {y} ({(final ? "chính thức" : "tạm tính, chưa phải kết quả cuối cùng")}), theo kết quả tháng 12:"),
            new DocumentBlock.Table(
                [new("Hạng", CellKind.Count, 7), new("Đơn vị", CellKind.Text, 32), new("Điểm (thang 100)", CellKind.Score, 12), new("Tổng điểm", CellKind.Score, 11), new("Số tháng nộp muộn", CellKind.Count, 11)],
                [.. december.Rows.Select(r => (IReadOnlyList<object?>)[r.Rank, r.NotRanked ? $"{r.UnitName} (không xếp hạng)" : r.UnitName, r.Score, r.Total, r.LateMonths])]),
            new DocumentBlock.Text(ToWrite, Italic: true),
            new DocumentBlock.Heading("III. KẾT QUẢ BÌNH XÉT, SUY TÔN"),
        };
        var closed = ballots.Where(b => b.Result is not null).ToList();
        if (closed.Count == 0)
        {
            body.Add(new DocumentBlock.Text("Cụm chưa tổ chức bỏ phiếu suy tôn.", Italic: true));
        }

        foreach (var ballot in closed)
        {
            var result = ballot.Result!;
            var elected = result.Elected.Count > 0 ? string.Join("; ", result.Elected.Select(Name)) : "không có đơn vị nào đạt số phiếu cần thiết";
            body.Add(new DocumentBlock.Text(string.Create(CultureInfo.InvariantCulture,
                $"{ballot.Ballot.Title}: {result.Cast}/{ballot.Ballot.Electorate.Count} đơn vị bỏ phiếu; kết quả: {elected}.")));
        }

        body.Add(new DocumentBlock.Heading(string.Create(CultureInfo.InvariantCulture, $"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {december.Period.Year + 1}")));
        body.Add(new DocumentBlock.Text(ToWrite, Italic: true));
        var document = new OfficialDocument($"Báo cáo tổng kết phong trào thi đua năm {y}", compact.Title, body,
            [new("Cụm trưởng", "(Ký, ghi rõ họ tên, đóng dấu)")]);
        using var stream = new MemoryStream();
        DocxWriter.Write(stream, OfficialHeading.Of(compact.Cluster, compact.Place, today), document);
        return stream.ToArray();
    }
}
