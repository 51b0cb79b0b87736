using Compacts.Domain.Review;
using Compacts.Domain.Scoring;
using Compacts.Functions.Auth;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Standings;

/// <summary>Monthly standings: the latest run (JSON, CSV or an .xlsx workbook), the list of runs, and an admin's "compute now".</summary>
public sealed class StandingsFunctions(CompactScopes scopes, StandingsStore standings, StandingsService service, TimeProvider time)
{
    [Function(nameof(GetStandings))]
    public async Task<IActionResult> GetStandings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/standings/{period}")] HttpRequest req,
        string compactId, string period, CancellationToken cancellationToken)
    {
        var opened = await scopes.OpenAsync(req, compactId, period, unitId: null, cancellationToken);
        return await opened.ThenAsync(async scope =>
        {
            if (Negotiate(req, "csv", "xlsx") is not { } format)
            {
                return Responses.Validation("format", "format is 'json', 'csv' or 'xlsx'.");
            }

            if (await standings.GetLatestRunAsync(compactId, scope.Period, cancellationToken) is not { } run)
            {
                return Responses.NotFound($"No standings of {scope.Period} have been computed yet.");
            }

            return format switch
            {
                "csv" => new ApiResult(200, Csv(run, scope.Compact), "text/csv; charset=utf-8")
                    .WithHeader("Content-Disposition", $"attachment; filename=\"{compactId}-{scope.Period}-standings.csv\""),
                "xlsx" => new ApiResult(200, StandingsWorkbook.Write(run, scope.Compact, scope.Calendar.LocalDate(time.GetUtcNow())),
                        Office.XlsxWriter.MediaType)
                    .WithHeader("Content-Disposition", $"attachment; filename=\"{compactId}-{scope.Period}-standings.xlsx\""),
                _ => Responses.Ok(ToResponse(run, scope.Compact, time.GetUtcNow())),
            };
        });
    }

    /// <summary>The year's result: December's latest run with each unit's twelve months (JSON), or the year's workbook (?format=xlsx).</summary>
    [Function(nameof(GetYear))]
    public async Task<IActionResult> GetYear(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/year")] HttpRequest req,
        string compactId, CancellationToken cancellationToken)
    {
        var opened = await scopes.OpenAsync(req, compactId, period: null, unitId: null, cancellationToken);
        return await opened.ThenAsync(async scope =>
        {
            if (Negotiate(req, "xlsx") is not { } format)
            {
                return Responses.Validation("format", "format is 'json' or 'xlsx'.");
            }

            var year = await YearResult.ReadAsync(standings, compactId, scope.Compact.Year, cancellationToken);
            if (year is null)
            {
                return Responses.NotFound($"No standings of {scope.Compact.Year}-12 have been computed yet; the year's result is December's run.");
            }

            return format == "xlsx"
                ? new ApiResult(200, YearWorkbook.Write(year, scope.Compact, scope.Calendar.LocalDate(time.GetUtcNow())),
                        Office.XlsxWriter.MediaType)
                    .WithHeader("Content-Disposition", $"attachment; filename=\"{compactId}-{scope.Compact.Year}-tong-hop.xlsx\"")
                : Responses.Ok(year.ToResponse());
        });
    }

    [Function(nameof(GetStandingsRuns))]
    public async Task<IActionResult> GetStandingsRuns(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/standings/{period}/runs")] HttpRequest req,
        string compactId, string period, CancellationToken cancellationToken)
    {
        var opened = await scopes.OpenAsync(req, compactId, period, unitId: null, cancellationToken);
        return opened.Failed
            ? opened.Problem
            : Responses.Ok(new RunsResponse(compactId, opened.Value.Period, await standings.ListRunsAsync(compactId, opened.Value.Period, cancellationToken)));
    }

    [Function(nameof(PostStandingsRun))]
    public async Task<IActionResult> PostStandingsRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compacts/{compactId}/standings/{period}/runs")] HttpRequest req,
        string compactId, string period, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period, unitId: null, cancellationToken))
            .Require(scope => scope.Caller.IsAdmin, $"Only a secretariat admin (role {ClientPrincipal.AdminRole}) may recompute standings.")
            .AcceptingReports();
        return await opened.ThenAsync(async scope =>
        {
            return await service.ComputeAsync(compactId, scope.Period, $"admin:{scope.Caller.UserId}", force: true, cancellationToken) switch
            {
                ComputeOutcome.Written written => Responses.Created(ToResponse(written.Run, scope.Compact, time.GetUtcNow()),
                    location: $"/api/compacts/{compactId}/standings/{scope.Period}"),
                ComputeOutcome.AlreadyFinal final => Responses.Problem(409, "The standings of this period are final.",
                    $"Run {final.RunId} is final; no run of {scope.Period} is written after it."),
                ComputeOutcome.Contended => Responses.Unavailable(
                    "The reports of this period kept changing while the standings were computed; retry shortly."),
                _ => Responses.NotFound($"There is no compact '{compactId}'."),
            };
        });
    }

    /// <summary>
    /// The answer's format: <c>?format=</c> when given (null when it is neither json nor one of <paramref name="offered"/>), else
    /// the first offered format whose media type the Accept header names, else json.
    /// </summary>
    private static string? Negotiate(HttpRequest req, params string[] offered)
    {
        var format = req.Query["format"].ToString();
        if (format.Length > 0)
        {
            return format == "json" || offered.Contains(format, StringComparer.Ordinal) ? format : null;
        }

        var accept = req.Headers.Accept.ToString();
        return offered.FirstOrDefault(f => accept.Contains(f == "xlsx" ? Office.XlsxWriter.MediaType : "text/csv", StringComparison.OrdinalIgnoreCase)) ?? "json";
    }

    private static StandingsResponse ToResponse(StandingsRun run, Compact compact, DateTimeOffset now)
    {
        var calendar = new CompactCalendar(compact);
        var pending = run.Status != RunStatus.Final && compact.Review.Required && now >= calendar.FinalizeInstant(run.Period);
        return new StandingsResponse(run.CompactId, run.Period, run.RunId, run.ComputedAt, run.Status,
            calendar.DueInstant(run.Period), calendar.FinalizeInstant(run.Period), run.Rows)
        {
            Basis = run.Basis,
            FinalPending = pending ? "review" : null,
        };
    }

    /// <summary>The rows as CSV, UTF-8 with a BOM so that spreadsheet programs show Vietnamese; criteria in compact order.</summary>
    internal static byte[] Csv(StandingsRun run, Compact compact)
    {
        var criteria = compact.AllCriteria().Select(c => c.Id).ToList();
        var text = new StringBuilder();
        var header = new List<string> { "rank", "unitId", "unitName", "score", "total", "assignedMax", "base", "adjustments", "penalty", "lateMonths", "exceeded", "notRanked", "reviewState" };
        text.AppendJoin(',', header.Concat(criteria).Select(TextField)).Append("\r\n");
        foreach (var row in run.Rows)
        {
            var fields = new List<string>
            {
                Number(row.Rank), TextField(row.UnitId), TextField(row.UnitName), Number(row.Score), Number(row.Total), Number(row.AssignedMax), Number(row.Base),
                Number(row.Adjustments), Number(row.Penalty), Number(row.LateMonths), Number(row.Exceeded), row.NotRanked ? "true" : "false",
                row.ReviewState is { } state ? ReviewRules.Name(state) : "",
            };
            fields.AddRange(criteria.Select(c => row.Criteria.TryGetValue(c, out var score) ? Number(score) : ""));
            text.AppendJoin(',', fields).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// A text cell (an id, a name, a header), neutralised as OWASP's CSV injection guidance says: one starting with
    /// '=', '+', '-', '@', a tab or a carriage return gets a leading "'" and is quoted, so a spreadsheet shows it rather than
    /// runs it. Numbers the app writes itself (Number(…), e.g. a negative total) are not text and stay numbers.
    /// </summary>
    internal static string TextField(string value)
    {
        var formula = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (formula)
        {
            value = "'" + value;
        }

        return formula || value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
