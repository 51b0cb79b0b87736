using Compacts.Domain;
using Compacts.Functions.Http;
using Compacts.Functions.Reports;
using Compacts.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Compacts.Functions.Reports;

public sealed record PeriodReportsResponse(
    string CompactId, Period Period, DateTimeOffset DueAt, IReadOnlyList<ReportRevision> Reports, IReadOnlyList<string> Missing);
