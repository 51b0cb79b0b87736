using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Compacts.Bench;

/// <summary>Names, bodies and compacts the benchmarks write, and the app's functions called in process (no HTTP).</summary>
internal static class Fixtures
{
    /// <summary>A fresh prefix for tables and queues.</summary>
    public static string Prefix() => "b" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A report of the demo compact; unstamped, its receivedAt is the server's clock.</summary>
    public static object Report(bool stamped = true) => new
    {
        values = new Dictionary<string, object>
        {
            ["propaganda-sessions"] = 4,
            ["emulation-plan"] = true,
            ["ministry-targets"] = true,
            ["no-surprise"] = true,
            ["crime-reduction"] = 1180,
            ["project06"] = 150000,
            ["drug-cases"] = 170,
            ["charity-houses"] = 2,
            ["cluster-coordination"] = true,
        },
        note = "Báo cáo tháng",
        receivedAt = stamped ? "2024-04-03T09:00:00+07:00" : null, // unstamped: the server's clock
    };

    /// <summary>A compact of two criteria (one qualitative, one occurrence) over <paramref name="units"/>, the first the head.</summary>
    /// <param name="year">The compact's year.</param>
    /// <param name="dueDay">The day of the next month a month's report is due (the default rules' when null).</param>
    public static Compact SmallCompact(string[] units, int year = 2024, int? dueDay = null) => CompactValidator.Validate(new CompactDraft("Cụm 8", "Cụm", year, null, $"{year}-01-10",
        units.Select((u, i) => new MemberDraft(u, i == 0 ? "head" : "member")).ToList(), dueDay is null ? null : new ReportingDraft(dueDay, "23:59", null, null, null),
        [new ContentDraft("c1", "Nội dung", [
            new CriterionDraft("q", "Đạt", "qualitative", 10, null, null, null, null, null, null, null, null),
            new CriterionDraft("o", "Số lần", "occurrence", 10, null, null, null, null, null, 1, null, null)])])).Compact!;

    /// <summary>The storage requests <paramref name="action"/> sends.</summary>
    public static async Task<int> Count(Counter counter, Func<Task> action)
    {
        counter.Reset();
        await action();
        return counter.Count;
    }

    /// <summary>Calls a function of <typeparamref name="T"/> in process and executes its result; throws on an answer of 300 or more.</summary>
    public static async Task Call<T>(IServiceProvider services, HttpContext context, Func<T, HttpRequest, Task<IActionResult>> call) where T : class
    {
        context.RequestServices = services;
        var result = await call(ActivatorUtilities.CreateInstance<T>(services), context.Request);
        await result.ExecuteResultAsync(new ActionContext { HttpContext = context });
        if (context.Response.StatusCode >= 300)
        {
            throw new InvalidOperationException($"answered {context.Response.StatusCode}");
        }
    }

    public static HttpContext Get(string principal)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Headers[Functions.Auth.ClientPrincipal.HeaderName] = principal;
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static HttpContext Put(string principal, object body)
    {
        var context = Get(principal);
        context.Request.Method = "PUT";
        context.Request.ContentType = "application/json";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        return context;
    }
}
