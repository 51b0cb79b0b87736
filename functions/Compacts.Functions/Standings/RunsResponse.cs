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

public sealed record RunsResponse(string CompactId, Period Period, IReadOnlyList<RunSummary> Runs);
