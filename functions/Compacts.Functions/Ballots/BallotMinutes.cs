using Compacts.Domain.Ballots;
using Compacts.Functions.Office;

namespace Compacts.Functions.Ballots;

/// <summary>
/// The minutes of a closed ballot's count (biên bản kiểm phiếu) as a Word document in the official layout: when and what was voted,
/// the electorate, the ballots cast and blank, each candidate's votes and share of the ballots cast, who is elected under the
/// threshold and the seats, a tie left open, and the signature blocks of the count's chair, its secretary and the cluster head.
/// </summary>
public static class BallotMinutes
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static byte[] Write(StoredBallot stored, Compact compact, IReadOnlyDictionary<string, string> names, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(compact);
        var result = stored.Result ?? throw new InvalidOperationException("The minutes are of a closed ballot.");
        var ballot = stored.Ballot;
        string Name(string unitId) => names.TryGetValue(unitId, out var name) ? name : unitId;
        var closedAt = new CompactCalendar(compact).ToLocal(stored.ClosedAt!.Value);
        var elected = result.Elected.Select(Name).ToList();
        var rows = ballot.Candidates
            .Select(c => (Unit: c, Votes: result.Counts.TryGetValue(c, out var n) ? n : 0))
            .OrderByDescending(c => c.Votes)
            .Select((c, i) => (IReadOnlyList<object?>)
            [
                i + 1, Name(c.Unit), c.Votes, result.Cast == 0 ? 0m : Math.Round(100m * c.Votes / result.Cast, 2, MidpointRounding.AwayFromZero),
                result.Elected.Contains(c.Unit) ? "Trúng cử" : result.Tie?.Contains(c.Unit) == true ? "Bằng phiếu" : "",
            ])
            .ToList();
        var threshold = (ballot.Threshold * 100m).ToString("0.####", Vietnamese);
        var body = new List<DocumentBlock>
        {
            new DocumentBlock.Text(string.Create(CultureInfo.InvariantCulture,
                $"Hồi {closedAt:HH} giờ {closedAt:mm} ngày {closedAt:dd/MM/yyyy}, {compact.Cluster} kết thúc bỏ phiếu kín: {ballot.Title}.")),
            new DocumentBlock.Text(string.Create(CultureInfo.InvariantCulture,
                $"Số đơn vị có quyền bỏ phiếu: {ballot.Electorate.Count}. Số phiếu đã bỏ: {result.Cast}, trong đó phiếu trắng: {result.Blank}. Số đơn vị không bỏ phiếu: {ballot.Electorate.Count - result.Cast}.")),
            new DocumentBlock.Text(string.Create(CultureInfo.InvariantCulture,
                $"Số đơn vị được suy tôn: {ballot.Seats}. Đơn vị trúng cử khi số phiếu bầu quá {threshold}% số phiếu đã bỏ; nếu nhiều đơn vị đạt, lấy theo số phiếu từ cao xuống; bằng phiếu ở vị trí cuối thì xét thứ hạng xếp hạng tháng 12.")),
            new DocumentBlock.Heading("I. KẾT QUẢ KIỂM PHIẾU"),
            new DocumentBlock.Table(
                [new("STT", CellKind.Count, 6), new("Đơn vị", CellKind.Text, 30), new("Số phiếu bầu", CellKind.Count, 10), new("Tỷ lệ so với số phiếu đã bỏ (%)", CellKind.Score, 12), new("Kết quả", CellKind.Text, 12)],
                rows),
            new DocumentBlock.Heading("II. KẾT LUẬN"),
            new DocumentBlock.Text(elected.Count > 0
                ? $"Đơn vị trúng cử: {string.Join("; ", elected)}."
                : $"Không có đơn vị nào đạt số phiếu quá {threshold}% số phiếu đã bỏ."),
        };
        if (result.Tie is { Count: > 0 } tie)
        {
            body.Add(new DocumentBlock.Text($"Các đơn vị bằng phiếu và bằng thứ hạng ở vị trí cuối: {string.Join("; ", tie.Select(Name))}; vị trí này để trống."));
        }

        body.Add(new DocumentBlock.Text("Biên bản kết thúc cùng ngày, được lập thành 02 bản có giá trị như nhau. Phiếu bầu là phiếu kín: hệ thống chỉ lưu danh sách đơn vị đã bỏ phiếu và số phiếu của từng đơn vị ứng cử, không lưu đơn vị nào đã chọn ai.", Italic: true));
        var document = new OfficialDocument("Biên bản kiểm phiếu", ballot.Title, body,
            [new("Trưởng ban kiểm phiếu"), new("Thư ký"), new("Cụm trưởng", "(Ký, ghi rõ họ tên, đóng dấu)")]);
        using var stream = new MemoryStream();
        DocxWriter.Write(stream, OfficialHeading.Of(compact.Cluster, compact.Place, today), document);
        return stream.ToArray();
    }
}
