using System.Globalization;

namespace Compacts.Domain.Reminders;

/// <summary>
/// The mails' Vietnamese texts, plain text and HTML: each names the compact, the month and the unit it goes to, writes its
/// instants in the compact's time zone (<see cref="VietnameseTime"/>) and links the portal page the reader wants
/// (<see cref="PortalLinks"/>). The reporting notices are here; the review mails in MailComposer.Review.cs.
/// </summary>
public static partial class MailComposer
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <param name="missingUnitIds">For the head's summary: the members without a report, in member order.</param>
    /// <param name="rank">For the result notice: the unit's line of the final run (null: not in it).</param>
    public static MailText Compose(Notice notice, MailContext context, IReadOnlyList<string> missingUnitIds, RankLine? rank)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(context);
        var compact = context.Compact;
        var unitName = context.NameOf(notice.UnitId);
        var month = Month(notice.Period);
        var due = context.Calendar.DueInstant(notice.Period);
        var dueText = context.Time(due);
        var dueShort = context.SubjectTime(due);
        var penalty = compact.Reporting.LatePenalty.ToString("0.##", Vietnamese);
        var reportLink = context.Portal.Report(context.CompactId, notice.Period, notice.UnitId);
        const string ReportLabel = "Mở biểu mẫu báo cáo của đơn vị";
        switch (notice.Kind)
        {
            case NoticeKind.Reminder:
                return Letter(context, $"[Nhắc báo cáo] {unitName}: báo cáo {month} hạn {dueShort}", unitName, body => body
                    .Line($"Đơn vị chưa gửi báo cáo kết quả thực hiện {compact.Title} {month} (lũy kế từ đầu năm).")
                    .Line($"Hạn gửi: {dueText}, còn {notice.DaysBefore} ngày.")
                    .Line($"Mỗi tháng gửi muộn hoặc không gửi bị trừ {penalty} điểm."), ReportLabel, reportLink);
            case NoticeKind.Overdue:
                return Letter(context, $"[Quá hạn] {unitName}: chưa có báo cáo {month}", unitName, body => body
                    .Line($"Đã quá hạn gửi báo cáo kết quả thực hiện {compact.Title} {month} ({dueText}) mà đơn vị chưa gửi.")
                    .Line($"Đề nghị đơn vị gửi báo cáo sớm nhất; tháng này bị tính là tháng nộp muộn (trừ {penalty} điểm)."), ReportLabel, reportLink);
            case NoticeKind.HeadSummary:
                return Letter(context, $"[Tổng hợp] {compact.Cluster}: {missingUnitIds.Count} đơn vị chưa gửi báo cáo {month}", $"{unitName} (Cụm trưởng)", body => body
                    .Line($"Đến hạn {dueText}, các đơn vị sau chưa gửi báo cáo {compact.Title} {month}:")
                    .List(missingUnitIds.Select(context.NameOf)),
                    "Xem tình hình báo cáo và thẩm định của các đơn vị", context.Portal.ReviewQueue(context.CompactId, notice.Period));
            default:
                var standing = rank is null || rank.NotRanked
                    ? "không được xếp hạng (không có báo cáo tháng này)"
                    : $"xếp hạng {rank.Rank}/{rank.RankedCount}, đạt {rank.Score?.ToString("0.##", Vietnamese)} điểm";
                return Letter(context, $"[Kết quả] {unitName}: {month} {standing}", unitName, body => body
                    .Line($"Kết quả chấm điểm thi đua {compact.Title} {month} đã chốt: đơn vị {standing}."),
                    "Xem bảng xếp hạng", context.Portal.Standings(context.CompactId, notice.Period));
        }
    }

    /// <summary>Greeting, the mail's own paragraphs, the link to its portal page, the sender's line.</summary>
    private static MailText Letter(MailContext context, string subject, string to, Action<MailBody> write, string linkLabel, Uri link)
    {
        var body = new MailBody().Line($"Kính gửi {to},");
        write(body);
        return body.Link(linkLabel, link).Line($"{context.Compact.Cluster} — thư tự động, vui lòng không trả lời.").Build(subject);
    }

    private static string Month(Period period) => string.Create(CultureInfo.InvariantCulture, $"tháng {period.Month}/{period.Year}");
}
