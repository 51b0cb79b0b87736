using Compacts.Domain;
using Compacts.Functions.Http;
using Compacts.Functions.Reports;
using Compacts.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Compacts.Functions.Reports;

public sealed record RevisionsResponse(string CompactId, Period Period, string UnitId, IReadOnlyList<ReportRevision> Revisions);
