using Compacts.Functions.Imports;

namespace Compacts.Functions.Tests.Imports;

/// <summary>The import routes, called as the host calls them.</summary>
public static class ImportCalls
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static TestRequest Upload(string method, byte[] workbook, string? principal = null, string contentType = Xlsx) =>
        new(method, principal ?? Principals.Admin, workbook, contentType);

    public static Task<TestResponse> ImportReports(this TestApp app, TestRequest request, string period) =>
        app.SendAsync<ImportsFunctions>(request, (f, req, ct) => f.PostReportImport(req, TestApp.CompactId, period, ct));

    public static Task<TestResponse> ImportReports(this TestApp app, byte[] workbook, string period) =>
        app.ImportReports(Upload("POST", workbook), period);

    public static Task<TestResponse> GetImportTemplate(this TestApp app, string? principal, string period) =>
        app.SendAsync<ImportsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetReportImportTemplate(req, TestApp.CompactId, period, ct));

    public static Task<TestResponse> GetTargets(this TestApp app, TestRequest request) =>
        app.SendAsync<ImportsFunctions>(request, (f, req, ct) => f.GetTargets(req, TestApp.CompactId, ct));

    public static Task<TestResponse> PutTargets(this TestApp app, TestRequest request) =>
        app.SendAsync<ImportsFunctions>(request, (f, req, ct) => f.PutTargets(req, TestApp.CompactId, ct));

    /// <summary>The header and one complete row per unit of the demo compact, the template's layout (header in row 8).</summary>
    public static TestWorkbook Reports(string receivedAt = "2024-04-02 09:00", params string[] units)
    {
        var book = Header();
        var row = 9;
        foreach (var unit in units.Length == 0 ? TestApp.Units : units)
        {
            book.Row(row++, ("A", TestWorkbook.Inline(unit)), ("B", TestWorkbook.Number("4")), ("C", TestWorkbook.Boolean(true)), ("D", TestWorkbook.Boolean(true)),
                ("E", TestWorkbook.Boolean(true)), ("F", TestWorkbook.Number("1180")), ("G", TestWorkbook.Number("150000")), ("H", TestWorkbook.Number("170")),
                ("I", TestWorkbook.Number("2")), ("J", TestWorkbook.Boolean(true)), ("K", TestWorkbook.Inline("Báo cáo giấy")), ("L", TestWorkbook.Inline(receivedAt)));
        }

        return book;
    }

    /// <summary>The template's heading (merged) and header row (row 8), no rows below it.</summary>
    public static TestWorkbook Header() => new TestWorkbook().Texts(1, "BỘ CÔNG AN").Merge("A1:C1").Texts(8, "unitId", "propaganda-sessions", "emulation-plan",
        "ministry-targets", "no-surprise", "crime-reduction", "project06", "drug-cases", "charity-houses", "cluster-coordination", "note", "receivedAt");
}
