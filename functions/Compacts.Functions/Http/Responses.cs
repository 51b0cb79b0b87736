namespace Compacts.Functions.Http;

public static class Responses
{
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    public static ApiResult Ok(object body, string? etag = null) => new ApiResult(200, body).WithHeader("ETag", etag);

    public static ApiResult Created(object body, string? etag = null, string? location = null) =>
        new ApiResult(201, body).WithHeader("ETag", etag).WithHeader("Location", location);

    public static ApiResult NoContent() => new(204);

    private static string ProblemType(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        428 => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "about:blank",
    };

    public static ApiResult Problem(int status, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(status, new ProblemBody(ProblemType(status), title, status, detail, errors), ProblemContentType);

    public static ApiResult Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        Problem(400, "The request is not valid.", detail ?? "See 'errors' for what to correct; nothing was stored.", errors);

    public static ApiResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ApiResult NotFound(string detail) => Problem(404, "Not found.", detail);

    public static ApiResult Unauthorized(string detail) => Problem(401, "Authentication is required.", detail);

    public static ApiResult Forbidden(string detail) => Problem(403, "Not allowed.", detail);

    /// <summary>A caller's <see cref="Auth.Denial"/> as its answer: 401 when it must sign in, 403 otherwise.</summary>
    public static ApiResult Denied(Auth.Denial denial) =>
        denial.SignInRequired ? Unauthorized(denial.Detail) : Forbidden(denial.Detail);

    /// <summary>
    /// 409 of the review rules: the report's current state and revision ride along for the client to read it again, and for a confirm
    /// refused for missing evidence the criteria that lack it.
    /// </summary>
    public static ApiResult Conflict(string detail, string state, int currentRevision, IReadOnlyList<string>? missingEvidence = null) =>
        new(409, new ProblemBody(ProblemType(409), missingEvidence is null ? "The report's review state does not allow this." : "Evidence is missing.", 409, detail)
        {
            State = state,
            CurrentRevision = currentRevision,
            MissingEvidence = missingEvidence,
        }, ProblemContentType);

    /// <summary>409 of a write a draft compact refuses, with what it lacks (<see cref="Compact.RefusesReports"/>).</summary>
    public static ApiResult DraftRefused(string compactId, IReadOnlyList<string> missing) =>
        new(409, new ProblemBody(ProblemType(409), "The compact is a draft.", 409,
            $"Compact '{compactId}' is a draft: it accepts no reports, reviews, evidence, standings runs or ballots until an admin fills what 'missing' lists and PUTs it with status 'active'. Nothing was stored.")
        {
            Missing = missing,
        }, ProblemContentType);
    /// <summary>
    /// A workbook whose cells cannot be imported (400; 409 when the reports' review state refuses them): <c>cells</c> lists each
    /// with its sheet, row, column and reason, and <c>errors</c> keys the same reasons by <c>Sheet!C7</c>.
    /// </summary>
    public static ApiResult Cells(IReadOnlyList<Office.CellProblem> cells, string detail, int status = 400)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var errors = cells.GroupBy(c => c.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c.Reason).ToArray(), StringComparer.Ordinal);
        return new(status, new ProblemBody(ProblemType(status), "The workbook has cells that cannot be imported", status, detail, errors) { Cells = cells },
            ProblemContentType);
    }

    public static ApiResult PreconditionFailed(string detail) => Problem(412, "The resource has changed.", detail);

    public static ApiResult Unavailable(string detail) =>
        Problem(503, "The service is briefly unavailable.", detail).WithHeader("Retry-After", "5");
}
