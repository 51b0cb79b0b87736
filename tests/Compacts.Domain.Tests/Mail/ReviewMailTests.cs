using Compacts.Domain.Reminders;
using Compacts.Domain.Review;

namespace Compacts.Domain.Tests.Mail;

public class ReviewMailTests
{
    // thanh-hoa is the head. March 2024 is final from 15 April 17:00 in Hà Nội.
    private static readonly Compact Compact = Drafts.Valid();
    private static readonly Period March = new(2024, 3);
    private static readonly DateTimeOffset ReturnedAt = new(2024, 4, 8, 9, 30, 0, TimeSpan.FromHours(7));

    private static MailText Compose(ReviewMail mail, IReadOnlyDictionary<string, string>? names = null) =>
        MailComposer.Compose(mail, Mails.Context(Compact, names));

    private static ReturnedMail Returned(string comment = "Số liệu chưa khớp với báo cáo ngành.") => new(
        March, "nghe-an", "rv-1", 2, comment,
        new Dictionary<string, string> { ["charity-houses"] = "Thiếu biên bản bàn giao nhà", ["crime-reduction"] = "Chưa trừ số vụ chuyển đến" },
        ReturnedAt, 5);

    public static TheoryData<string, string> EveryKind() => new()
    {
        { "returned", "https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/nghe-an" },
        { "answered", "https://thidua.example.gov.vn/#/review/cum6-2024/2024-03/nghe-an" },
        { "corrected", "https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/nghe-an" },
        { "reviewDue", "https://thidua.example.gov.vn/#/reviews/cum6-2024/2024-03" },
        { "explainDue", "https://thidua.example.gov.vn/#/report/cum6-2024/2024-03/nghe-an" },
        { "reviewPending", "https://thidua.example.gov.vn/#/reviews/cum6-2024/2024-03" },
    };

