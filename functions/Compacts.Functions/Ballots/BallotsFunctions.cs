using Compacts.Domain.Ballots;

namespace Compacts.Functions.Ballots;

/// <summary>
/// Secret ballots of a compact (docs/ballots.md): open (admin), vote (users of the electorate's units), close (admin), read and list
/// (members' users, admins), and the timer that closes them at closesAt.
/// </summary>
public sealed partial class BallotsFunctions(
    CompactScopes scopes, BallotService service, Units.UnitStore units, TimeProvider time, ILogger<BallotsFunctions> logger)
{
    public const int MaxOpenBytes = 64 * 1024;
    public const int MaxVoteBytes = 16 * 1024;

    [Function(nameof(PostBallot))]
    public async Task<IActionResult> PostBallot(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compacts/{compactId}/ballots")] HttpRequest req,
        string compactId, CancellationToken cancellationToken)
    {
        var opened = (await scopes.OpenAsync(req, compactId, period: null, unitId: null, cancellationToken))
            .Require(scope => scope.Caller.IsAdmin, "Only a secretariat admin opens a ballot.")
            .AcceptingReports();
        return await opened.ThenAsync(async scope =>
        {
            var draft = await RequestBody.ReadJsonAsync<BallotDraft>(req, MaxOpenBytes, cancellationToken);
            if (draft.Failed)
            {
                return draft.Problem;
            }

            var (ballot, errors, exists) = await service.OpenAsync(compactId, scope.Compact, draft.Value, scope.Caller.UserId, cancellationToken);
            return ballot is not null
                ? Responses.Created(BallotResponse.Of(ballot, time.GetUtcNow()), location: $"/api/compacts/{compactId}/ballots/{ballot.Ballot.BallotId}")
                : exists
                    ? Responses.Problem(409, "The ballot exists.", $"Compact '{compactId}' has a ballot '{draft.Value.BallotId}' already; choose another ballotId.")
                    : Responses.Validation(errors.ToDictionary());
        });
    }

    [Function(nameof(PutVote))]
    public async Task<IActionResult> PutVote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "compacts/{compactId}/ballots/{ballotId}/vote")] HttpRequest req,
        string compactId, string ballotId, CancellationToken cancellationToken)
    {
        var opened = await OpenBallotAsync(req, compactId, ballotId, cancellationToken);
        return await opened.ThenAsync(async found =>
        {
            // The contract's order: 404 unknown ballot, 403 not in the electorate, 409 closed or voted, then 400 for the body.
            var (scope, stored) = found;
            if (!BallotAccess.MayVote(scope.Caller, stored.Ballot))
            {
                return Responses.Forbidden(BallotAccess.VoteRefusal);
            }

            var unitId = scope.Caller.UnitId!;
            if (Refusal(stored, unitId) is { } refused)
            {
                return refused;
            }

            var body = await RequestBody.ReadJsonAsync<VoteRequestBody>(req, MaxVoteBytes, cancellationToken);
            if (body.Failed)
            {
                return body.Problem;
            }

            var (choices, errors) = BallotValidator.ValidateVote(stored.Ballot, unitId, body.Value.Choices);
            if (choices is null)
            {
                return Responses.Validation(errors.ToDictionary(), "The ballot was not cast; see 'errors'.");
            }

            return await service.VoteAsync(compactId, scope.Compact, ballotId, unitId, choices, cancellationToken) switch
            {
                null => NoBallot(compactId, ballotId),
                VoteOutcome.Counted or VoteOutcome.CountedLast => Responses.NoContent(),
                VoteOutcome.Closed => Closed(ballotId),
                _ => AlreadyVoted(unitId),
            };
        });
    }

    [Function(nameof(PostBallotClose))]
    public async Task<IActionResult> PostBallotClose(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "compacts/{compactId}/ballots/{ballotId}/close")] HttpRequest req,
        string compactId, string ballotId, CancellationToken cancellationToken)
    {
        var opened = await OpenBallotAsync(req, compactId, ballotId, cancellationToken, adminOnly: true);
        return await opened.ThenAsync(async found =>
        {
            var outcome = await service.CloseAsync(compactId, found.Scope.Compact, ballotId, $"admin:{found.Scope.Caller.UserId}", cancellationToken);
            return outcome switch
            {
                null => NoBallot(compactId, ballotId),
                { Written: false } => Responses.Problem(409, "The ballot is closed.", $"Ballot '{ballotId}' was closed at {outcome.Ballot.ClosedAt:o}."),
                _ => Responses.Ok(BallotResponse.Of(outcome.Ballot, time.GetUtcNow())),
            };
        });
    }

    [Function(nameof(GetBallot))]
    public async Task<IActionResult> GetBallot(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/ballots/{ballotId}")] HttpRequest req,
        string compactId, string ballotId, CancellationToken cancellationToken)
    {
        var opened = await OpenBallotAsync(req, compactId, ballotId, cancellationToken);
        return await opened.ThenAsync(async found =>
            Responses.Ok(BallotResponse.Of(await service.UpToDateAsync(found.Scope.Compact, found.Ballot, cancellationToken), time.GetUtcNow())));
    }

    /// <summary>The minutes of the count (biên bản kiểm phiếu) as a Word document, for the ballot's readers; 409 before the close.</summary>
    [Function(nameof(GetBallotMinutes))]
    public async Task<IActionResult> GetBallotMinutes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/ballots/{ballotId}/minutes.docx")] HttpRequest req,
        string compactId, string ballotId, CancellationToken cancellationToken)
    {
        var opened = await OpenBallotAsync(req, compactId, ballotId, cancellationToken);
        return await opened.ThenAsync(async found =>
        {
            var stored = await service.UpToDateAsync(found.Scope.Compact, found.Ballot, cancellationToken);
            if (stored.Result is null)
            {
                return Responses.Problem(409, "The ballot is open.",
                    $"Ballot '{ballotId}' closes at {stored.Ballot.ClosesAt:o}, or when every unit has voted, or by an admin; its minutes exist from then.");
            }

            var names = (await units.ListAsync(cancellationToken)).ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);
            var today = found.Scope.Calendar.LocalDate(time.GetUtcNow());
            return new ApiResult(200, BallotMinutes.Write(stored, found.Scope.Compact, names, today), Office.DocxWriter.MediaType)
                .WithHeader("Content-Disposition", $"attachment; filename=\"{compactId}-{ballotId}-bien-ban-kiem-phieu.docx\"");
        });
    }

    [Function(nameof(GetBallots))]
    public async Task<IActionResult> GetBallots(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/ballots")] HttpRequest req,
        string compactId, CancellationToken cancellationToken)
    {
        var opened = await scopes.OpenAsync(req, compactId, period: null, unitId: null, cancellationToken);
        return await opened.ThenAsync(async scope =>
        {
            var ballots = await service.ListAsync(compactId, scope.Compact, cancellationToken);
            var now = time.GetUtcNow();
            return Responses.Ok(new BallotsResponse(compactId, [.. ballots.Select(b => BallotResponse.Of(b, now))]));
        });
    }

    [Function(nameof(CloseBallots))]
    public async Task CloseBallots([TimerTrigger("%Ballots:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var closed = await service.RunTimerAsync(cancellationToken);
        LogTimer(logger, closed);
    }

    /// <summary>The compact's checks (401/403/400/404), the ballot id (400), admins only when asked (403), then the ballot (404).</summary>
    private async Task<Checked<(CompactScope Scope, StoredBallot Ballot)>> OpenBallotAsync(
        HttpRequest req, string compactId, string ballotId, CancellationToken cancellationToken, bool adminOnly = false)
    {
        var opened = await scopes.OpenAsync(req, compactId, period: null, unitId: null, cancellationToken);
        if (opened.Failed)
        {
            return new(opened.Problem);
        }

        if (RouteValues.CheckIds(("ballotId", ballotId)) is { } badId)
        {
            return new(badId);
        }

        if (adminOnly && !opened.Value.Caller.IsAdmin)
        {
            return new(Responses.Forbidden("Only a secretariat admin closes a ballot early."));
        }

        var stored = await service.PeekAsync(compactId, ballotId, cancellationToken);
        return stored is null ? new(NoBallot(compactId, ballotId)) : new((opened.Value, stored));
    }

    /// <summary>409 when the ballot is closed (or past closesAt) or the unit has voted.</summary>
    private ApiResult? Refusal(StoredBallot stored, string unitId) =>
        stored.IsClosed(time.GetUtcNow()) ? Closed(stored.Ballot.BallotId)
        : stored.Tally.HasVoted(unitId) ? AlreadyVoted(unitId)
        : null;

    private static ApiResult NoBallot(string compactId, string ballotId) => Responses.NotFound($"Compact '{compactId}' has no ballot '{ballotId}'.");

    private static ApiResult Closed(string ballotId) =>
        Responses.Problem(409, "The ballot is closed.", $"Ballot '{ballotId}' is closed (or past its closesAt); no ballot is cast any more.");

    private static ApiResult AlreadyVoted(string unitId) =>
        Responses.Problem(409, "This unit has voted.", $"Unit '{unitId}' has cast its ballot; one ballot per unit, never changed.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Ballot timer closed {Closed} ballots")]
    private static partial void LogTimer(ILogger logger, int closed);
}
