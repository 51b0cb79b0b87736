using System.Globalization;
using Compacts.Domain.Ballots;

namespace Compacts.Domain.Reminders;

/// <summary>The three ballot mails (docs/ballots.md, "Mail"). None says how any unit voted: the result mail gives the counts only.</summary>
public static partial class MailComposer
{
    private const string BallotPage = "Mở trang bỏ phiếu";

    public static MailText Compose(BallotMailKind kind, Ballot ballot, BallotResult? result, string unitId, MailContext context)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(context);
        var unit = context.NameOf(unitId);
        var link = context.Portal.Ballot(context.CompactId, ballot.BallotId);
        return kind switch
        {
            BallotMailKind.Opened => Letter(context, $"[Bỏ phiếu kín] {ballot.Title}: hạn bỏ phiếu {context.SubjectTime(ballot.ClosesAt)}", unit, body => body
                .Line($"Cụm thi đua mở cuộc bỏ phiếu kín: {ballot.Title}.")
                .Line($"Các đơn vị được giới thiệu ({ballot.Candidates.Count}):")
                .List(ballot.Candidates.Select(context.NameOf))
                .Line(Rule(ballot))
                .Line($"Mỗi đơn vị bỏ một phiếu (có thể để trống), không sửa được sau khi gửi. Hạn bỏ phiếu: {context.Time(ballot.ClosesAt)}."),
                BallotPage, link),
            BallotMailKind.Closing => Letter(context, $"[Nhắc bỏ phiếu] {ballot.Title}: hạn {context.SubjectTime(ballot.ClosesAt)}", unit, body => body
                .Line($"Đơn vị chưa bỏ phiếu trong cuộc bỏ phiếu kín: {ballot.Title}.")
                .Line($"Cuộc bỏ phiếu kết thúc lúc {context.Time(ballot.ClosesAt)}; sau thời điểm đó không nhận phiếu."),
                BallotPage, link),
            _ => ResultLetter(ballot, result ?? throw new ArgumentNullException(nameof(result)), unit, context, link),
        };
    }

    private static MailText ResultLetter(Ballot ballot, BallotResult result, string unit, MailContext context, Uri link) =>
        Letter(context, $"[Kết quả bỏ phiếu] {ballot.Title}", unit, body => body
            .Line($"Kết quả bỏ phiếu kín: {ballot.Title}.")
            .Line(string.Create(CultureInfo.InvariantCulture, $"Số phiếu bầu: {result.Cast}/{ballot.Electorate.Count} đơn vị, trong đó {result.Blank} phiếu trống."))
            .Table(["Đơn vị", "Số phiếu"], [.. ballot.Candidates.Select(c => (IReadOnlyList<string>)[context.NameOf(c), result.Counts.GetValueOrDefault(c).ToString(CultureInfo.InvariantCulture)])],
                row => $"{row[0]}: {row[1]} phiếu")
            .Line(result.Elected.Count == 0 ? "Không có đơn vị trúng." : $"Đơn vị trúng: {string.Join(", ", result.Elected.Select(context.NameOf))}.")
            .LineIf(result.Tie is not null, () => $"Các đơn vị bằng phiếu và bằng thứ hạng tháng 12 cho suất còn lại (để trống): {string.Join(", ", result.Tie!.Select(context.NameOf))}.")
            .Line(Rule(ballot)),
            BallotPage, link);

    private static string Rule(Ballot ballot) => string.Create(CultureInfo.InvariantCulture,
        $"Số đơn vị được bầu: {ballot.Seats}. Đơn vị trúng khi số phiếu nhiều hơn {ExactNumbers.Normalize(ballot.Threshold * 100)}% số phiếu bầu; bằng phiếu thì xét thứ hạng tháng 12.");
}
