using System.Globalization;
using System.Text;
using Compacts.Domain;
using Compacts.Domain.Scoring;
using Compacts.Functions.Auth;
using Compacts.Functions.Http;
using Compacts.Functions.Standings;
using Compacts.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Compacts.Functions.Standings;

public sealed record StandingsResponse(
    string CompactId, Period Period, string RunId, DateTimeOffset ComputedAt, RunStatus Status, DateTimeOffset DueAt, DateTimeOffset FinalAt,
    IReadOnlyList<StandingRow> Rows);