    private static ReviewMail Of(string kind) => kind switch
    {
        "returned" => Returned(),
        "answered" => new AnsweredMail(March, "thanh-hoa", "nghe-an", "ev-7", AnswerKind.Explanation, 2, "Đã bổ sung biên bản.", null),
        "corrected" => new CorrectedMail(March, "nghe-an", "rv-2", 3, "", [new Correction("charity-houses", ReportValue.Of(4), ReportValue.Of(3), "Một nhà chưa bàn giao")]),
        "reviewDue" => new ReviewDueMail(March, "thanh-hoa", 10, [new WaitingReport("nghe-an", 12)]),
        "explainDue" => new ExplainDueMail(March, "nghe-an", "rv-1", ReturnedAt, 5),
        _ => new ReviewPendingMail(March, "thanh-hoa", [new PendingReport("nghe-an", ReviewState.Submitted)]),
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_review_mail_is_Vietnamese_text_and_HTML_with_its_portal_page(string kind, string link)
    {
        var mail = Compose(Of(kind));

        Assert.Contains("tháng 3/2024", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Kính gửi Công an tỉnh", mail.Text, StringComparison.Ordinal);
        Assert.Contains($": {link}\r\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link}\">", mail.Html, StringComparison.Ordinal);
        Assert.Contains("Cụm thi đua số 6 - Bộ Công an — thư tự động, vui lòng không trả lời.", mail.Text, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"vi\">", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Asia/Ho_Chi_Minh", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_return_tells_the_unit_the_comment_the_reasons_by_criterion_title_and_the_explanation_deadline()
    {
        var mail = Compose(Returned());

        Assert.Equal("[Trả lại báo cáo] Công an tỉnh Nghệ An: báo cáo tháng 3/2024 cần giải trình trước 09:30 13/04/2024", mail.Subject);
        Assert.Contains("Kính gửi Công an tỉnh Nghệ An,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Bản số 2 báo cáo kết quả thực hiện Giao ước thi đua", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Ý kiến thẩm định: Số liệu chưa khớp với báo cáo ngành.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Kéo giảm tội phạm ít nhất 5%: Chưa trừ số vụ chuyển đến\r\n- Nhà tình nghĩa: Thiếu biên bản bàn giao nhà", mail.Text, StringComparison.Ordinal); // the compact's order
        Assert.Contains("Hạn giải trình: 09:30 ngày 13/04/2024 (giờ Việt Nam), 5 ngày kể từ khi trả lại.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<li>Nhà tình nghĩa: Thiếu biên bản bàn giao nhà</li>", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("charity-houses", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_deadline_is_whole_24_hour_days_after_the_return()
    {
        Assert.Equal(ReturnedAt.AddHours(5 * 24), Returned().ExplainBy);
        Assert.Equal(ReturnedAt.AddHours(5 * 24), new ExplainDueMail(March, "nghe-an", "rv-1", ReturnedAt, 5).ExplainBy);
    }

    [Fact]
    public void An_answer_tells_the_reviewers_which_unit_answered_and_how()
    {
        var explained = Compose(new AnsweredMail(March, "thanh-hoa", "nghe-an", "ev-7", AnswerKind.Explanation, 2, "Đã bổ sung biên bản.",
            new Dictionary<string, string> { ["charity-houses"] = "Biên bản kèm theo" }));
        var revised = Compose(new AnsweredMail(March, "thanh-hoa", "nghe-an", "ev-8", AnswerKind.NewRevision, 3, null, null));

        Assert.Equal("[Đã giải trình] Công an tỉnh Nghệ An: báo cáo tháng 3/2024", explained.Subject);
        Assert.Contains("Kính gửi Công an tỉnh Thanh Hóa,", explained.Text, StringComparison.Ordinal);
        Assert.Contains("Công an tỉnh Nghệ An đã giải trình, giữ nguyên số liệu của bản số 2", explained.Text, StringComparison.Ordinal);
        Assert.Contains("Nội dung giải trình: Đã bổ sung biên bản.", explained.Text, StringComparison.Ordinal);
        Assert.Contains("- Nhà tình nghĩa: Biên bản kèm theo", explained.Text, StringComparison.Ordinal);
        Assert.Equal("[Báo cáo mới] Công an tỉnh Nghệ An: bản số 3 báo cáo tháng 3/2024", revised.Subject);
        Assert.Contains("Công an tỉnh Nghệ An đã gửi bản báo cáo mới (bản số 3)", revised.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nội dung giải trình", revised.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_confirm_with_corrections_sets_old_and_new_values_side_by_side_with_the_comment()
    {
        var mail = Compose(new CorrectedMail(March, "nghe-an", "rv-2", 3, "Đã đối chiếu với báo cáo của Công an tỉnh.",
        [
            new Correction("crime-reduction", ReportValue.Of(1250.5m), ReportValue.Of(1190), "Theo số liệu thống kê ngành"),
            new Correction("ministry-targets", ReportValue.Of(true), ReportValue.Of(false), "Chưa hoàn thành chỉ tiêu 3"),
            new Correction("bonus", null, ReportValue.Of(1), "Được Bộ khen đột xuất"),
            new Correction("charity-houses", ReportValue.Of(4), null, null),
        ]));

        Assert.Equal("[Xác nhận có điều chỉnh] Công an tỉnh Nghệ An: báo cáo tháng 3/2024, 4 tiêu chí được điều chỉnh", mail.Subject);
        Assert.Contains("Ý kiến thẩm định: Đã đối chiếu với báo cáo của Công an tỉnh.", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Kéo giảm tội phạm ít nhất 5%: báo cáo 1.250,5 → xác nhận 1.190 (Theo số liệu thống kê ngành)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Hoàn thành chỉ tiêu Bộ giao: báo cáo Có → xác nhận Không (Chưa hoàn thành chỉ tiêu 3)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Điểm thưởng: báo cáo (để trống) → xác nhận 1 (Được Bộ khen đột xuất)", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Nhà tình nghĩa: báo cáo 4 → xác nhận (để trống)\r\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Tiêu chí</th><th>Đơn vị báo cáo</th><th>Số liệu xác nhận</th><th>Lý do điều chỉnh</th></tr>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Kéo giảm tội phạm ít nhất 5%</td><td>1.250,5</td><td>1.190</td><td>Theo số liệu thống kê ngành</td></tr>", mail.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_review_reminder_lists_the_waiting_units_with_their_days()
    {
        var mail = Compose(new ReviewDueMail(March, "thanh-hoa", 10, [new WaitingReport("nghe-an", 12), new WaitingReport("ha-tinh", 10)]));

        Assert.Equal("[Nhắc thẩm định] 2 báo cáo tháng 3/2024 đã chờ thẩm định từ 10 ngày", mail.Subject);
        Assert.Contains("Kính gửi Công an tỉnh Thanh Hóa,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Công an tỉnh Nghệ An: chờ 12 ngày\r\n- Công an tỉnh Hà Tĩnh: chờ 10 ngày", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_explanation_reminder_gives_the_return_and_the_missed_deadline()
    {
        var mail = Compose(new ExplainDueMail(March, "nghe-an", "rv-1", ReturnedAt, 5));

        Assert.Equal("[Quá hạn giải trình] Công an tỉnh Nghệ An: báo cáo tháng 3/2024", mail.Subject);
        Assert.Contains("bị trả lại lúc 09:30 ngày 08/04/2024 (giờ Việt Nam); đến hạn giải trình 09:30 ngày 13/04/2024 (giờ Việt Nam), sau 5 ngày, đơn vị chưa giải trình", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pending_review_notice_tells_the_head_which_reports_hold_the_month_open()
    {
        var mail = Compose(new ReviewPendingMail(March, "thanh-hoa", [new PendingReport("nghe-an", ReviewState.Submitted), new PendingReport("ha-tinh", ReviewState.Returned)]));

        Assert.Equal("[Chưa thẩm định xong] Cụm thi đua số 6 - Bộ Công an: 2 báo cáo tháng 3/2024 chưa được xác nhận", mail.Subject);
        Assert.Contains("Kính gửi Công an tỉnh Thanh Hóa (Cụm trưởng),", mail.Text, StringComparison.Ordinal);
        Assert.Contains("tháng 3/2024, 17:00 ngày 15/04/2024 (giờ Việt Nam), nhưng", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- Công an tỉnh Nghệ An: chờ thẩm định\r\n- Công an tỉnh Hà Tĩnh: đã trả lại, chờ đơn vị giải trình", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markup_in_names_comments_and_values_is_escaped_in_the_HTML()
    {
        var names = new Dictionary<string, string>(Mails.Names) { ["nghe-an"] = "Công an <b>Nghệ An</b>" };
        var returned = Compose(Returned("<script>alert('x')</script> & \"trích dẫn\""), names);
        var corrected = Compose(new CorrectedMail(March, "nghe-an", "rv-2", 3, "", [new Correction("bonus", null, ReportValue.Of(1), "<img src=x onerror=alert(1)>")]), names);

        Assert.DoesNotContain("<script>", returned.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", returned.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;trích dẫn&quot;", returned.Html, StringComparison.Ordinal);
        Assert.Contains("Công an &lt;b&gt;Nghệ An&lt;/b&gt;", returned.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script>", returned.Text, StringComparison.Ordinal); // plain text stays as written
        Assert.DoesNotContain("<img", corrected.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ý kiến thẩm định", corrected.Text, StringComparison.Ordinal); // an empty comment says nothing
    }

    [Fact]
    public void A_unit_or_criterion_the_directory_or_compact_lacks_is_named_by_its_id()
    {
        var mail = Compose(new ReturnedMail(March, "lao-cai", "rv-9", 1, "x", new Dictionary<string, string> { ["gone"] = "y" }, ReturnedAt, 5));

        Assert.Contains("Kính gửi lao-cai,", mail.Text, StringComparison.Ordinal);
        Assert.Contains("- gone: y", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ledger_kinds_carry_the_review_or_event_they_are_once_for()
    {
        Assert.Equal(
            ["returned-rv-1", "answered-ev-7", "corrected-rv-2", "reviewDue", "explainDue-rv-1", "reviewPending"],
            EveryKind().Select(row => Of((string)row[0]).KindKey));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    [InlineData("")]
    public void An_id_that_cannot_stand_in_a_table_key_is_refused(string reviewId)
    {
        Assert.Throws<ArgumentException>(() => new ExplainDueMail(March, "nghe-an", reviewId, ReturnedAt, 5).KindKey);
    }
}
