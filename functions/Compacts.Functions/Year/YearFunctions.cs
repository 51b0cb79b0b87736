using Compacts.Functions.Ballots;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Year;

/// <summary>The year-end report's skeleton (docs/documents.md), for the year's readers (members' users, admins); a unit's history.</summary>
public sealed class YearFunctions(
    CompactScopes scopes, CallerGuard callers, StandingsStore standings, BallotService ballots, Units.UnitStore units, UnitHistory history, TimeProvider time)
{
    [Function(nameof(GetUnitHistory))]
    public async Task<IActionResult> GetUnitHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "units/{unitId}/history")] HttpRequest req, string unitId, CancellationToken cancellationToken)
    {
        var resolved = (await callers.CallerAsync(req, RouteValues.CheckIds(("unitId", unitId)), cancellationToken))
            .Require(caller => caller.IsAdmin || caller.IsReporterOf(unitId), "A unit's history is read by its own users and the secretariat.");
        return await resolved.ThenAsync(async caller =>
            await units.GetAsync(unitId, cancellationToken) is null
                ? Responses.NotFound($"There is no unit '{unitId}'.")
                : Responses.Ok(await history.ReadAsync(unitId, cancellationToken)));
    }

    [Function(nameof(GetYearReport))]
    public async Task<IActionResult> GetYearReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/year/report.docx")] HttpRequest req,
        string compactId, CancellationToken cancellationToken)
    {
        var opened = await scopes.OpenAsync(req, compactId, period: null, unitId: null, cancellationToken);
        return await opened.ThenAsync(async scope =>
        {
            if (await YearResult.ReadAsync(standings, compactId, scope.Compact.Year, cancellationToken) is not { } year)
            {
                return Responses.NotFound($"No standings of {scope.Compact.Year}-12 have been computed yet; the report's table is December's run.");
            }

            var names = (await units.ListAsync(cancellationToken)).ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);
            var today = scope.Calendar.LocalDate(time.GetUtcNow());
            var report = YearReport.Write(year, await ballots.ListAsync(compactId, scope.Compact, cancellationToken), scope.Compact, names, today);
            return new ApiResult(200, report, Office.DocxWriter.MediaType)
                .WithHeader("Content-Disposition", $"attachment; filename=\"{compactId}-bao-cao-tong-ket.docx\"");
        });
    }
}
