using Compacts.Domain.Review;

namespace Compacts.Domain.Reminders;

/// <summary>The six review mails (docs/review.md, "Mail").</summary>
public static partial class MailComposer
{
    private const string ReportPage = "Mở trang báo cáo của đơn vị";
    private const string QueuePage = "Mở danh sách báo cáo chờ thẩm định";

    public static MailText Compose(ReviewMail mail, MailContext context)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(context);
        return mail switch
        {
            ReturnedMail m => Returned(m, context),
            AnsweredMail m => Answered(m, context),
            CorrectedMail m => Corrected(m, context),
            ReviewDueMail m => ReviewDue(m, context),
            ExplainDueMail m => ExplainDue(m, context),
            ReviewPendingMail m => ReviewPending(m, context),
            _ => throw new ArgumentException($"No text for the mail kind '{mail.GetType().Name}'.", nameof(mail)),
        };
    }

    private static MailText Returned(ReturnedMail mail, MailContext context)
    {
        var unit = context.NameOf(mail.UnitId);
        return Letter(context, $"[Trả lại báo cáo] {unit}: báo cáo {Month(mail.Period)} cần giải trình trước {context.SubjectTime(mail.ExplainBy)}", unit, body => body
            .Line($"Bản số {mail.Revision} {context.ReportOf(mail.Period)} của đơn vị đã được trả lại lúc {context.Time(mail.ReturnedAt)}.")
            .Line($"Ý kiến thẩm định: {mail.Comment}")
            .LineIf(mail.Reasons.Count > 0, () => "Lý do theo từng tiêu chí:")
            .List(ByCriterion(context, mail.Reasons))
            .Line($"Hạn giải trình: {context.Time(mail.ExplainBy)}, {mail.ExplainDays} ngày kể từ khi trả lại. Đơn vị gửi giải trình, hoặc gửi bản báo cáo mới, trên trang báo cáo."),
            ReportPage, context.Portal.Report(context.CompactId, mail.Period, mail.UnitId));
    }

    private static MailText Answered(AnsweredMail mail, MailContext context)
    {
        var answering = context.NameOf(mail.AnsweringUnitId);
        var month = Month(mail.Period);
        var (subject, how) = mail.By == AnswerKind.Explanation
            ? ($"[Đã giải trình] {answering}: báo cáo {month}", $"đã giải trình, giữ nguyên số liệu của bản số {mail.Revision}")
            : ($"[Báo cáo mới] {answering}: bản số {mail.Revision} báo cáo {month}", $"đã gửi bản báo cáo mới (bản số {mail.Revision})");
        var items = mail.Items ?? new Dictionary<string, string>();
        return Letter(context, subject, context.NameOf(mail.UnitId), body => body
            .Line($"{answering} {how} sau khi báo cáo {context.Compact.Title} {month} bị trả lại. Báo cáo đang chờ thẩm định lại.")
            .LineIf(!string.IsNullOrWhiteSpace(mail.Comment), () => $"Nội dung giải trình: {mail.Comment}")
            .LineIf(items.Count > 0, () => "Giải trình theo từng tiêu chí:")
            .List(ByCriterion(context, items)),
            "Mở trang thẩm định báo cáo", context.Portal.Review(context.CompactId, mail.Period, mail.AnsweringUnitId));
    }

    private static MailText Corrected(CorrectedMail mail, MailContext context)
    {
        var unit = context.NameOf(mail.UnitId);
        var rows = mail.Corrections.Select(c => (IReadOnlyList<string>)
            [context.TitleOf(c.CriterionId), ValueText(c.Old), ValueText(c.New), c.Comment ?? ""]).ToList();
        return Letter(context, $"[Xác nhận có điều chỉnh] {unit}: báo cáo {Month(mail.Period)}, {mail.Corrections.Count} tiêu chí được điều chỉnh", unit, body => body
            .Line($"Bản số {mail.Revision} {context.ReportOf(mail.Period)} của đơn vị đã được xác nhận, có điều chỉnh số liệu {mail.Corrections.Count} tiêu chí. Số liệu xác nhận được dùng để chấm điểm.")
            .LineIf(!string.IsNullOrWhiteSpace(mail.Comment), () => $"Ý kiến thẩm định: {mail.Comment}")
            .Line("Số liệu điều chỉnh:")
            .Table(["Tiêu chí", "Đơn vị báo cáo", "Số liệu xác nhận", "Lý do điều chỉnh"], rows,
                r => $"{r[0]}: báo cáo {r[1]} → xác nhận {r[2]}{(r[3].Length > 0 ? $" ({r[3]})" : "")}"),
            ReportPage, context.Portal.Report(context.CompactId, mail.Period, mail.UnitId));
    }

    private static MailText ReviewDue(ReviewDueMail mail, MailContext context)
    {
        var month = Month(mail.Period);
        return Letter(context, $"[Nhắc thẩm định] {mail.Reports.Count} báo cáo {month} đã chờ thẩm định từ {mail.ReviewDays} ngày", context.NameOf(mail.UnitId), body => body
            .Line($"Các báo cáo {context.Compact.Title} {month} sau đã chờ thẩm định từ {mail.ReviewDays} ngày trở lên:")
            .List(mail.Reports.Select(r => $"{context.NameOf(r.UnitId)}: chờ {r.WaitingDays} ngày")),
            QueuePage, context.Portal.ReviewQueue(context.CompactId, mail.Period));
    }

    private static MailText ExplainDue(ExplainDueMail mail, MailContext context)
    {
        var unit = context.NameOf(mail.UnitId);
        return Letter(context, $"[Quá hạn giải trình] {unit}: báo cáo {Month(mail.Period)}", unit, body => body
            .Line($"{Capitalized(context.ReportOf(mail.Period))} của đơn vị bị trả lại lúc {context.Time(mail.ReturnedAt)}; đến hạn giải trình {context.Time(mail.ExplainBy)}, sau {mail.ExplainDays} ngày, đơn vị chưa giải trình hoặc gửi bản báo cáo mới.")
            .Line("Đề nghị đơn vị giải trình sớm nhất: báo cáo chưa được xác nhận thì kết quả tháng chưa thể chốt."),
            ReportPage, context.Portal.Report(context.CompactId, mail.Period, mail.UnitId));
    }

    private static MailText ReviewPending(ReviewPendingMail mail, MailContext context)
    {
        var month = Month(mail.Period);
        var finalizeAt = context.Time(context.Calendar.FinalizeInstant(mail.Period));
        return Letter(context, $"[Chưa thẩm định xong] {context.Compact.Cluster}: {mail.Reports.Count} báo cáo {month} chưa được xác nhận", $"{context.NameOf(mail.UnitId)} (Cụm trưởng)", body => body
            .Line($"Đã đến thời điểm chốt kết quả {context.Compact.Title} {month}, {finalizeAt}, nhưng các báo cáo sau chưa được xác nhận:")
            .List(mail.Reports.Select(r => $"{context.NameOf(r.UnitId)}: {StateWords(r.State)}"))
            .Line("Kết quả tháng chỉ được chốt khi mọi báo cáo đã gửi đều được xác nhận."),
            QueuePage, context.Portal.ReviewQueue(context.CompactId, mail.Period));
    }

    /// <summary>"title: text" per criterion, in the compact's order of criteria (unknown ids last, as given).</summary>
    private static IEnumerable<string> ByCriterion(MailContext context, IReadOnlyDictionary<string, string> texts)
    {
        var order = context.Compact.AllCriteria().Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return texts.OrderBy(t => order.GetValueOrDefault(t.Key, int.MaxValue)).Select(t => $"{context.TitleOf(t.Key)}: {t.Value}");
    }

    /// <summary>A value as the unit wrote it: a number in Vietnamese notation, "Có"/"Không" for a yes/no, "(để trống)" for none.</summary>
    private static string ValueText(ReportValue? value) => value switch
    {
        { Flag: { } flag } => flag ? "Có" : "Không",
        { Number: { } number } => number.ToString("#,0.############################", Vietnamese),
        _ => "(để trống)",
    };

    private static string Capitalized(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..]);

    private static string StateWords(ReviewState state) => state switch
    {
        ReviewState.Submitted => "chờ thẩm định",
        ReviewState.Returned => "đã trả lại, chờ đơn vị giải trình",
        _ => "đã xác nhận",
    };
}
