using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Compacts.Domain.Scoring;
using Compacts.Functions.Compacts;
using Compacts.Functions.Reminders;
using Compacts.Functions.Reports;
using Compacts.Functions.Scans;
using Compacts.Functions.Service;
using Compacts.Functions.Standings;
using Compacts.Functions.Units;
using Compacts.Functions.Users;

namespace Compacts.Functions.Http;

/// <summary>The OpenAPI 3 description of every route (docs/api.md). <c>OpenApiTests</c> checks it against functions.metadata.</summary>
public static class OpenApi
{
    private const string EntraId = "entraId";
    private const string LocalPrincipal = "clientPrincipal";

    private static readonly Lazy<byte[]> Document = new(() => System.Text.Encoding.UTF8.GetBytes(Build().ToJsonString(new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    })));

    public static byte[] Json => Document.Value;

    public static JsonObject Build()
    {
        var paths = new JsonObject();
        void Add(string path, string method, string summary, string tag, JsonArray parameters, JsonObject? body, params (int Status, string Description, string? Schema)[] responses)
        {
            var operation = new JsonObject
            {
                ["summary"] = summary,
                ["tags"] = new JsonArray(tag),
                ["parameters"] = parameters,
                ["responses"] = Responses(responses),
            };
            if (body is not null)
            {
                operation["requestBody"] = body;
            }

            if (path == "/health" || path == "/openapi.json")
            {
                operation["security"] = new JsonArray();
            }

            if (paths[path] is not JsonObject item)
            {
                paths[path] = item = [];
            }

            item[method] = operation;
        }

        JsonArray P(params string[] names) => new(names.Select(n => (JsonNode)Param(n)).ToArray());

        Add("/units", "get", "List units (admin)", "Units", P(), null, (200, "The units", "UnitList"));
        Add("/units/{unitId}", "get", "A unit (admin, or its reporters)", "Units", P("unitId"), null, (200, "The unit", "Unit"));
        Add("/units/{unitId}", "put", "Create or replace a unit (admin)", "Units", P("unitId"), Body("UnitBody"), (200, "Replaced", "Unit"), (201, "Created", "Unit"));
        Add("/users/{userId}", "get", "A reporter (admin, or the user)", "Users", P("userId"), null, (200, "The user", "User"));
        Add("/users/{userId}", "put", "Register a reporter for one unit (admin)", "Users", P("userId"), Body("UserBody"), (200, "Replaced", "User"), (201, "Created", "User"));
        Add("/users/{userId}", "delete", "Remove a reporter (admin)", "Users", P("userId"), null, (204, "Removed", null));
        Add("/compacts", "get", "Compacts the caller may read", "Compacts", P(), null, (200, "Summaries", "CompactSummaryList"));
        Add("/compacts/{compactId}", "get", "A compact (members and admin); ETag header", "Compacts", P("compactId"), null, (200, "The compact", "Compact"));
        Add("/compacts/{compactId}/members", "get", "The compact's members with their units' names (members and admin)", "Compacts", P("compactId"), null,
            (200, "The members", "CompactMembers"));
        Add("/compacts/{compactId}", "put", "Create or replace a compact (admin); honours If-Match and If-None-Match: *", "Compacts",
            P("compactId", "If-Match", "If-None-Match"), Body("CompactBody"), (200, "Replaced", "Compact"), (201, "Created", "Compact"), (412, "Changed since the ETag", "Problem"),
            (409, "A draft PUT over an active compact", "Problem"));
        Add("/compacts/{compactId}/next", "post", "Next year's compact (admin): a draft of year Y+1 with the same members, contents and settings, percentChange baselines and signedOn cleared; Location and ETag",
            "Compacts", P("compactId"), Body("NextYearBody"), (201, "The draft", "Compact"), (409, "A compact of that id exists, or the source compact is a draft", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}", "put", "Submit a monthly report: a new revision (JSON, urlencoded or multipart form)", "Reports",
            P("compactId", "period", "unitId", "If-Match", "Idempotency-Key"), ReportBody(),
            (200, "A new revision", "Revision"), (201, "The first revision", "Revision"), (412, "Stale If-Match; nothing stored", "Problem"),
            (422, "Idempotency-Key reused with another body", "Problem"),
            (409, "The review state refuses a new revision, or the compact is a draft (missing: what it lacks)", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}", "get", "The current revision", "Reports", P("compactId", "period", "unitId"), null, (200, "Current revision and its review; ETag header", "Report"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/revisions", "get", "Every revision, oldest first", "Reports", P("compactId", "period", "unitId"), null, (200, "Revisions", "Revisions"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/reviews", "post", "Confirm or return the latest revision (the head's users; the deputy's users for the head's report; admins); honours Idempotency-Key", "Reviews",
            P("compactId", "period", "unitId", "Idempotency-Key"), Body("ReviewBody"),
            (201, "The review", "Review"), (409, "Not the latest revision, or the state does not allow it (state, currentRevision); a confirm whose scoring values lack required evidence (missingEvidence; files malware scanning found malicious do not count); or the compact is a draft (missing)", "Problem"),
            (422, "Idempotency-Key reused with another body", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/reviews", "get", "The report's reviews, oldest first", "Reviews", P("compactId", "period", "unitId"), null, (200, "Reviews", "Reviews"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/explanations", "post", "Explain a returned revision (the unit's users, admins); honours Idempotency-Key", "Reviews",
            P("compactId", "period", "unitId", "Idempotency-Key"), Body("ExplanationBody"),
            (201, "The explanation", "Explanation"), (409, "Not the latest revision, or not returned (state, currentRevision); or the compact is a draft (missing)", "Problem"),
            (422, "Idempotency-Key reused with another body", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/history", "get", "The report's events (submitted, returned, explained, confirmed, reopened, lockedCorrection), oldest first", "Reviews",
            P("compactId", "period", "unitId"), null, (200, "History", "History"));
        Add("/compacts/{compactId}/reviews/{period}", "get", "The review queue of a month: state and waiting days per member (head's users and admins; the deputy's users see the head's row)", "Reviews",
            P("compactId", "period"), null, (200, "The queue", "ReviewQueue"));
        Add("/compacts/{compactId}/reports/{period}", "get", "Every member's current revision, and who is missing (head's reporters, admin)", "Reports",
            P("compactId", "period"), null, (200, "The period", "PeriodReports"));
        Add("/compacts/{compactId}/standings/{period}", "get", "The latest standings run (JSON; CSV with ?format=csv or Accept: text/csv; an .xlsx workbook with ?format=xlsx or Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)", "Standings",
            P("compactId", "period", "format"), null, (200, "Standings", "Standings"));
        Add("/compacts/{compactId}/standings/{period}/runs", "post", "Compute the standings now (admin)", "Standings", P("compactId", "period"), null,
            (201, "The new run", "Standings"), (409, "The period is final, or the compact is a draft (missing)", "Problem"));
        Add("/compacts/{compactId}/year", "get", "The year's result: December's latest run (its status) with each unit's twelve monthly scores and ranks (members' users, admins); ?format=xlsx: the year's scoring workbook", "Standings",
            P("compactId", "format"), null, (200, "The year", "Year"), (404, "No December run yet", "Problem"));
        Add("/units/{unitId}/history", "get", "The unit's years: each compact it is a member of, its December rank and score (or the latest status) and the titles it won (the unit's users, admins)", "Units",
            P("unitId"), null, (200, "The years, newest first", "UnitHistory"), (404, "No such unit", "Problem"));
        Add("/compacts/{compactId}/year/report.docx", "get", "The year-end report's skeleton (báo cáo tổng kết) as a Word document, with the year's table and the ballots' results (members' users, admins)", "Standings",
            P("compactId"), null, (200, "The .docx", null), (404, "No December run yet", "Problem"));
        Add("/compacts/{compactId}/targets", "get", "The targets and baselines of the quantitative criteria per unit (admin); ?format=xlsx or Accept: the workbook template to edit and PUT back; ETag header", "Imports",
            P("compactId", "format"), null, (200, "The targets, or the .xlsx template", "Targets"));
        Add("/compacts/{compactId}/targets", "put", "Replace targets and baselines from the edited workbook (admin); If-Match with the compact's ETag is required; every bad cell listed, nothing stored", "Imports",
            P("compactId", "If-Match"), FileBody(XlsxOnly), (200, "The compact", "Compact"), (400, "Cells that cannot be imported (cells, errors)", "Problem"),
            (412, "The compact changed since the ETag", "Problem"), (413, "Over 5 MiB, 50 MiB unpacked or 1,000 rows", "Problem"), (415, "Not an .xlsx", "Problem"), (428, "No If-Match", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/import", "post", "Import the month's paper reports from a workbook (admin): each row a new revision of its unit's report, all or nothing", "Imports",
            P("compactId", "period"), FileBody(XlsxOnly), (200, "Every report's new revision", "ReportImport"), (400, "Cells that cannot be imported (cells, errors)", "Problem"),
            (409, "The review rules refuse a new revision of a listed report now", "Problem"), (413, "Over 5 MiB, 50 MiB unpacked, 1,000 rows or 100 reports", "Problem"), (415, "Not an .xlsx", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/import.xlsx", "get", "The month's import template (admin): the header row and a row per member", "Imports",
            P("compactId", "period"), null, (200, "The .xlsx", null));
        Add("/compacts/{compactId}/standings/{period}/runs", "get", "Run ids and times", "Standings", P("compactId", "period"), null, (200, "Runs", "Runs"));
        Add("/compacts/{compactId}/scans/{unitId}", "put", "Upload a signed scan (PDF, JPEG, PNG or TIFF; raw body or multipart field 'file'; at most 20 MiB)", "Scans",
            P("compactId", "unitId"), FileBody(FileFormat.ScanTypes), (201, "The new version", "Scan"), (413, "Too large", "Problem"), (415, "Not an accepted type", "Problem"));
        Add("/compacts/{compactId}/scans/{unitId}", "get", "Versions, newest first, with read-only download URLs (≤ 15 minutes)", "Scans", P("compactId", "unitId"), null, (200, "Versions", "UnitScans"));
        Add("/compacts/{compactId}/scans", "get", "Which members have a scan (head's reporters, admin)", "Scans", P("compactId"), null, (200, "Scans", "CompactScans"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/evidence/{criterionId}", "put",
            "Upload evidence for a criterion of the report's latest revision (the unit's users, admins): PDF, JPEG, PNG, TIFF, Word .docx or Excel .xlsx, "
            + "recognised by their bytes; raw body or multipart field 'file'; at most 20 MiB a file, 100 MiB and 50 files a revision; every upload a new version", "Evidence",
            P("compactId", "period", "unitId", "criterionId"), FileBody(FileFormat.EvidenceTypes), (201, "The new version", "Evidence"),
            (409, "The revision is confirmed (its evidence is frozen) or a newer one arrived during the upload (state, currentRevision); or the compact is a draft (missing)", "Problem"),
            (413, "Over the file's or the revision's limit", "Problem"), (415, "Not an accepted type, or not the declared one", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/evidence", "get",
            "The evidence of the latest revision (or ?revision=), with read-only download URLs (≤ 15 minutes) and the criteria whose required evidence is missing "
            + "(the unit's users, its reviewers, admins); a file malware scanning found malicious has no URL", "Evidence",
            P("compactId", "period", "unitId", "revision"), null, (200, "The revision's files", "EvidenceList"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/evidence/{criterionId}/{version}", "get",
            "One version of a criterion's evidence in the latest revision (or ?revision=) with a fresh read-only download URL (the unit's users, its reviewers, admins)", "Evidence",
            P("compactId", "period", "unitId", "criterionId", "version", "revision"), null, (200, "The file and its URL", "Evidence"),
            (409, "Malware scanning found the file malicious: it is not served", "Problem"));
        Add("/reminders/runs", "post", "Run the reminder job now (admin): one queue message per compact; Location names the run to read back", "Reminders", P(), null,
            (202, "The run, planned", "ReminderRun"));
        Add("/reminders/runs/{runId}", "get", "A requested reminder run: compacts planned and done, mails owed, sent, failed and skipped so far (admin)", "Reminders",
            P("runId"), null, (200, "The run", "ReminderRun"));
        Add("/compacts/{compactId}/mail/{period}", "get", "The mail ledger of a month: every reminder, overdue notice, summary and result notice, its state, recipients and last error (admin)",
            "Reminders", P("compactId", "period"), null, (200, "The month's mails, by kind then unit", "MailLedger"));
        Add("/compacts/{compactId}/ballots", "post", "Open a secret ballot (admin): the electorate is the compact's members now", "Ballots", P("compactId"), Body("BallotBody"),
            (201, "The ballot, open", "Ballot"), (409, "The compact has a ballot of that id, or is a draft (missing)", "Problem"));
        Add("/compacts/{compactId}/ballots", "get", "The compact's ballots (members' users, admins); counts only in the result of closed ones", "Ballots", P("compactId"), null,
            (200, "The ballots", "Ballots"));
        Add("/compacts/{compactId}/ballots/{ballotId}", "get", "A ballot: who has voted, and after the close its result (members' users, admins); no count before the close", "Ballots",
            P("compactId", "ballotId"), null, (200, "The ballot", "Ballot"));
        Add("/compacts/{compactId}/ballots/{ballotId}/vote", "put", "Cast the caller's unit's one ballot (users of the electorate's units; admins do not vote); no Idempotency-Key", "Ballots",
            P("compactId", "ballotId"), Body("VoteBody"), (204, "Counted", null), (403, "Not a user of a unit in the electorate", "Problem"),
            (404, "No such ballot", "Problem"), (409, "Closed (or past closesAt), or the unit has voted", "Problem"), (400, "Bad choices or a self vote", "Problem"));
        Add("/compacts/{compactId}/ballots/{ballotId}/minutes.docx", "get", "The minutes of the count (biên bản kiểm phiếu) as a Word document (members' users, admins)", "Ballots",
            P("compactId", "ballotId"), null, (200, "The .docx", null), (409, "The ballot is open", "Problem"));
        Add("/compacts/{compactId}/ballots/{ballotId}/close", "post", "Close the ballot now and count it (admin)", "Ballots", P("compactId", "ballotId"), null,
            (200, "The ballot with its result", "Ballot"), (409, "Closed already", "Problem"));
        Add("/health", "get", "200 when Table, Blob and Queue storage answer and the SendGrid key is not an unresolved Key Vault reference, else 503", "Service", P(), null,
            (200, "Healthy", "Health"), (503, "Unhealthy: which check failed", "Health"));
        Add("/openapi.json", "get", "This document", "Service", P(), null, (200, "OpenAPI 3", null));

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "Giao ước thi đua — emulation compacts API",
                ["version"] = "1.0.0",
                ["description"] = "Units report monthly progress against a signed compact; standings, review, evidence files, signed scans and reminders. "
                    + "Errors are RFC 9457 problem details. Identifiers are 1..64 characters of [a-z0-9-]; user ids are lower-case e-mail addresses.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/api" }),
            ["security"] = new JsonArray(new JsonObject { [EntraId] = new JsonArray() }, new JsonObject { [LocalPrincipal] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    [EntraId] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] = "A Microsoft Entra ID access token for the API's app registration (scope api://{appId}/user_impersonation), "
                            + "sent as Authorization: Bearer. In Azure, App Service Authentication (Easy Auth) validates it, removes any "
                            + "X-MS-CLIENT-PRINCIPAL header the client sent, and passes the signed-in user on in its own X-MS-CLIENT-PRINCIPAL. "
                            + "App role Compacts.Admin makes an admin.",
                    },
                    [LocalPrincipal] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "header",
                        ["name"] = "X-MS-CLIENT-PRINCIPAL",
                        ["description"] = "Local development only (func start, the development host, tests): base64 of Easy Auth's principal JSON "
                            + "({\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"preferred_username\",\"val\":\"…\"},{\"typ\":\"roles\",\"val\":\"Compacts.Admin\"}]}). "
                            + "In Azure, Easy Auth strips this header from a client's request, so only a bearer token signs a caller in there.",
                    },
                },
                ["schemas"] = Schemas(),
            },
        };
    }

    private static JsonObject Param(string name) => name switch
    {
        "If-Match" or "If-None-Match" or "Idempotency-Key" => new JsonObject { ["name"] = name, ["in"] = "header", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } },
        "version" => new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 } },
        "revision" => new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 } },
        "format" => new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("json", "csv", "xlsx") } },
        "period" => new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{4}-(0[1-9]|1[0-2])$" } },
        "runId" => new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{17}[0-9a-f]{6}$" } },
        "userId" => new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "email" } },
        _ => new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[a-z0-9-]{1,64}$" } },
    };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    private static JsonObject Body(string schema) => new()
    {
        ["required"] = true,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(schema) } },
    };

    private static JsonObject ReportBody() => new()
    {
        ["required"] = true,
        ["content"] = new JsonObject
        {
            ["application/json"] = new JsonObject { ["schema"] = Ref("ReportBody") },
            ["application/x-www-form-urlencoded"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object", ["description"] = "One field per criterion id, plus note; booleans true/false/on (an unticked checkbox is false)." } },
            ["multipart/form-data"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object", ["description"] = "As the urlencoded form." } },
        },
    };

    private static readonly IReadOnlySet<string> XlsxOnly = new HashSet<string>(StringComparer.Ordinal) { FileFormat.Xlsx };

    private static JsonObject FileBody(IReadOnlySet<string> types)
    {
        var content = new JsonObject();
        foreach (var type in FileFormat.Extensions.Keys.Where(types.Contains))
        {
            content[type] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } };
        }

        content["multipart/form-data"] = new JsonObject
        {
            ["schema"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["file"] = new JsonObject { ["type"] = "string", ["format"] = "binary" } } },
        };
        return new JsonObject { ["required"] = true, ["content"] = content };
    }

    private static JsonObject Responses((int Status, string Description, string? Schema)[] responses)
    {
        var result = new JsonObject();
        foreach (var (status, description, schema) in responses)
        {
            var response = new JsonObject { ["description"] = description };
            if (schema is not null)
            {
                var type = schema == "Problem" ? "application/problem+json" : "application/json";
                response["content"] = new JsonObject { [type] = new JsonObject { ["schema"] = Ref(schema) } };
            }

            result[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        foreach (var (status, description) in new[] { (400, "Invalid input; 'errors' maps field paths to messages"), (401, "No valid principal"), (403, "Not allowed"), (404, "Not found"), (503, "Storage unavailable; see Retry-After") })
        {
            result[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ??= new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Ref("Problem") } },
            };
        }

        return result;
    }

    /// <summary>
    /// Every component schema but <c>ReportBody</c>, by the type the API serializes or deserializes with <see cref="ApiJson.Options"/>:
    /// each is generated from that type, so a property added to a record is in the document. A record named here is referenced
    /// (<c>$ref</c>) wherever another one holds it; any other record is inlined.
    /// </summary>
    internal static readonly IReadOnlyList<(string Name, Type Type)> Records =
    [
        ("Problem", typeof(ProblemBody)),
        ("CellProblem", typeof(Office.CellProblem)),
        ("UnitBody", typeof(UnitBody)),
        ("Unit", typeof(Unit)),
        ("UnitList", typeof(IReadOnlyList<Unit>)),
        ("UserBody", typeof(UserBody)),
        ("User", typeof(User)),
        ("CompactBody", typeof(CompactDraft)),
        ("NextYearBody", typeof(NextYearDraft)),
        ("Compact", typeof(CompactResponse)),
        ("Member", typeof(Member)),
        ("ReportingRules", typeof(ReportingRules)),
        ("ReviewSettings", typeof(ReviewSettings)),
        ("Content", typeof(Content)),
        ("Criterion", typeof(Criterion)),
        ("CompactMembers", typeof(CompactMembersResponse)),
        ("CompactSummary", typeof(CompactSummary)),
        ("CompactSummaryList", typeof(IReadOnlyList<CompactSummary>)),
        ("Revision", typeof(ReportRevision)),
        ("Report", typeof(Reports.ReportResponse)),
        ("ReviewBody", typeof(Reviews.ReviewRequestBody)),
        ("ExplanationBody", typeof(Reviews.ExplanationRequestBody)),
        ("Review", typeof(Reports.StoredReview)),
        ("Explanation", typeof(Reviews.StoredExplanation)),
        ("Reviews", typeof(Reviews.ReviewsResponse)),
        ("Year", typeof(Standings.YearResponse)),
        ("UnitHistory", typeof(Year.UnitHistoryResponse)),
        ("History", typeof(Reviews.HistoryResponse)),
        ("ReviewQueue", typeof(Reviews.ReviewQueueResponse)),
        ("Revisions", typeof(RevisionsResponse)),
        ("Targets", typeof(Imports.TargetsResponse)),
        ("TargetRow", typeof(Imports.TargetRow)),
        ("ReportImport", typeof(Imports.ReportImportResponse)),
        ("PeriodReports", typeof(PeriodReportsResponse)),
        ("Standings", typeof(StandingsResponse)),
        ("StandingRow", typeof(StandingRow)),
        ("Runs", typeof(RunsResponse)),
        ("Scan", typeof(ScanResponse)),
        ("UnitScans", typeof(UnitScansResponse)),
        ("CompactScans", typeof(CompactScansResponse)),
        ("Evidence", typeof(Evidence.EvidenceResponse)),
        ("EvidenceList", typeof(Evidence.EvidenceListResponse)),
        ("MailLedger", typeof(MailLedgerResponse)),
        ("MailRecord", typeof(MailRecord)),
        ("ReminderRun", typeof(ReminderRun)),
        ("Health", typeof(HealthResponse)),
        ("BallotBody", typeof(Domain.Ballots.BallotDraft)),
        ("VoteBody", typeof(Ballots.VoteRequestBody)),
        ("Ballot", typeof(Ballots.BallotResponse)),
        ("BallotResult", typeof(Domain.Ballots.BallotResult)),
        ("Ballots", typeof(Ballots.BallotsResponse)),
    ];

    private static readonly Dictionary<Type, string> ComponentNames = Records.ToDictionary(r => r.Type, r => r.Name);

    /// <summary>
    /// What a property's type cannot say: the values a draft's text fields accept (the domain's enums, as the validator reads them),
    /// formats and patterns the validators check, and the values of a few status strings. Keyed by the declaring record and the JSON name.
    /// </summary>
    private static readonly Dictionary<(Type Record, string Property), Action<JsonObject>> Hints = new()
    {
        [(typeof(MemberDraft), "role")] = s => s["enum"] = EnumValues<MemberRole>(nullable: true),
        [(typeof(CriterionDraft), "type")] = s => s["enum"] = EnumValues<CriterionType>(nullable: true),
        [(typeof(CriterionDraft), "direction")] = s => s["enum"] = EnumValues<Direction>(nullable: true),
        [(typeof(CriterionDraft), "measure")] = s => s["enum"] = EnumValues<Measure>(nullable: true),
        [(typeof(CriterionDraft), "accrual")] = s => s["enum"] = EnumValues<Accrual>(nullable: true),
        [(typeof(CriterionDraft), "method")] = s => s["enum"] = EnumValues<ScoringMethod>(nullable: true),
        [(typeof(CriterionDraft), "evidence")] = s => s["enum"] = new JsonArray("required", "none", null),
        [(typeof(CompactDraft), "signedOn")] = s => s["format"] = "date",
        [(typeof(Domain.Ballots.BallotDraft), "closesAt")] = s => s["format"] = "date-time",
        [(typeof(ReportingDraft), "dueTime")] = s => s["pattern"] = TimePattern,
        [(typeof(UnitBody), "emails")] = s => s["items"]!["format"] = "email",
        [(typeof(Unit), "emails")] = s => s["items"]!["format"] = "email",
        [(typeof(User), "userId")] = s => s["format"] = "email",
        [(typeof(HealthResponse), "status")] = s => s["enum"] = new JsonArray("healthy", "unhealthy"),
        [(typeof(HealthResponse), "mail")] = s => s["enum"] = new JsonArray("sendgrid", "outbox", "unresolved"),
        [(typeof(ReminderRun), "status")] = s => s["enum"] = new JsonArray("running", "done"),
        [(typeof(ReminderRunCompact), "state")] = s => s["enum"] = new JsonArray("planned", "done"),
    };

    private const string TimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    private static JsonObject Schemas()
    {
        var schemas = new JsonObject();
        foreach (var (name, type) in Records)
        {
            schemas[name] = SchemaOf(type);
            if (name == "CompactBody")
            {
                schemas["ReportBody"] = ReportBodySchema();
            }
        }

        return schemas;
    }

    /// <summary>
    /// Written by hand: a report body is not deserialized into a record but read token by token (<see cref="ReportRequest"/>), so that a
    /// number keeps the digits the client wrote and a form and a JSON body give the same request.
    /// </summary>
    private static JsonObject ReportBodySchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "Criterion id to value: a number, or true/false for a qualitative criterion.",
                ["additionalProperties"] = ReportValueSchema(),
            },
            ["note"] = new JsonObject { ["type"] = "string", ["maxLength"] = 4000 },
            ["receivedAt"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        },
        ["required"] = new JsonArray("values"),
        ["additionalProperties"] = false,
    };

    /// <summary>The OpenAPI 3.0 schema of <paramref name="type"/> as <see cref="ApiJson.Options"/> writes and reads it.</summary>
    internal static JsonObject SchemaOf(Type type)
    {
        var exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = (context, node) => Transform(context, node) };
        var schema = ApiJson.Options.GetJsonSchemaAsNode(type, exporter).AsObject();
        ToOpenApi30(schema);
        return schema;
    }

    private static JsonObject Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var info = context.TypeInfo;
        var nullableProperty = context.PropertyInfo is { } declared
            && (Nullable.GetUnderlyingType(declared.PropertyType) is not null || (!declared.PropertyType.IsValueType && declared.IsGetNullable));
        if (!context.Path.IsEmpty && ComponentNames.TryGetValue(info.Type, out var name))
        {
            // A $ref takes no siblings in OpenAPI 3.0: a property that may be absent (null) wraps it.
            return nullableProperty ? new JsonObject { ["allOf"] = new JsonArray(Ref(name)), ["nullable"] = true } : Ref(name);
        }

        var schema = ConverterSchema(info.Type) ?? node as JsonObject ?? [];
        if (nullableProperty && schema["type"] is null && schema["nullable"] is null)
        {
            schema["nullable"] = true; // e.g. a JsonElement? (any JSON), which the exporter leaves without a type
        }

        // The exporter leaves a dictionary value or a property whose type has one of the API's converters open (and for a
        // property with a default value it does not call this hook at all), so the container fills them in.
        if (info.Kind == JsonTypeInfoKind.Dictionary && schema["additionalProperties"] is null && ConverterSchema(info.ElementType!) is { } values)
        {
            schema["additionalProperties"] = values;
        }

        if (info.Kind == JsonTypeInfoKind.Object && schema["properties"] is JsonObject properties)
        {
            foreach (var property in info.Properties)
            {
                if (properties[property.Name] is JsonObject open && open["type"] is null && open["$ref"] is null && ConverterSchema(property.PropertyType) is { } known)
                {
                    properties[property.Name] = known;
                }
            }
        }

        if (context.PropertyInfo is { } owner && Hints.TryGetValue((owner.DeclaringType, owner.Name), out var hint))
        {
            hint(schema);
        }

        return schema;
    }

    /// <summary>The schema of a type written by one of <see cref="ApiJson.Options"/>'s own converters, or null for any other type.</summary>
    private static JsonObject? ConverterSchema(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var schema = (underlying ?? type) switch
        {
            var t when t == typeof(decimal) || t == typeof(NumberLiteral) => new JsonObject { ["type"] = "number" },
            var t when t == typeof(DateTimeOffset) => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            var t when t == typeof(TimeOnly) => new JsonObject { ["type"] = "string", ["pattern"] = TimePattern },
            var t when t == typeof(Period) => new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]{4}-(0[1-9]|1[0-2])$" },
            var t when t == typeof(ReportValue) => ReportValueSchema(),
            _ => null,
        };
        if (schema is not null && underlying is not null)
        {
            schema["nullable"] = true;
        }

        return schema;
    }

    private static JsonObject ReportValueSchema() => new()
    {
        ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "number" }, new JsonObject { ["type"] = "boolean" }),
    };

    private static JsonArray EnumValues<TEnum>(bool nullable)
        where TEnum : struct, Enum
    {
        var values = new JsonArray(Enum.GetNames<TEnum>().Select(n => (JsonNode?)JsonNamingPolicy.CamelCase.ConvertName(n)).ToArray());
        if (nullable)
        {
            values.Add(null);
        }

        return values;
    }

    /// <summary>
    /// JSON Schema's <c>"type": ["string", "null"]</c> (or an enum holding null) as OpenAPI 3.0's <c>"nullable": true</c>, and
    /// <c>required</c> as the API writes: every property that is not nullable (a null one is left out, <c>WhenWritingNull</c>; a body
    /// record's nullable fields may be left out and the validator names the missing ones).
    /// </summary>
    private static void ToOpenApi30(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                if (schema["type"] is JsonArray types)
                {
                    var named = types.Select(t => t!.GetValue<string>()).ToList();
                    schema["type"] = named.Single(t => t != "null");
                    if (named.Contains("null"))
                    {
                        schema["nullable"] = true;
                    }
                }

                if (schema["enum"] is JsonArray values && values.Any(v => v is null))
                {
                    schema["type"] ??= "string";
                    schema["nullable"] = true;
                }

                foreach (var (_, child) in schema.ToList())
                {
                    ToOpenApi30(child);
                }

                if (schema["properties"] is JsonObject properties)
                {
                    var required = properties.Where(p => p.Value?["nullable"] is null).Select(p => (JsonNode?)p.Key).ToArray();
                    schema.Remove("required");
                    if (required.Length > 0)
                    {
                        schema["required"] = new JsonArray(required);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    ToOpenApi30(item);
                }

                break;
            default:
                break;
        }
    }
}
