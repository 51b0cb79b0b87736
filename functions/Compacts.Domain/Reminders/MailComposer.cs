using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Compacts.Domain.Reminders;

public sealed record MailText(string Subject, string Text, string Html);

/// <summary>One unit's line in the final notice.</summary>
public sealed record RankLine(int? Rank, decimal? Score, int RankedCount, bool NotRanked);

/// <summary>The mails' Vietnamese texts: plain text and HTML, naming the compact, the month, the due date and time in the compact's time zone, and the unit.</summary>
public static class MailComposer
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All); // escapes markup, keeps Vietnamese letters

    public static MailText Compose(Notice notice, Compact compact, string unitName, IReadOnlyList<string> missingUnitNames, RankLine? rank, Uri standingsLink)
    {
        var calendar = new CompactCalendar(compact);
        var due = calendar.ToLocal(calendar.DueInstant(notice.Period));
        var month = $"tháng {notice.Period.Month}/{notice.Period.Year}";
        var dueText = $"{due:HH:mm} ngày {due:dd/MM/yyyy} (giờ {compact.TimeZone})";
        var penalty = compact.Reporting.LatePenalty.ToString("0.##", Vietnamese);
        var lines = new List<string>();
        string subject;
        switch (notice.Kind)
        {
            case NoticeKind.Reminder:
                subject = $"[Nhắc báo cáo] {unitName}: báo cáo {month} hạn {due:HH:mm dd/MM/yyyy}";
                lines.Add($"Kính gửi {unitName},");
                lines.Add($"Đơn vị chưa gửi báo cáo kết quả thực hiện {compact.Title} {month} (lũy kế từ đầu năm).");
                lines.Add($"Hạn gửi: {dueText}, còn {notice.DaysBefore} ngày.");
                lines.Add($"Mỗi tháng gửi muộn hoặc không gửi bị trừ {penalty} điểm.");
                break;
            case NoticeKind.Overdue:
                subject = $"[Quá hạn] {unitName}: chưa có báo cáo {month}";
                lines.Add($"Kính gửi {unitName},");
                lines.Add($"Đã quá hạn gửi báo cáo kết quả thực hiện {compact.Title} {month} ({dueText}) mà đơn vị chưa gửi.");
                lines.Add($"Đề nghị đơn vị gửi báo cáo sớm nhất; tháng này bị tính là tháng nộp muộn (trừ {penalty} điểm).");
                break;
            case NoticeKind.HeadSummary:
                subject = $"[Tổng hợp] {compact.Cluster}: {missingUnitNames.Count} đơn vị chưa gửi báo cáo {month}";
                lines.Add($"Kính gửi {unitName} (Cụm trưởng),");
                lines.Add($"Đến hạn {dueText}, các đơn vị sau chưa gửi báo cáo {compact.Title} {month}:");
                lines.AddRange(missingUnitNames.Select(n => $"- {n}"));
                break;
            default:
                var standing = rank is null || rank.NotRanked
                    ? "không được xếp hạng (không có báo cáo tháng này)"
                    : $"xếp hạng {rank.Rank}/{rank.RankedCount}, đạt {rank.Score?.ToString("0.##", Vietnamese)} điểm";
                subject = $"[Kết quả] {unitName}: {month} {standing}";
                lines.Add($"Kính gửi {unitName},");
                lines.Add($"Kết quả chấm điểm thi đua {compact.Title} {month} đã chốt: đơn vị {standing}.");
                break;
        }

        lines.Add($"Xem bảng xếp hạng: {standingsLink}");
        lines.Add($"{compact.Cluster} — thư tự động, vui lòng không trả lời.");

        var html = new StringBuilder("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body>");
        foreach (var line in lines)
        {
            html.Append(line.StartsWith("- ", StringComparison.Ordinal) ? "<li>" : "<p>")
                .Append(Html.Encode(line.StartsWith("- ", StringComparison.Ordinal) ? line[2..] : line))
                .Append(line.StartsWith("- ", StringComparison.Ordinal) ? "</li>" : "</p>");
        }

        html.Append("</body></html>");
        return new MailText(subject, string.Join("\r\n", lines) + "\r\n", html.ToString().Replace("</p><li>", "</p><ul><li>", StringComparison.Ordinal).Replace("</li><p>", "</li></ul><p>", StringComparison.Ordinal));
    }
}
