using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Compacts.Domain;
using Compacts.Domain.Scoring;

namespace Compacts.Functions.Standings;

public sealed record RunSummary(string RunId, DateTimeOffset ComputedAt, RunStatus Status, string Trigger);
