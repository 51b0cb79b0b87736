using System.Text.Json.Nodes;

namespace Compacts.Functions.Http;

/// <summary>The OpenAPI 3 description of every route (docs/api.md). <c>OpenApiTests</c> checks it against functions.metadata.</summary>
public static class OpenApi
{
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
        Add("/compacts/{compactId}", "put", "Create or replace a compact (admin); honours If-Match and If-None-Match: *", "Compacts",
            P("compactId", "If-Match", "If-None-Match"), Body("CompactBody"), (200, "Replaced", "Compact"), (201, "Created", "Compact"), (412, "Changed since the ETag", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}", "put", "Submit a monthly report: a new revision (JSON, urlencoded or multipart form)", "Reports",
            P("compactId", "period", "unitId", "If-Match", "Idempotency-Key"), ReportBody(),
            (200, "A new revision", "Revision"), (201, "The first revision", "Revision"), (412, "Stale If-Match; nothing stored", "Problem"),
            (422, "Idempotency-Key reused with another body", "Problem"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}", "get", "The current revision", "Reports", P("compactId", "period", "unitId"), null, (200, "Current revision; ETag header", "Revision"));
        Add("/compacts/{compactId}/reports/{period}/{unitId}/revisions", "get", "Every revision, oldest first", "Reports", P("compactId", "period", "unitId"), null, (200, "Revisions", "Revisions"));
        Add("/compacts/{compactId}/reports/{period}", "get", "Every member's current revision, and who is missing (head's reporters, admin)", "Reports",
            P("compactId", "period"), null, (200, "The period", "PeriodReports"));
        Add("/compacts/{compactId}/standings/{period}", "get", "The latest standings run (JSON, or CSV with ?format=csv or Accept: text/csv)", "Standings",
            P("compactId", "period", "format"), null, (200, "Standings", "Standings"));
        Add("/compacts/{compactId}/standings/{period}/runs", "post", "Compute the standings now (admin)", "Standings", P("compactId", "period"), null,
            (201, "The new run", "Standings"), (409, "The period is final", "Problem"));
        Add("/compacts/{compactId}/standings/{period}/runs", "get", "Run ids and times", "Standings", P("compactId", "period"), null, (200, "Runs", "Runs"));
        Add("/compacts/{compactId}/scans/{unitId}", "put", "Upload a signed scan (PDF, JPEG, PNG or TIFF; raw body or multipart field 'file'; at most 20 MiB)", "Scans",
            P("compactId", "unitId"), ScanBody(), (201, "The new version", "Scan"), (413, "Too large", "Problem"), (415, "Not an accepted type", "Problem"));
        Add("/compacts/{compactId}/scans/{unitId}", "get", "Versions, newest first, with read-only download URLs (≤ 15 minutes)", "Scans", P("compactId", "unitId"), null, (200, "Versions", "UnitScans"));
        Add("/compacts/{compactId}/scans", "get", "Which members have a scan (head's reporters, admin)", "Scans", P("compactId"), null, (200, "Scans", "CompactScans"));
        Add("/reminders/runs", "post", "Run the reminder job now (admin): one queue message per compact; Location names the run to read back", "Reminders", P(), null,
            (202, "The run, planned", "ReminderRun"));
        Add("/reminders/runs/{runId}", "get", "A requested reminder run: compacts planned and done, mails owed, sent, failed and skipped so far (admin)", "Reminders",
            P("runId"), null, (200, "The run", "ReminderRun"));
        Add("/compacts/{compactId}/mail/{period}", "get", "The mail ledger of a month: every reminder, overdue notice, summary and result notice, its state, recipients and last error (admin)",
            "Reminders", P("compactId", "period"), null, (200, "The month's mails, by kind then unit", "MailLedger"));
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
                ["description"] = "Units report monthly progress against a signed compact; standings, signed scans and reminders. "
                    + "Errors are RFC 9457 problem details. Identifiers are 1..64 characters of [a-z0-9-]; user ids are lower-case e-mail addresses.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/api" }),
            ["security"] = new JsonArray(new JsonObject { ["easyAuth"] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["easyAuth"] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "header",
                        ["name"] = "X-MS-CLIENT-PRINCIPAL",
                        ["description"] = "Set by App Service Authentication (Microsoft Entra ID) in Azure; base64 of the principal's JSON. Role Compacts.Admin makes an admin.",
                    },
                },
                ["schemas"] = Schemas(),
            },
        };
    }

    private static JsonObject Param(string name) => name switch
    {
        "If-Match" or "If-None-Match" or "Idempotency-Key" => new JsonObject { ["name"] = name, ["in"] = "header", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } },
        "format" => new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("json", "csv") } },
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

    private static JsonObject ScanBody()
    {
        var content = new JsonObject();
        foreach (var type in new[] { "application/pdf", "image/jpeg", "image/png", "image/tiff" })
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

    private static JsonObject Obj(params (string Name, JsonNode Schema)[] properties) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema))),
    };

    private static JsonObject T(string type, string? format = null) =>
        format is null ? new JsonObject { ["type"] = type } : new JsonObject { ["type"] = type, ["format"] = format };

    private static JsonObject ListOf(JsonNode item) => new() { ["type"] = "array", ["items"] = item };

    private static JsonObject Schemas()
    {
        var criterion = Obj(("id", T("string")), ("title", T("string")),
            ("type", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("quantitative", "qualitative", "occurrence", "adjustment") }),
            ("maxPoints", T("number")), ("direction", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("increase", "decrease") }),
            ("measure", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("absolute", "percentChange") }),
            ("accrual", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("cumulative", "rate") }),
            ("method", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("linear", "leaderRelative") }),
            ("targets", new JsonObject { ["type"] = "object", ["additionalProperties"] = Obj(("target", T("number")), ("baseline", T("number"))) }),
            ("pointsEach", T("number")), ("min", T("number")), ("max", T("number")));
        var compact = Obj(("title", T("string")), ("cluster", T("string")), ("year", T("integer")), ("timeZone", T("string")), ("signedOn", T("string", "date")),
            ("members", ListOf(Obj(("unitId", T("string")), ("role", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("head", "member") })))),
            ("reporting", Obj(("dueDay", T("integer")), ("dueTime", T("string")), ("latePenalty", T("number")), ("finalizeAfterDays", T("integer")), ("remindDaysBefore", ListOf(T("integer"))))),
            ("contents", ListOf(Obj(("id", T("string")), ("title", T("string")), ("criteria", ListOf(criterion))))));
        var compactWithId = compact.DeepClone().AsObject();
        compactWithId["properties"]!.AsObject().Insert(0, "compactId", T("string"));
        var revision = Obj(("compactId", T("string")), ("period", T("string")), ("unitId", T("string")), ("revision", T("integer")), ("receivedAt", T("string", "date-time")),
            ("late", T("boolean")), ("values", new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["oneOf"] = new JsonArray(T("number"), T("boolean")) } }),
            ("note", T("string")), ("submittedBy", T("string")));
        var row = Obj(("rank", T("integer")), ("unitId", T("string")), ("unitName", T("string")), ("score", T("number")), ("total", T("number")), ("assignedMax", T("number")),
            ("base", T("number")), ("adjustments", T("number")), ("penalty", T("number")), ("lateMonths", T("integer")), ("exceeded", T("integer")), ("notRanked", T("boolean")),
            ("criteria", new JsonObject { ["type"] = "object", ["additionalProperties"] = T("number") }));
        var scan = Obj(("compactId", T("string")), ("unitId", T("string")), ("version", T("integer")), ("sha256", T("string")), ("size", T("integer")), ("contentType", T("string")),
            ("uploadedBy", T("string")), ("uploadedAt", T("string", "date-time")), ("downloadUrl", T("string", "uri")), ("downloadExpiresAt", T("string", "date-time")));
        var unit = Obj(("unitId", T("string")), ("name", T("string")), ("emails", ListOf(T("string", "email"))));
        return new JsonObject
        {
            ["Problem"] = Obj(("type", T("string")), ("title", T("string")), ("status", T("integer")), ("detail", T("string")),
                ("errors", new JsonObject { ["type"] = "object", ["additionalProperties"] = ListOf(T("string")) })),
            ["UnitBody"] = Obj(("name", T("string")), ("emails", ListOf(T("string", "email")))),
            ["Unit"] = unit,
            ["UnitList"] = ListOf(Ref("Unit")),
            ["UserBody"] = Obj(("unitId", T("string")), ("name", T("string"))),
            ["User"] = Obj(("userId", T("string")), ("unitId", T("string")), ("name", T("string"))),
            ["CompactBody"] = compact,
            ["Compact"] = compactWithId,
            ["CompactSummaryList"] = ListOf(Obj(("compactId", T("string")), ("title", T("string")), ("cluster", T("string")), ("year", T("integer")))),
            ["ReportBody"] = Obj(("values", new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["oneOf"] = new JsonArray(T("number"), T("boolean")) } }),
                ("note", new JsonObject { ["type"] = "string", ["maxLength"] = 4000 }), ("receivedAt", T("string", "date-time"))),
            ["Revision"] = revision,
            ["Revisions"] = Obj(("compactId", T("string")), ("period", T("string")), ("unitId", T("string")), ("revisions", ListOf(Ref("Revision")))),
            ["PeriodReports"] = Obj(("compactId", T("string")), ("period", T("string")), ("dueAt", T("string", "date-time")), ("reports", ListOf(Ref("Revision"))), ("missing", ListOf(T("string")))),
            ["Standings"] = Obj(("compactId", T("string")), ("period", T("string")), ("runId", T("string")), ("computedAt", T("string", "date-time")),
                ("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("provisional", "final") }), ("dueAt", T("string", "date-time")), ("finalAt", T("string", "date-time")), ("rows", ListOf(row))),
            ["Runs"] = Obj(("compactId", T("string")), ("period", T("string")), ("runs", ListOf(Obj(("runId", T("string")), ("computedAt", T("string", "date-time")), ("status", T("string")), ("trigger", T("string")))))),
            ["Scan"] = scan,
            ["UnitScans"] = Obj(("compactId", T("string")), ("unitId", T("string")), ("versions", ListOf(Ref("Scan")))),
            ["CompactScans"] = Obj(("compactId", T("string")), ("scanned", ListOf(Obj(("unitId", T("string")), ("versions", T("integer")), ("latest", Ref("Scan"))))), ("missing", ListOf(T("string")))),
            ["MailLedger"] = Obj(("compactId", T("string")), ("period", T("string")), ("mails", ListOf(Obj(
                ("kind", T("string")), ("unitId", T("string")), ("state", T("string")), ("attempts", T("integer")), ("claimedAt", T("string", "date-time")),
                ("sentAt", T("string", "date-time")), ("failedAt", T("string", "date-time")), ("messageId", T("string")), ("recipients", ListOf(T("string"))),
                ("lastError", T("string")))))),
            ["ReminderRun"] = Obj(("runId", T("string")), ("requestedAt", T("string", "date-time")), ("requestedBy", T("string")),
                ("status", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("running", "done") }), ("planned", T("integer")), ("done", T("integer")),
                ("owed", T("integer")), ("sent", T("integer")), ("failed", T("integer")), ("skipped", T("integer")),
                ("compacts", ListOf(Obj(("compactId", T("string")), ("state", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("planned", "done") }),
                    ("owed", T("integer")), ("sent", T("integer")), ("failed", T("integer")), ("skipped", T("integer")))))),
            ["Health"] = Obj(("status", T("string")), ("tables", T("boolean")), ("blobs", T("boolean")), ("queues", T("boolean")),
                ("mail", new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("sendgrid", "outbox", "unresolved") })),
        };
    }
}
